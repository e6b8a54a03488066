/**
 * Debian's net-snmp 5.9 tools against the agent of an emulated print device on 127.0.0.1:
 * snmpwalk of the Printer MIB in v2c and v1 (which also checks that every OID increases),
 * snmpbulkwalk (GETBULK), snmpget of the Host Resources status, snmpset refused, and silence for
 * a wrong community. OIDs are printed numerically (-On) so the output does not depend on which
 * MIB files the machine has. (The fixture server's devices are walked in printer-status-snmp.)
 */
import { execFile } from 'node:child_process';
import { VirtualClock } from '../../../lib/common/clock';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintDevice } from '../../../lib/devices/print-device';
import { SnmpAgent } from '../../../lib/devices/snmp/snmp-agent';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';

jest.setTimeout(60000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(tool: 'snmpwalk' | 'snmpbulkwalk' | 'snmpget' | 'snmpset', args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TOOLS[tool], [...args], { timeout: 20000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * "OID = value" lines as a map. Our MIB view ends with the Printer MIB, so a walk meets
 * endOfMibView there and net-snmp prints it as a last line under the last OID: left out here.
 */
function lines(out: string): Map<string, string> {
  return new Map(
    out
      .split('\n')
      .filter(
        (l) =>
          l.includes(' = ') &&
          !l.endsWith('= No more variables left in this MIB View (It is past the end of the MIB tree)'),
      )
      .map((l) => l.split(' = ', 2) as [string, string]),
  );
}

describeWithTools(['snmpwalk', 'snmpbulkwalk', 'snmpget', 'snmpset'], 'net-snmp tools against the device agent', () => {
  const printer = new PrintDevice(
    {
      name: 'HpColor',
      outputDir: '/nonexistent',
      supplies: {
        tonerPercent: 80,
        trays: [
          { name: 'Tray 1', mediaName: 'Letter', capacity: 100 },
          { name: 'Tray 2', mediaName: 'A4', capacity: 500, sheets: 250 },
        ],
      },
    },
    new VirtualClock(),
    createSilentLogger(),
  );
  const agent = new SnmpAgent({ source: printer, community: 'public', logger: createSilentLogger() });
  let target = '';
  beforeAll(async () => {
    const { host, port } = await agent.listen(0, '127.0.0.1');
    target = `${host}:${port}`;
  });
  afterAll(() => agent.close());
  // Faults cleared (paper loaded) after each test.
  afterEach(() => printer.clearFault());

  const walk = async (version: '1' | '2c', root: string): Promise<Map<string, string>> => {
    const r = await run('snmpwalk', ['-On', `-v${version}`, '-c', 'public', target, root]);
    expect({ code: r.code, stderr: r.stderr.replace(/^Created directory: .*\n/m, '') }).toEqual({
      code: 0,
      stderr: '',
    });
    return lines(r.stdout);
  };

  it('snmpwalk -v2c of 1.3.6.1.2.1.43 shows the toner and the trays', async () => {
    const mib = await walk('2c', '1.3.6.1.2.1.43');
    expect(mib.get('.1.3.6.1.2.1.43.11.1.1.6.1.1')).toBe('STRING: "Black Toner Cartridge"');
    expect(mib.get('.1.3.6.1.2.1.43.11.1.1.8.1.1')).toBe('INTEGER: 100'); // prtMarkerSuppliesMaxCapacity
    expect(mib.get('.1.3.6.1.2.1.43.11.1.1.9.1.1')).toBe('INTEGER: 80'); // prtMarkerSuppliesLevel
    expect(mib.get('.1.3.6.1.2.1.43.8.2.1.9.1.2')).toBe('INTEGER: 500'); // prtInputMaxCapacity
    expect(mib.get('.1.3.6.1.2.1.43.8.2.1.10.1.2')).toBe('INTEGER: 250'); // prtInputCurrentLevel
    expect(mib.get('.1.3.6.1.2.1.43.8.2.1.12.1.1')).toBe('STRING: "Letter"'); // prtInputMediaName
    expect(mib.get('.1.3.6.1.2.1.43.8.2.1.12.1.2')).toBe('STRING: "A4"');
    expect([...mib.keys()].some((k) => k.startsWith('.1.3.6.1.2.1.43.18.'))).toBe(false); // no alerts
  });

  it('after paper out, the alert table and hrPrinterDetectedErrorState show it', async () => {
    printer.injectFault('paper-out');
    const mib = await walk('2c', '1.3.6.1.2.1.43.18');
    const codes = [...mib].filter(([k]) => k.startsWith('.1.3.6.1.2.1.43.18.1.1.7.1.')).map(([, v]) => v);
    expect(codes).toEqual(['INTEGER: 808']); // inputMediaSupplyEmpty
    expect([...mib.values()]).toContain('STRING: "Out of paper: Tray 1"');
    const r = await run('snmpget', [
      '-On',
      '-v2c',
      '-c',
      'public',
      target,
      '1.3.6.1.2.1.25.3.5.1.2.1',
      '1.3.6.1.2.1.25.3.2.1.5.1',
    ]);
    expect(r.code).toBe(0);
    const got = lines(r.stdout);
    expect(got.get('.1.3.6.1.2.1.25.3.5.1.2.1')?.trim()).toBe('Hex-STRING: 40 00'); // noPaper
    expect(got.get('.1.3.6.1.2.1.25.3.2.1.5.1')).toBe('INTEGER: 5'); // down
  });

  it('snmpwalk -v1 of the whole tree ends cleanly at the end of the MIB', async () => {
    const mib = await walk('1', '1.3.6.1.2.1');
    expect(mib.get('.1.3.6.1.2.1.1.5.0')).toBe('STRING: "HpColor"');
    expect(mib.get('.1.3.6.1.2.1.25.3.2.1.2.1')).toBe('OID: .1.3.6.1.2.1.25.3.1.5'); // hrDevicePrinter
    expect(mib.get('.1.3.6.1.2.1.43.11.1.1.9.1.1')).toBe('INTEGER: 80');
  });

  it('snmpget -v1 of sysDescr, sysName and the printer status', async () => {
    const r = await run('snmpget', [
      '-On',
      '-v1',
      '-c',
      'public',
      target,
      '1.3.6.1.2.1.1.1.0',
      '1.3.6.1.2.1.1.5.0',
      '1.3.6.1.2.1.25.3.5.1.1.1',
    ]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(
      new Map([
        ['.1.3.6.1.2.1.1.1.0', `STRING: "${printer.mibSnapshot().sysDescr}"`],
        ['.1.3.6.1.2.1.1.5.0', 'STRING: "HpColor"'],
        ['.1.3.6.1.2.1.25.3.5.1.1.1', 'INTEGER: 3'], // idle
      ]),
    );
  });

  it('snmpbulkwalk (GETBULK) sees the same Printer MIB as snmpwalk', async () => {
    printer.injectFault('door-open');
    printer.injectFault('jam');
    const walked = await walk('2c', '1.3.6.1.2.1.43');
    const r = await run('snmpbulkwalk', ['-On', '-v2c', '-c', 'public', '-Cr7', target, '1.3.6.1.2.1.43']);
    expect(r.code).toBe(0);
    const bulk = lines(r.stdout);
    expect(bulk.size).toBeGreaterThan(40);
    expect(bulk).toEqual(walked);
  });

  it('snmpget in v2c names noSuchInstance and noSuchObject', async () => {
    const r = await run('snmpget', ['-On', '-v2c', '-c', 'public', target, '1.3.6.1.2.1.1.5.1', '1.3.6.1.2.1.99.1.0']);
    expect(r.stdout).toContain('.1.3.6.1.2.1.1.5.1 = No Such Instance currently exists at this OID');
    expect(r.stdout).toContain('.1.3.6.1.2.1.99.1.0 = No Such Object available on this agent at this OID');
  });

  it('snmpset is refused: notWritable in v2c, noSuchName in v1', async () => {
    const v2 = await run('snmpset', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.1.5.0', 's', 'Renamed']);
    expect(v2.code).not.toBe(0);
    expect(v2.stderr).toContain('Reason: notWritable');
    const v1 = await run('snmpset', ['-v1', '-c', 'public', target, '1.3.6.1.2.1.1.5.0', 's', 'Renamed']);
    expect(v1.code).not.toBe(0);
    expect(v1.stderr).toContain('(noSuchName)');
  });

  it('a wrong community gets no answer at all', async () => {
    const r = await run('snmpget', ['-v2c', '-c', 'private', '-t', '1', '-r', '0', target, '1.3.6.1.2.1.1.1.0']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('Timeout: No Response');
  });
});
