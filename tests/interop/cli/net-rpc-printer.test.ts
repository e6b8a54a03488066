/**
 * Samba's `net rpc printer` against pointprint: `list` and `driver` read our printers and drivers
 * (net first needs \pipe\lsarpc for the domain SID), and `migrate` copies from pointprint to a
 * Samba smbd on another loopback address, and from a Samba smbd into pointprint. net uses one port
 * for both servers, so pointprint listens on 127.0.0.N at smbd's port.
 * `pointprint migrate` (pointprint-migrate.test.ts) does what net cannot, listed below.
 *
 * What net 4.17 itself cannot do, whatever the source (found in its source, net_rpc_printer.c):
 *   - `migrate drivers` copies the files into the destination's print$\<arch>\, then fails in
 *     its own AddPrinterDriver call: it passes a spoolss_DriverInfo3 as a spoolss_AddDriverInfo3,
 *     whose fields are in another order, so what it marshals is undefined. Seen here: into
 *     pointprint it dies of a signal in ndr_push_spoolss_StringArray (a Bus error); into smbd
 *     (smbd migrating into itself, same source driver; and pointprint's driver into smbd) the
 *     marshalling fails with NT_STATUS_INVALID_PARAMETER, a client-side status. Either way the
 *     call never reaches the destination, and net stops at the first driver (`migrate all` too,
 *     after `printers`, before `forms`). The tests then finish the install as an administrator
 *     would, with rpcclient `adddriver` and the source's DRIVER_INFO_3, and compare the drivers
 *     (name, files and their bytes) on both servers;
 *   - `migrate settings` without a printer name stops after the first printer: its loop over the
 *     printer's keys reuses the printers' loop index, so it runs per printer here;
 *   - `migrate security` reads our PRINTER_INFO_3 but puts the descriptor in the SetPrinter level 2
 *     structure's placeholder and sends an empty SECURITY_CONTAINER: no descriptor reaches smbd;
 *   - printers are not created on smbd (no `addprinter command`): they exist there beforehand;
 *   - (smbd's own limit, migrating to it) smbd reads an x86 driver's PE header for its version; our
 *     driver files are placeholders: the x86 drivers are taken out of the source first, so the
 *     x64 driver is the one migrated.
 * and, migrating into pointprint:
 *   - `migrate forms` copies only FORM_PRINTER forms ("only migrate FORM_PRINTER types"): a user
 *     form (FORM_USER, what AddForm makes) stays behind;
 *   - `migrate settings` copies the values of the printer's top-level keys (EnumPrinterKey of "",
 *     then EnumPrinterDataEx of each): `CopyFiles` has no values of its own and its subkey
 *     `CopyFiles\ICM` is never asked for, so it does not arrive (here or on any server);
 *   - `migrate security`: the same empty SECURITY_CONTAINER as above, so the printer keeps the
 *     descriptor AddPrinterEx gave it;
 *   - `migrate drivers` writes the driver files into our print$\x64\ (an administrator's, with a
 *     state folder: the folder's copy of the drivers store), then fails in AddPrinterDriver as above;
 *     `adddriver` then moves them into x64\3\ (the files are made to differ from our own copy of
 *     the same driver, so that what arrives is seen to be smbd's);
 *   - `migrate printers` sends the source's PRINTER_INFO_2 as is, with the source's port
 *     ("Samba Printer Port"): the destination needs that port, as a Windows destination does.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { regSz } from '../../../lib/common/reg-value';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';
import { runCli } from '../../helpers/run-cli';
import {
  SAMBA_DRIVER,
  SAMBA_SPOOLSS_PY_PRELUDE,
  startSambaPrintServer,
  type SambaPrintServer,
} from '../../helpers/samba-print-server';
import { startSamba, type SambaServer } from '../../helpers/samba-server';

jest.setTimeout(180_000);

/**
 * net 4.17's own failure in AddPrinterDriver (see the header): it marshals a DriverInfo3 as an
 * AddDriverInfo3, and dies of a signal in the marshalling, or the marshalling fails
 * (NT_STATUS_INVALID_PARAMETER, a client-side status: a server's refusal would be a WERROR).
 */
const NET_ADD_DRIVER_FAILURE =
  /INTERNAL ERROR: Signal \d+[\s\S]*dcerpc_spoolss_AddPrinterDriver|cannot add driver: NT_STATUS_INVALID_PARAMETER/;
const X86_DRIVERS_KEY =
  'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Environments\\Windows NT x86\\Drivers';

interface DriverInfo3 {
  readonly name: string;
  readonly defaultDataType: string;
  /** Driver, data, config and help file, then the dependent files: bare names, in that order. */
  readonly files: readonly string[];
}

/** The first "Printer Driver Info 3" block rpcclient or net prints (for that architecture, if given). */
function driverInfo3(text: string, architecture?: string): DriverInfo3 {
  const blocks = text.split('Printer Driver Info 3:').slice(1);
  const block = blocks.find((b) => architecture === undefined || b.includes(`Architecture: [${architecture}]`)) ?? '';
  const field = (label: string): string[] =>
    [...block.matchAll(new RegExp(`^\\s*${label}: \\[([^\\]]*)\\]`, 'gm'))].map((m) => m[1] ?? '');
  const first = (label: string): string => field(label)[0] ?? '';
  const base = (p: string): string => p.split('\\').pop() ?? '';
  const deps = field('Dependentfiles');
  return {
    name: first('Driver Name'),
    defaultDataType: first('Defaultdatatype'),
    files: [first('Driver Path'), first('Datafile'), first('Configfile'), first('Helpfile'), ...deps]
      .map(base)
      .filter((f) => f !== ''),
  };
}

/** rpcclient adddriver's "Name:Driver:Data:Config:Help:Monitor:Datatype:Dep1,Dep2" for a driver. */
function adddriverSpec(d: DriverInfo3): string {
  const [driver, data, config, help, ...deps] = d.files;
  return [d.name, driver, data, config, help, 'NULL', d.defaultDataType || 'RAW', deps.join(',')].join(':');
}

describeWithTools(['net', 'rpcclient', 'smbd', 'smbpasswd'], 'net rpc printer against pointprint', () => {
  const address = `127.0.0.${40 + ((process.pid + 61) % 150)}`;
  let samba: SambaServer;
  let host: PrintServerHost;
  let emptyPrintDollar: string;
  let account: string;

  beforeAll(async () => {
    emptyPrintDollar = mkdtempSync(path.join(os.tmpdir(), 'pointprint-net-print-'));
    // smbd's printer shares carry our share names: HpColor, HpColorPkg, and Marketing's MktColor.
    samba = await startSamba({ printDollar: emptyPrintDollar, printers: ['HpColor', 'HpColorPkg', 'MktColor'] });
    // net logs on to both servers with the same account: smbd's root, an administrator here too.
    account = `${samba.user}%${samba.password}`;
    host = await PrintServerHost.create({
      users: [{ name: samba.user, password: samba.password, groups: ['Administrators'] }],
      rpc: { port: false },
    });
    await host.listen(samba.port, address);
  });
  afterAll(async () => {
    await host?.close();
    await samba?.stop();
    rmSync(emptyPrintDollar, { recursive: true, force: true });
  });

  const net = (...args: string[]): ReturnType<typeof run> =>
    run(TOOLS.net, ['rpc', 'printer', ...args, '-S', address, '-p', String(samba.port), '-U', account], 60_000);
  const migrate = (what: string, ...printer: string[]): ReturnType<typeof run> =>
    net('migrate', what, ...printer, '--destination=127.0.0.1');
  const onSamba = async (command: string): Promise<string> =>
    (await run(TOOLS.rpcclient, ['-p', String(samba.port), '-U', account, '-c', command, '127.0.0.1'])).stdout;

  it('net rpc printer list: every printer with its share', async () => {
    const r = await net('list');
    expect(r.stdout).toContain('printer 1: \\\\NTPRINT\\HpColor, shared as: HpColor');
    expect(r.stdout).toContain('printer 3: \\\\NTPRINT\\Marketing, shared as: MktColor');
  });

  it('net rpc printer driver: the drivers of each architecture, their files on print$', async () => {
    const r = await net('driver');
    expect(r.stdout).toMatch(/got \d+ printer-drivers for architecture: \[Windows x64\]/);
    expect(r.stdout).toContain('Driver Name: [HP Color LaserJet 4500 PCL]');
    expect(r.stdout).toContain(`Driver Path: [\\\\${address}\\print$\\x64\\3\\UNIDRV.DLL]`);
    expect(r.stdout).toContain(`Dependentfiles: [\\\\${address}\\print$\\x64\\3\\STDNAMES.GPD]`);
  });

  it('net rpc printer migrate printers, forms and settings from pointprint to smbd', async () => {
    const printers = await migrate('printers');
    expect(printers.stdout).toContain('migrating printer queue for:    [\\\\NTPRINT\\Marketing] / [MktColor]');
    expect(printers.stdout).not.toMatch(/could not|cannot/);
    const forms = await migrate('forms');
    expect(forms.stdout).toContain('migrating printer forms for:    [\\\\NTPRINT\\HpColor] / [HpColor]');
    for (const share of ['HpColor', 'MktColor']) {
      const settings = await migrate('settings', share);
      expect(settings.stdout).toContain(`/ [${share}]`);
      expect(settings.stdout).not.toMatch(/could not|cannot|failed/);
    }
    const mkt = await onSamba('enumdataex MktColor DsSpooler');
    expect(mkt).toContain('location: REG_SZ: Building B, marketing');
    expect(mkt).toContain('description: REG_SZ: Proofing printer of the marketing team');
    expect(mkt).toContain('driverName: REG_SZ: Contoso Proof Color PCL');
    const hp = await onSamba('enumdataex HpColor DsSpooler');
    expect(hp).toContain('location: REG_SZ: Building A, floor 2, copy room');
    expect(hp).toContain('driverName: REG_SZ: HP Color LaserJet 4500 PCL');
  });

  it('migrate drivers to smbd: the files arrive in its print$, net fails at AddPrinterDriver; rpcclient adddriver completes it', async () => {
    // smbd reads the PE header of a Windows NT x86 driver to learn its version, and our driver
    // files are placeholders (docs/drivers-store.md): only x64 drivers (version 3 without a look)
    // can be installed there, so the source keeps only its x64 drivers for this migration.
    host.printServer.registry.deleteKey(X86_DRIVERS_KEY);
    const r = await net('migrate', 'drivers', '--destination=127.0.0.1', '-v');
    const out = r.stdout + r.stderr;
    // The first driver net meets is HpColor's: its files are copied to smbd's upload folder
    // x64\, then net's AddPrinterDriver call fails in net itself (see the header).
    const source = driverInfo3(out);
    expect(source.name).toBe('HP Color LaserJet 4500 PCL');
    expect(source.files).toHaveLength(7);
    for (const f of source.files) {
      expect(out).toContain(`=> [\\\\127.0.0.1\\print$\\x64\\${f}]`);
      expect(readFileSync(path.join(samba.dir, 'print$', 'x64', f))).toEqual(
        readFileSync(path.join(DRIVERS_STORE, 'x64', '3', f)),
      );
    }
    expect(out).toMatch(NET_ADD_DRIVER_FAILURE);
    expect(r.code).not.toBe(0);
    // What net could not do, rpcclient does with the same DRIVER_INFO_3 (bare names of the uploads).
    const added = await onSamba(`adddriver "Windows x64" "${adddriverSpec(source)}" 3`);
    expect(added).toContain(`Printer Driver ${source.name} successfully installed.`);
    const installed = driverInfo3(await onSamba('enumdrivers 3'), 'Windows x64');
    expect(installed.name).toBe(source.name);
    expect(installed.files).toEqual(source.files);
    for (const f of source.files) {
      expect(readFileSync(path.join(samba.dir, 'print$', 'x64', '3', f))).toEqual(
        readFileSync(path.join(DRIVERS_STORE, 'x64', '3', f)),
      );
    }
  });
});

/** The Local Port monitor's ports: a value each ([MS-RPRN] has no call for it; Add-PrinterPort does this). */
const LOCAL_PORTS_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports';
const DRIVERS_STORE = path.resolve(__dirname, '..', '..', '..', 'drivers-store');

/** A FORM_PRINTER form on smbd through Samba's Python bindings (rpcclient's addform makes FORM_USER ones). */
const ADD_PRINTER_FORM_PY =
  SAMBA_SPOOLSS_PY_PRELUDE +
  String.raw`
f = spoolss.AddFormInfo1()
f.flags = spoolss.SPOOLSS_FORM_PRINTER
f.form_name = a["name"]
f.size = spoolss.FormSize()
f.size.width = a["width"]
f.size.height = a["height"]
f.area = spoolss.FormArea()
f.area.right = a["width"]
f.area.bottom = a["height"]
ctr = spoolss.AddFormInfoCtr()
ctr.level = 1
ctr.info = f
conn.AddForm(h, ctr)
conn.ClosePrinter(h)
`;

describeWithTools(['net', 'rpcclient', 'smbd', 'python3'], 'net rpc printer migrate from smbd into pointprint', () => {
  const address = `127.0.0.${40 + ((process.pid + 97) % 150)}`;
  let samba: SambaPrintServer;
  let host: PrintServerHost;
  let account: string;
  /** pointprint's state folder: its PRINT$ is the folder's writable copy of the drivers store. */
  let state: string;
  let sourceStore: string;

  beforeAll(async () => {
    state = mkdtempSync(path.join(os.tmpdir(), 'pointprint-net-state-'));
    // smbd's driver files differ from pointprint's own copy of the same driver, so that what
    // arrives is seen to come from smbd.
    sourceStore = mkdtempSync(path.join(os.tmpdir(), 'pointprint-net-source-'));
    cpSync(DRIVERS_STORE, sourceStore, { recursive: true });
    for (const f of readdirSync(path.join(sourceStore, 'x64', '3'))) {
      appendFileSync(path.join(sourceStore, 'x64', '3', f), `\n${f} as smbd serves it\n`);
    }
    // smbd: HpColor with its driver and CopyFiles\ICM (samba-print-server.ts), a comment, a
    // printer form and a user form.
    samba = await startSambaPrintServer({ driversStore: sourceStore });
    account = `${samba.user}%${samba.password}`;
    expect(await samba.rpcclient('setprinter HpColor "Migrated from Samba"')).toContain('Success');
    await samba.rpcclient('addform HpColor "User form"');
    const form = { port: samba.port, user: samba.user, password: samba.password, printer: 'HpColor' };
    const py = await run(TOOLS.python3, [
      '-c',
      ADD_PRINTER_FORM_PY,
      JSON.stringify({ ...form, name: 'Label 4x6', width: 101600, height: 152400 }),
    ]);
    expect(py.stderr).toBe('');
    host = await PrintServerHost.create({
      users: [{ name: samba.user, password: samba.password, groups: ['Administrators'] }],
      rpc: { port: false },
      stateDir: state,
    });
    // The destination's administrator makes room: smbd's port, and no HpColor of its own.
    host.printServer.registry.createKey(LOCAL_PORTS_KEY).setValue(regSz('Samba Printer Port', ''));
    await host.listen(samba.port, address);
    const deleted = await runCli(buildPointprintProgram, [
      'printer',
      'delete',
      `\\\\${address}\\HpColor`,
      '--address',
      `${address}:${samba.port}`,
      '--rpc',
      'np',
      '-U',
      account,
    ]);
    expect(deleted.err).toBe('');
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await samba?.stop();
    rmSync(state, { recursive: true, force: true });
    rmSync(sourceStore, { recursive: true, force: true });
  });

  const migrate = (what: string): ReturnType<typeof run> =>
    run(
      TOOLS.net,
      [
        'rpc',
        'printer',
        'migrate',
        what,
        '-S',
        '127.0.0.1',
        '-p',
        String(samba.port),
        '-U',
        account,
        `--destination=${address}`,
        '-v',
        '-d1',
      ],
      60_000,
    );
  const onPointprint = async (command: string): Promise<string> =>
    (await run(TOOLS.rpcclient, ['-p', String(samba.port), '-U', account, '-c', command, address])).stdout;

  it("migrate printers: AddPrinterEx of smbd's PRINTER_INFO_2 (its \\\\server\\ prefix taken off)", async () => {
    const r = await migrate('printers');
    expect(r.stdout).toContain('printer [HpColor] successfully added.');
    expect(r.code).toBe(0);
    const info = await onPointprint('getprinter HpColor 2');
    expect(info).toContain(`printername:[\\\\${address}\\HpColor]`);
    expect(info).toContain(`drivername:[${SAMBA_DRIVER.name}]`);
    expect(info).toContain('portname:[Samba Printer Port]');
    expect(info).toContain('comment:[Migrated from Samba]');
  });

  it('migrate forms: the printer form arrives (net leaves user forms behind)', async () => {
    const r = await migrate('forms');
    expect(r.stdout + r.stderr).toContain('AddForm of [Label 4x6] succeeded');
    expect(r.code).toBe(0);
    const form = await onPointprint('getform HpColor "Label 4x6"');
    expect(form).toContain('flag: FORM_PRINTER (2)');
    expect(form).toContain('width: 101600, length: 152400');
    expect(await onPointprint('getform HpColor "User form"')).toContain('WERR_INVALID_FORM_NAME');
  });

  it('migrate settings and security: the DsSpooler values arrive; net sends no descriptor', async () => {
    const settings = await migrate('settings');
    expect(settings.stdout).not.toMatch(/could not|cannot|failed/);
    expect(settings.code).toBe(0);
    const ds = await onPointprint('enumdataex HpColor DsSpooler');
    expect(ds).toContain('description: REG_SZ: Migrated from Samba');
    expect(ds).toContain(`driverName: REG_SZ: ${SAMBA_DRIVER.name}`);
    // net's limit (above): CopyFiles\ICM is not asked for.
    expect(await samba.rpcclient('enumkey HpColor CopyFiles')).toContain('ICM');
    expect(await onPointprint('enumkey HpColor CopyFiles')).not.toContain('ICM');

    const before = await onPointprint('getprinter HpColor 3');
    const security = await migrate('security');
    expect(security.stdout + security.stderr).toContain('SetPrinter of SECDESC succeeded');
    expect(security.code).toBe(0);
    expect(await onPointprint('getprinter HpColor 3')).toBe(before);
  });

  it('migrate drivers: the files arrive in our print$\\x64; net 4.17 then dies marshalling AddPrinterDriver', async () => {
    const r = await migrate('drivers');
    const out = r.stdout + r.stderr;
    const source = driverInfo3(out);
    expect(source.name).toBe(SAMBA_DRIVER.name);
    for (const f of source.files) {
      expect(out).toContain(`=> [\\\\${address}\\print$\\x64\\${f}]`);
      expect(readFileSync(path.join(state, 'drivers', 'x64', f))).toEqual(
        readFileSync(path.join(samba.printDollar, 'x64', '3', f)),
      );
    }
    expect(out).toMatch(NET_ADD_DRIVER_FAILURE);
    expect(r.code).not.toBe(0);
  });

  it("the same net fails at the same call with smbd as the destination: the failure is net's own", async () => {
    // smbd migrating into itself: the same source driver, the same client-side marshalling
    // (here it ends in NT_STATUS_INVALID_PARAMETER rather than a signal: what net reads is undefined).
    const r = await run(
      TOOLS.net,
      ['rpc', 'printer', 'migrate', 'drivers', '-S', '127.0.0.1', '-p', String(samba.port), '-U', account],
      60_000,
    );
    expect(r.stdout + r.stderr).toMatch(NET_ADD_DRIVER_FAILURE);
    expect(r.code).not.toBe(0);
  });

  it("rpcclient adddriver completes the install from the source's getdriver; name, files and bytes compare", async () => {
    const source = driverInfo3(await samba.rpcclient('getdriver HpColor 3'), 'Windows x64');
    const added = await onPointprint(`adddriver "Windows x64" "${adddriverSpec(source)}" 3`);
    expect(added).toContain(`Printer Driver ${source.name} successfully installed.`);
    const ours = driverInfo3(await onPointprint('getdriver HpColor 3'), 'Windows x64');
    expect(ours.name).toBe(source.name);
    expect(ours.files).toEqual(source.files);
    expect(ours.defaultDataType).toBe(source.defaultDataType);
    // Each file downloaded from our print$\x64\3 is smbd's, byte for byte.
    const got = mkdtempSync(path.join(os.tmpdir(), 'pointprint-net-got-'));
    try {
      const gets = ours.files.map((f) => `get x64\\3\\${f} ${path.join(got, f)}`).join('; ');
      const r = await run(TOOLS.smbclient, [
        '-p',
        String(samba.port),
        `//${address}/print$`,
        '-U',
        account,
        '-c',
        gets,
      ]);
      expect(r.stdout + r.stderr).not.toMatch(/NT_STATUS_/);
      for (const f of ours.files) {
        expect(readFileSync(path.join(got, f))).toEqual(readFileSync(path.join(samba.printDollar, 'x64', '3', f)));
        expect(readFileSync(path.join(got, f)).toString('latin1')).toContain(`${f} as smbd serves it`);
      }
    } finally {
      rmSync(got, { recursive: true, force: true });
    }
  });

  it('migrate all: printers, then drivers, where net stops the same way (the files arrive first)', async () => {
    rmSync(path.join(state, 'drivers', 'x64', SAMBA_DRIVER.driver), { force: true });
    const r = await migrate('all');
    const out = r.stdout + r.stderr;
    expect(out).toContain('migrating printer queue for:');
    expect(out).toContain(`=> [\\\\${address}\\print$\\x64\\${SAMBA_DRIVER.driver}]`);
    expect(readFileSync(path.join(state, 'drivers', 'x64', SAMBA_DRIVER.driver))).toEqual(
      readFileSync(path.join(samba.printDollar, 'x64', '3', SAMBA_DRIVER.driver)),
    );
    expect(out).toMatch(NET_ADD_DRIVER_FAILURE);
    expect(out).not.toContain('migrating printer forms');
    expect(r.code).not.toBe(0);
  });
});
