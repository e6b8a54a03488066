/**
 * The NTPRINT fixture server's printers as network printers (issue 19): HpColor's port
 * IP_10.0.0.15 is a printer of its own on 127.0.0.15, whose agent Debian's snmpwalk and snmpget
 * read; after `pointprint device HpColor fault paper-out` its alert table and
 * hrPrinterDetectedErrorState say so, and `pointprint status` and rpcclient `getprinter
 * HpColor 2` report PRINTER_STATUS_PAPER_OUT, learned through SNMP: with the agent turned off
 * (`pointprint device HpColor snmp off`) the same printer, still out of paper, turns OFFLINE
 * with its faults unknown, as Windows shows a printer whose SNMP status does not answer.
 *
 * The server polls every 250 ms (server setting statusUpdateIntervalMs); the tests wait with a
 * bounded poll (until), never a fixed delay.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import type { PortDevice, ServerStatus } from '../../../lib/spooler/print-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { runCli, type CliRun } from '../../helpers/run-cli';
import { until } from '../../helpers/until';
import { ALICE, rpcclient, run } from '../../helpers/rpc-stack';

jest.setTimeout(60000);

const pointprint = (args: string[]): Promise<CliRun> => runCli(buildPointprintProgram, args);

/** "OID = value" lines of net-snmp's numeric output. */
function lines(out: string): Map<string, string> {
  return new Map(
    out
      .split('\n')
      .filter((l) => l.includes(' = ') && !l.includes('No more variables left in this MIB View'))
      .map((l) => l.split(' = ', 2) as [string, string]),
  );
}

describeWithTools(
  ['snmpwalk', 'snmpget', 'rpcclient'],
  "the fixture server's printers, their status through SNMP",
  () => {
    let state: string;
    let host: PrintServerHost;
    let port: number;

    beforeAll(async () => {
      state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-snmp-status-'));
      host = await PrintServerHost.create({
        stateDir: state,
        settings: { statusUpdateIntervalMs: 250 },
        logger: createSilentLogger(),
      });
      ({ port } = await host.listen(0, '127.0.0.1'));
    });
    afterAll(async () => {
      await host?.close();
      await fs.rm(state, { recursive: true, force: true });
    });

    const status = async (): Promise<ServerStatus> => {
      const r = await pointprint(['status', '--json', '--state', state]);
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as ServerStatus;
    };
    const hpColor = async (): Promise<{ statusNames: readonly string[]; device: PortDevice }> => {
      const p = (await status()).printers.find((x) => x.name === 'HpColor');
      if (!p?.devices[0]) throw new Error('HpColor has no device');
      return { statusNames: p.statusNames, device: p.devices[0] };
    };
    const snmp = async (tool: 'snmpwalk' | 'snmpget', target: string, oids: string[]): Promise<Map<string, string>> => {
      const r = await run(TOOLS[tool], ['-On', '-v2c', '-c', 'public', '-t', '2', '-r', '1', target, ...oids]);
      expect({ code: r.code, stderr: r.stderr.replace(/^Created directory: .*\n/m, '') }).toEqual({
        code: 0,
        stderr: '',
      });
      return lines(r.stdout);
    };
    const getprinter = async (): Promise<string> => {
      const r = await rpcclient(port, ALICE, 'getprinter HpColor 2');
      expect(r.code).toBe(0);
      return /status:\[(0x[0-9a-f]+)\]/i.exec(r.stdout)?.[1] ?? r.stdout;
    };

    it('HpColor is a printer on 127.0.0.15 whose Printer MIB shows its toner and trays', async () => {
      const { device } = await until('the first SNMP poll', async () => {
        const hp = await hpColor();
        return hp.device.snmp?.answering ? hp : undefined;
      });
      expect(device).toMatchObject({ port: 'IP_10.0.0.15', protocol: 'RAW', source: 'snmp', state: 'idle' });
      expect(device.address).toMatch(/^127\.0\.0\.15:\d+$/);
      const agent = device.snmp!.address;
      expect(agent).toMatch(/^127\.0\.0\.15:\d+$/);

      const mib = await snmp('snmpwalk', agent, ['1.3.6.1.2.1.43']);
      expect(mib.get('.1.3.6.1.2.1.43.11.1.1.6.1.1')).toBe('STRING: "Black Toner Cartridge"');
      expect(mib.get('.1.3.6.1.2.1.43.11.1.1.8.1.1')).toBe('INTEGER: 100'); // prtMarkerSuppliesMaxCapacity
      expect(mib.get('.1.3.6.1.2.1.43.11.1.1.9.1.1')).toBe(`INTEGER: ${device.tonerPercent}`); // level
      expect(mib.get('.1.3.6.1.2.1.43.8.2.1.12.1.1')).toBe('STRING: "Letter"'); // prtInputMediaName
      expect(mib.get('.1.3.6.1.2.1.43.8.2.1.12.1.2')).toBe('STRING: "A4"');
      expect(mib.get('.1.3.6.1.2.1.43.8.2.1.9.1.2')).toBe('INTEGER: 500'); // prtInputMaxCapacity
      expect(mib.get('.1.3.6.1.2.1.43.8.2.1.10.1.2')).toBe(`INTEGER: ${device.trays?.[1]?.sheets}`);
      expect(mib.get('.1.3.6.1.2.1.43.10.2.1.4.1.1')).toBe(`Counter32: ${device.pagesPrinted}`); // prtMarkerLifeCount
      expect([...mib.keys()].some((k) => k.startsWith('.1.3.6.1.2.1.43.18.'))).toBe(false); // no alerts
      // What the spooler shows is what the agent said.
      expect(device.trays?.map((t) => t.name)).toEqual(['Tray 1', 'Tray 2']);
    });

    it('paper-out: the alert table and hrPrinterDetectedErrorState, then PAPER_OUT in status and getprinter', async () => {
      const agent = (await hpColor()).device.snmp!.address;
      const fault = await pointprint(['device', 'HpColor', 'fault', 'paper-out', '--state', state]);
      expect(fault.out).toMatch(/faults: paper-out/);

      const alerts = await snmp('snmpwalk', agent, ['1.3.6.1.2.1.43.18']);
      expect([...alerts].filter(([k]) => k.startsWith('.1.3.6.1.2.1.43.18.1.1.7.1.')).map(([, v]) => v)).toEqual([
        'INTEGER: 808', // inputMediaSupplyEmpty
      ]);
      expect([...alerts.values()]).toContain('STRING: "Out of paper: Tray 1"');
      const hr = await snmp('snmpget', agent, ['1.3.6.1.2.1.25.3.5.1.2.1', '1.3.6.1.2.1.25.3.2.1.5.1']);
      expect(hr.get('.1.3.6.1.2.1.25.3.5.1.2.1')?.trim()).toBe('Hex-STRING: 40 00'); // noPaper
      expect(hr.get('.1.3.6.1.2.1.25.3.2.1.5.1')).toBe('INTEGER: 5'); // down

      const hp = await until('PAPER_OUT from the next poll', async () => {
        const s = await hpColor();
        return s.statusNames.includes('PRINTER_STATUS_PAPER_OUT') ? s : undefined;
      });
      expect(hp.statusNames).toEqual(['PRINTER_STATUS_ERROR', 'PRINTER_STATUS_PAPER_OUT']);
      expect(hp.device).toMatchObject({ state: 'stopped', faults: ['paper-out'], alerts: ['Out of paper: Tray 1'] });
      expect(await getprinter()).toBe('0x12'); // PAPER_OUT | ERROR
      const text = await pointprint(['status', '--state', state]);
      expect(text.out).toMatch(/HpColor \(shared as HpColor\) {2}ERROR\|PAPER_OUT/);
      expect(text.out).toMatch(
        /device IP_10\.0\.0\.15 \(RAW 127\.0\.0\.15:\d+\): stopped, .* faults: paper-out \[SNMP 127\.0\.0\.15:\d+\]/,
      );
    });

    it('with the agent off, the same printer (still out of paper) is OFFLINE, faults unknown; on again, PAPER_OUT again', async () => {
      const off = await pointprint(['device', 'HpColor', 'snmp', 'off', '--state', state]);
      expect(off.out).toMatch(/faults: paper-out, .*SNMP agent off/);
      const hp = await until('OFFLINE once the agent is silent', async () => {
        const s = await hpColor();
        return s.statusNames.includes('PRINTER_STATUS_OFFLINE') ? s : undefined;
      });
      expect(hp.statusNames).toEqual(['PRINTER_STATUS_OFFLINE']);
      expect(hp.device).toMatchObject({ state: 'unknown', faults: [], snmp: { answering: false } });
      expect(hp.device.tonerPercent).toBeUndefined();
      expect(await getprinter()).toBe('0x80'); // OFFLINE
      const text = await pointprint(['status', '--state', state]);
      expect(text.out).toMatch(/device IP_10\.0\.0\.15 .*: unknown, .*not answering\]/);

      expect((await pointprint(['device', 'HpColor', 'snmp', 'on', '--state', state])).code).toBe(0);
      await until('PAPER_OUT again', async () =>
        (await hpColor()).statusNames.includes('PRINTER_STATUS_PAPER_OUT') ? true : undefined,
      );
      expect(await getprinter()).toBe('0x12');
      expect((await pointprint(['device', 'HpColor', 'clear', '--state', state])).code).toBe(0);
      await until('READY', async () => ((await hpColor()).statusNames.length === 0 ? true : undefined));
      expect(await getprinter()).toBe('0x0');
    });
  },
);
