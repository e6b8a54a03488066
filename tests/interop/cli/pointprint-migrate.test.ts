/**
 * `pointprint migrate` between a Samba smbd (samba-print-server.ts: HpColor with its driver and
 * CopyFiles\ICM) and pointprint, both ways: what Samba's own `net rpc printer migrate` cannot do
 * (net-rpc-printer.test.ts) is checked with rpcclient against both servers:
 *   - settings: every key, `CopyFiles\ICM` included, with its values' types and bytes;
 *   - security: `getprinter HpColor 3` reads the same on both;
 *   - forms: a user form arrives (AddForm), and a second run updates it (SetForm).
 *   - printers: AddPrinterEx level 2 when missing (ERROR_UNKNOWN_PORT said first), SetPrinter 2 else;
 *   - drivers: the files over SMB2 from one PRINT$ to the other, AddPrinterDriverEx; the names,
 *     file lists and bytes (each side's files carry a marker) compare.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { RegType, regSz } from '../../../lib/common/reg-value';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';
import { runCli, type CliRun } from '../../helpers/run-cli';
import {
  SAMBA_DRIVER,
  SAMBA_SPOOLSS_PY_PRELUDE,
  markedDriversStore,
  startSambaPrintServer,
  type SambaPrintServer,
} from '../../helpers/samba-print-server';

jest.setTimeout(180_000);

const DRIVERS_STORE = path.resolve(__dirname, '..', '..', '..', 'drivers-store');
/** The Local Port monitor's ports, a value each. */
const LOCAL_PORTS_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports';
const X86_DRIVERS_KEY =
  'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Environments\\Windows NT x86\\Drivers';
const HPCOLOR_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor';

/** SetPrinter level 3 on smbd through Samba's Python bindings: a descriptor neither server has yet. */
const SET_SECURITY_PY =
  SAMBA_SPOOLSS_PY_PRELUDE +
  String.raw`
from samba.dcerpc import security
sd = security.descriptor.from_sddl("O:BAG:BAD:(A;;0xf000c;;;BA)(A;;0x20008;;;WD)(A;;0x20008;;;AU)", security.dom_sid("S-1-5-32"))
ctr = spoolss.SetPrinterInfoCtr()
ctr.level = 3
ctr.info = spoolss.SetPrinterInfo3()
sdc = security.sec_desc_buf()
sdc.sd = sd
conn.SetPrinter(h, ctr, spoolss.DevmodeContainer(), sdc, 0)
conn.ClosePrinter(h)
`;

/** rpcclient's lines for a key, sorted (each server lists its values in its own order). */
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .sort();

describeWithTools(['rpcclient', 'smbd', 'python3'], 'pointprint migrate between smbd and pointprint', () => {
  const address = `127.0.0.${40 + ((process.pid + 113) % 150)}`;
  let samba: SambaPrintServer;
  let host: PrintServerHost;
  let ourPort: number;
  let account: string;
  let state: string;
  let sourceStore: string;

  beforeAll(async () => {
    // smbd's driver files differ from pointprint's own copy of the same driver, so that what
    // arrives is seen to come from smbd.
    sourceStore = markedDriversStore(DRIVERS_STORE, 'smbd');
    samba = await startSambaPrintServer({ driversStore: sourceStore });
    // pointprint's state folder: its PRINT$ is the folder's copy of the drivers store, writable
    // by administrators.
    state = mkdtempSync(path.join(os.tmpdir(), 'pointprint-migrate-state-'));
    account = `${samba.user}%${samba.password}`;
    host = await PrintServerHost.create({
      users: [{ name: samba.user, password: samba.password, groups: ['Administrators'] }],
      rpc: { port: false },
      stateDir: state,
    });
    ourPort = (await host.listen(0, address)).port;
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await samba?.stop();
    rmSync(state, { recursive: true, force: true });
    rmSync(sourceStore, { recursive: true, force: true });
  });

  const migrate = (part: string, from: 'smbd' | 'pointprint', ...more: string[]): Promise<CliRun> => {
    const s = `//127.0.0.1:${samba.port}`;
    const p = `//${address}:${ourPort}`;
    const [source, destination] = from === 'smbd' ? [s, p] : [p, s];
    return runCli(buildPointprintProgram, [
      'migrate',
      part,
      '--source',
      source,
      '--destination',
      destination,
      '--rpc',
      'np',
      '-U',
      account,
      ...more,
    ]);
  };
  /** A pointprint admin command against our server. */
  const ourCli = (...args: string[]): Promise<CliRun> =>
    runCli(buildPointprintProgram, [...args, '--address', `${address}:${ourPort}`, '--rpc', 'np', '-U', account]);
  const onSmbd = (command: string): Promise<string> => samba.rpcclient(command);
  const onPointprint = async (command: string): Promise<string> =>
    (await run(TOOLS.rpcclient, ['-p', String(ourPort), '-U', account, '-c', command, address])).stdout;

  const sameOnBoth = async (command: string): Promise<string[]> => {
    const ours = lines(await onPointprint(command));
    expect(ours).toEqual(lines(await onSmbd(command)));
    return ours;
  };

  it('settings, smbd to pointprint: every key with its values, CopyFiles\\ICM included', async () => {
    host.printServer.registry.deleteKey(`${HPCOLOR_KEY}\\CopyFiles`);
    expect(await onPointprint('enumkey HpColor CopyFiles')).not.toContain('ICM');
    const r = await migrate('settings', 'smbd', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { settings: { printer: string; keys: number; values: number }[] };
    expect(report.settings).toEqual([expect.objectContaining({ printer: 'HpColor', keys: 5, values: 14 })]);
    expect(r.err).toContain('CopyFiles\\ICM: 3 value(s)');
    expect(await onPointprint('enumkey HpColor CopyFiles')).toContain('ICM');
    const icm = lines(await onPointprint('enumdataex HpColor "CopyFiles\\ICM"'));
    for (const l of lines(await onSmbd('enumdataex HpColor "CopyFiles\\ICM"'))) expect(icm).toContain(l);
    expect(icm).toContain('Files: REG_MULTI_SZ: Hpclrlsr.icm');
  });

  it('settings, pointprint to smbd: a third-level key and its REG_BINARY arrive, and the values smbd lacked', async () => {
    host.printServer.registry
      .createKey(`${HPCOLOR_KEY}\\CopyFiles\\ICM\\Profiles`)
      .setValue({ name: 'Order', type: RegType.REG_BINARY, value: Buffer.from([1, 0, 2, 0]) });
    expect(await onSmbd('enumdataex HpColor "CopyFiles\\ICM"')).not.toContain('SourceDir');
    const r = await migrate('settings', 'pointprint', '--printer', 'HpColor');
    expect(r.code).toBe(0);
    expect(r.out).toContain('settings of HpColor:');
    await sameOnBoth('enumdataex HpColor "CopyFiles\\ICM"');
    expect(await sameOnBoth('enumdataex HpColor "CopyFiles\\ICM\\Profiles"')).toEqual([
      '01000200',
      'Order: REG_BINARY:',
    ]);
  });

  it('security, pointprint to smbd: GetPrinter 3 then SetPrinter 3 with the descriptor; getprinter 3 reads the same', async () => {
    expect(lines(await onPointprint('getprinter HpColor 3'))).not.toEqual(lines(await onSmbd('getprinter HpColor 3')));
    const r = await migrate('security', 'pointprint', '--printer', 'HpColor');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/security of HpColor: descriptor of \d+ bytes/);
    expect(await sameOnBoth('getprinter HpColor 3')).toContain('Owner SID:\tS-1-5-18');
  });

  it('security, smbd to pointprint: a descriptor set on smbd arrives', async () => {
    const py = await run(TOOLS.python3, [
      '-c',
      SET_SECURITY_PY,
      JSON.stringify({ port: samba.port, user: samba.user, password: samba.password, printer: 'HpColor' }),
    ]);
    expect(py.stderr).toBe('');
    const smbdSd = lines(await onSmbd('getprinter HpColor 3'));
    expect(smbdSd).toContain('Owner SID:\tS-1-5-32-544');
    expect(lines(await onPointprint('getprinter HpColor 3'))).not.toEqual(smbdSd);
    const r = await migrate('security', 'smbd');
    expect(r.code).toBe(0);
    expect(await sameOnBoth('getprinter HpColor 3')).toEqual(smbdSd);
  });

  it('forms, both ways: user forms arrive by AddForm, again by SetForm; built-in forms stay', async () => {
    await onSmbd('addform HpColor "From smbd"');
    const toUs = await migrate('forms', 'smbd');
    expect(toUs.err).toContain('form "From smbd" added');
    expect(toUs.code).toBe(0);
    expect(toUs.out).toMatch(/forms: 1 added, 0 updated; \d+ built-in forms left/);
    await sameOnBoth('getform HpColor "From smbd"');
    const again = await migrate('forms', 'smbd');
    expect(again.out).toMatch(/forms: 0 added, 1 updated/);

    const added = await ourCli('form', 'add', `\\\\${address}`, 'From pointprint', '--size', '100x150mm');
    expect(added.err).toBe('');
    const toSmbd = await migrate('forms', 'pointprint');
    expect(toSmbd.code).toBe(0);
    expect(toSmbd.err).toContain('form "From pointprint" added');
    expect(await sameOnBoth('getform HpColor "From pointprint"')).toContain('width: 100000, length: 150000');
  });

  it('every failure says what to do: a printer the destination lacks', async () => {
    const r = await migrate('settings', 'pointprint', '--printer', 'Marketing');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('cannot open \\\\127.0.0.1\\Marketing');
    expect(r.err).toContain('pointprint migrate printers');
  });

  it('printers, smbd to pointprint: AddPrinterEx level 2 when missing; a port it lacks says what to do', async () => {
    expect(await onSmbd('setprinter HpColor "Comment from smbd"')).toContain('Success');
    const deleted = await ourCli('printer', 'delete', `\\\\${address}\\HpColor`);
    expect(deleted.err).toBe('');
    const noPort = await migrate('printers', 'smbd');
    expect(noPort.code).not.toBe(0);
    expect(noPort.err).toContain('pointprint migrate: cannot add');
    expect(noPort.err).toContain('ERROR_UNKNOWN_PORT');
    expect(noPort.err).toContain('pointprint port add');
    host.printServer.registry.createKey(LOCAL_PORTS_KEY).setValue(regSz('Samba Printer Port', ''));
    const r = await migrate('printers', 'smbd');
    expect(r.err).toContain('added (AddPrinterEx level 2)');
    expect(r.code).toBe(0);
    const info = await onPointprint('getprinter HpColor 2');
    expect(info).toContain('comment:[Comment from smbd]');
    expect(info).toContain('portname:[Samba Printer Port]');
    expect(info).toContain(`drivername:[${SAMBA_DRIVER.name}]`);
  });

  it('printers, pointprint to smbd: SetPrinter level 2 brings the comment to the printer smbd has', async () => {
    expect(await onPointprint('setprinter HpColor "Comment from pointprint"')).toContain('Success');
    const r = await migrate('printers', 'pointprint', '--printer', 'HpColor');
    expect(r.err).toContain('updated (SetPrinter level 2)');
    expect(r.code).toBe(0);
    expect(await onSmbd('getprinter HpColor 2')).toContain('comment:[Comment from pointprint]');
  });

  /** The names of a driver's files, in getdriver's order, as rpcclient prints them for x64. */
  const x64Files = (text: string): string[] => {
    const block = text.split('Printer Driver Info 3:').find((b) => b.includes('Architecture: [Windows x64]')) ?? '';
    return [...block.matchAll(/^\s*(?:Driver Path|Datafile|Configfile|Helpfile|Dependentfiles): \[([^\]]*)\]/gm)]
      .map((m) => (m[1] ?? '').split('\\').pop() ?? '')
      .filter((f) => f !== '');
  };

  it("drivers, smbd to pointprint: the files from smbd's print$ into ours, AddPrinterDriverEx; names, files and bytes compare", async () => {
    const r = await migrate('drivers', 'smbd');
    expect(r.err).toContain(`driver "${SAMBA_DRIVER.name}" (Windows x64), 7 files`);
    expect(r.code).toBe(0);
    const theirs = x64Files(await onSmbd('getdriver HpColor 3'));
    expect(theirs).toHaveLength(7);
    expect(x64Files(await onPointprint('getdriver HpColor 3'))).toEqual(theirs);
    for (const f of theirs) {
      const ours = readFileSync(path.join(state, 'drivers', 'x64', '3', f));
      expect(ours).toEqual(readFileSync(path.join(samba.printDollar, 'x64', '3', f)));
      expect(ours.toString('latin1')).toContain(`${f} as smbd serves it`);
    }
  });

  it("drivers, pointprint to smbd: our files into smbd's print$\\x64, smbd's AddPrinterDriverEx installs them", async () => {
    // smbd reads an x86 driver's PE header for its version and our files are placeholders
    // (net-rpc-printer.test.ts): the x64 driver is the one migrated.
    host.printServer.registry.deleteKey(X86_DRIVERS_KEY);
    for (const f of readdirSync(path.join(state, 'drivers', 'x64', '3')))
      appendFileSync(path.join(state, 'drivers', 'x64', '3', f), `\n${f} as pointprint serves it\n`);
    const r = await migrate('drivers', 'pointprint', '--printer', 'HpColor');
    expect(r.err).toContain(`driver "${SAMBA_DRIVER.name}" (Windows x64), 7 files`);
    expect(r.code).toBe(0);
    const ours = x64Files(await onPointprint('getdriver HpColor 3'));
    expect(x64Files(await onSmbd('getdriver HpColor 3'))).toEqual(ours);
    for (const f of ours) {
      const theirs = readFileSync(path.join(samba.printDollar, 'x64', '3', f));
      expect(theirs).toEqual(readFileSync(path.join(state, 'drivers', 'x64', '3', f)));
      expect(theirs.toString('latin1')).toContain(`${f} as pointprint serves it`);
    }
  });
});
