/**
 * `pointprint printer add|delete`, `form list|add|delete` and `driver delete` over the wire
 * against a fixture server on 127.0.0.1: MS-PAR over TCP (the default, through the endpoint
 * mapper) and MS-RPRN over \pipe\spoolss (`--rpc np`). The server's state is checked in process;
 * a non-administrator is refused with Windows' message and what to do, and nothing changes.
 */
import { buildPointprintProgram } from '../../../lib/cli/program';
import { AccessMask } from '../../../lib/spoolss/constants';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

jest.setTimeout(60000);

const ADMIN = 'admin%Adm1n!pass';
const ALICE = 'alice%Passw0rd!';
const LOCAL_ADMIN = { userName: 'admin', groups: ['Administrators'], isAdministrator: true, remote: false };
const DRIVER = 'HP Color LaserJet 4500 PCL';

describe('print administration over the wire', () => {
  let server: FixtureServer;
  let tcp: string[];
  let np: string[];
  const pointprint = (argv: string[]): Promise<CliRun> => runCli(buildPointprintProgram, argv);

  beforeAll(async () => {
    server = await startFixtureServer();
    const at = ['--address', `${server.host}:${server.port}`];
    tcp = [...at, '--epm-port', String(server.epmPort)];
    np = [...at, '--rpc', 'np'];
  });
  afterAll(async () => {
    await server.close();
  });

  const ps = (): FixtureServer['printServerHost']['printServer'] => server.printServerHost.printServer;
  const printerNames = async (): Promise<string[]> =>
    (await ps().enumPrinters(2, undefined, LOCAL_ADMIN)).map((p) => p.printerName.replace(/^.*\\/, ''));
  const formNames = async (): Promise<string[]> => {
    const h = await ps().openPrinter(undefined, { desiredAccess: AccessMask.SERVER_ACCESS_ENUMERATE }, LOCAL_ADMIN);
    try {
      return (await ps().enumForms(h)).map((f) => f.name);
    } finally {
      await ps().closePrinter(h);
    }
  };

  test.each([
    ['MS-PAR over TCP', (): string[] => tcp],
    ['\\pipe\\spoolss', (): string[] => np],
  ])('printer add then delete, %s', async (_label, via) => {
    const name = `Lab${via()[2] === '--rpc' ? 'Np' : 'Tcp'}`;
    const added = await pointprint([
      'printer',
      'add',
      `\\\\NTPRINT\\${name}`,
      '--driver',
      DRIVER,
      '--printer-port',
      'IP_10.0.0.15',
      '--share',
      name,
      '--comment',
      'second floor',
      ...via(),
      '-U',
      ADMIN,
      '--json',
    ]);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const doc = JSON.parse(added.out) as {
      printer: string;
      added: { name: string; driverName: string; shareName: string; comment: string; ports: string[] };
    };
    expect(doc.printer).toBe(`\\\\NTPRINT\\${name}`);
    expect(doc.added).toMatchObject({
      name,
      driverName: DRIVER,
      shareName: name,
      comment: 'second floor',
      ports: ['IP_10.0.0.15'],
    });
    expect(await printerNames()).toContain(name);

    const deleted = await pointprint(['printer', 'delete', `\\\\NTPRINT\\${name}`, ...via(), '-U', ADMIN]);
    expect(deleted.err).toBe('');
    expect(deleted.out).toBe(`Deleted printer \\\\NTPRINT\\${name}.\n`);
    expect(deleted.code).toBe(0);
    expect(await printerNames()).not.toContain(name);
  });

  test("printer add: the server's refusals in Windows' words, with what to do", async () => {
    const add = (name: string, ...more: string[]): Promise<CliRun> =>
      pointprint([
        'printer',
        'add',
        `\\\\NTPRINT\\${name}`,
        '--printer-port',
        'IP_10.0.0.15',
        ...more,
        ...np,
        '-U',
        ADMIN,
      ]);
    const unknownDriver = await add('Lab2', '--driver', 'No Such Driver');
    expect(unknownDriver.code).toBe(1);
    expect(unknownDriver.err).toMatch(
      /^pointprint printer: cannot add \\\\NTPRINT\\Lab2: The printer driver is unknown\. \(ERROR_UNKNOWN_PRINTER_DRIVER, 0x00000705\) \(install the driver on the server first/,
    );
    const exists = await add('HpColor', '--driver', DRIVER, '--json');
    expect(exists.code).toBe(1);
    expect(JSON.parse(exists.out)).toMatchObject({
      error: {
        code: 'ERROR_PRINTER_ALREADY_EXISTS',
        message: expect.stringMatching(/The printer already exists\./) as unknown,
      },
    });
    const unknownPort = await pointprint([
      'printer',
      'add',
      '\\\\NTPRINT\\Lab3',
      '--driver',
      DRIVER,
      '--printer-port',
      'NOPORT:',
      ...np,
      '-U',
      ADMIN,
    ]);
    expect(unknownPort.err).toMatch(
      /The specified port is unknown\. \(ERROR_UNKNOWN_PORT, 0x00000704\) \(give --printer-port a port/,
    );
    const badName = await add('a,b', '--driver', DRIVER);
    expect(badName.err).toMatch(/The printer name is invalid\. \(ERROR_INVALID_PRINTER_NAME, 0x00000709\)/);
    expect(await printerNames()).not.toEqual(expect.arrayContaining(['Lab2', 'Lab3']));
  });

  test('a normal user is refused each change (log on as an administrator) and nothing changes', async () => {
    const before = { printers: await printerNames(), forms: await formNames() };
    const runs = [
      ['printer', 'add', '\\\\NTPRINT\\Lab4', '--driver', DRIVER, '--printer-port', 'IP_10.0.0.15'],
      ['printer', 'delete', '\\\\NTPRINT\\HpColor'],
      ['form', 'add', '\\\\NTPRINT', 'Alice label', '--size', '100x150'],
      ['form', 'delete', '\\\\NTPRINT', 'Letter'],
      ['driver', 'delete', '\\\\NTPRINT', DRIVER],
    ];
    for (const argv of runs) {
      const r = await pointprint([...argv, ...np, '-U', ALICE]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Access is denied\. \(ERROR_ACCESS_DENIED, 0x00000005\) \(log on as an administrator/);
    }
    expect({ printers: await printerNames(), forms: await formNames() }).toEqual(before);
  });

  test('form add, list and delete; a built-in form cannot be deleted', async () => {
    const added = await pointprint([
      'form',
      'add',
      '\\\\NTPRINT',
      'Lab label',
      '--size',
      '100x150mm',
      '--area',
      '5,5,95,145',
      ...tcp,
      '-U',
      ADMIN,
    ]);
    expect(added.err).toBe('');
    expect(added.out).toBe('Added the form "Lab label" (100 x 150 mm) to \\\\NTPRINT.\n');
    const again = await pointprint(['form', 'add', '\\\\NTPRINT', 'lab LABEL', '--size', '4x6in', ...tcp, '-U', ADMIN]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/The file exists\. \(ERROR_FILE_EXISTS, 0x00000050\) \(a form of that name exists/);

    const list = await pointprint(['form', 'list', '\\\\NTPRINT', ...np, '-U', ALICE]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^Forms on \\\\NTPRINT:\nName\s+Type\s+Size \(mm\)\s+Imageable area \(mm\)\n/);
    expect(list.out).toMatch(/^A4\s+BUILTIN\s+210 x 297\s+0,0,210,297$/m);
    expect(list.out).toMatch(/^Lab label\s+USER\s+100 x 150\s+5,5,95,145$/m);
    const json = await pointprint(['form', 'list', '\\\\NTPRINT', ...tcp, '-U', ALICE, '--json']);
    const doc = JSON.parse(json.out) as { forms: { name: string; type: string; width: number; height: number }[] };
    expect(doc.forms.find((f) => f.name === 'Lab label')).toEqual({
      name: 'Lab label',
      type: 'USER',
      width: 100000,
      height: 150000,
      imageableArea: { left: 5000, top: 5000, right: 95000, bottom: 145000 },
    });

    const builtin = await pointprint(['form', 'delete', '\\\\NTPRINT', 'A4', ...np, '-U', ADMIN]);
    expect(builtin.code).toBe(1);
    expect(builtin.err).toMatch(
      /The parameter is incorrect\. \(ERROR_INVALID_PARAMETER, 0x00000057\) \(the built-in forms cannot be deleted/,
    );
    const deleted = await pointprint(['form', 'delete', '\\\\NTPRINT', 'Lab label', ...np, '-U', ADMIN]);
    expect(deleted.out).toBe('Deleted the form "Lab label" of \\\\NTPRINT.\n');
    expect(await formNames()).not.toContain('Lab label');
    const gone = await pointprint(['form', 'delete', '\\\\NTPRINT', 'Lab label', ...np, '-U', ADMIN]);
    expect(gone.err).toMatch(/The specified form name is invalid\. \(ERROR_INVALID_FORM_NAME, 0x0000076e\)/);
  });

  test('form add: a size that is not one is a usage error before any connection', async () => {
    const r = await pointprint(['form', 'add', '\\\\NTPRINT', 'X', '--size', '100 by 150', ...np, '-U', ADMIN]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected WIDTHxHEIGHT in mm, cm or in/);
  });

  test('driver delete: in use (0xbb9), unknown (0x705), then deleted once no printer uses it', async () => {
    const inUse = await pointprint(['driver', 'delete', '\\\\NTPRINT', DRIVER, ...tcp, '-U', ADMIN]);
    expect(inUse.code).toBe(1);
    expect(inUse.err).toMatch(
      /The specified printer driver is currently in use\. \(ERROR_PRINTER_DRIVER_IN_USE, 0x00000bb9\) \(a printer still uses it/,
    );
    const unknown = await pointprint([
      'driver',
      'delete',
      '\\\\NTPRINT',
      'No Such Driver',
      ...np,
      '-U',
      ADMIN,
      '--json',
    ]);
    expect(JSON.parse(unknown.out)).toMatchObject({ error: { code: 'ERROR_UNKNOWN_PRINTER_DRIVER', exitCode: 1 } });

    // A driver one printer alone uses: that printer goes first, then the driver can.
    const printers = await ps().enumPrinters(2, undefined, LOCAL_ADMIN);
    const only = printers.find(
      (p) => p.driverName !== DRIVER && printers.filter((q) => q.driverName === p.driverName).length === 1,
    );
    if (only === undefined) throw new Error('the fixture has no driver that one printer alone uses');
    const name = only.printerName.replace(/^.*\\/, '');
    expect((await pointprint(['printer', 'delete', `\\\\NTPRINT\\${name}`, ...np, '-U', ADMIN])).code).toBe(0);
    const drivers = await ps().enumPrinterDrivers(undefined, 'Windows x64', LOCAL_ADMIN);
    const unused = drivers.find((d) => d.name === only.driverName);
    if (unused === undefined) throw new Error(`no driver ${only.driverName}`);
    const r = await pointprint([
      'driver',
      'delete',
      '\\\\NTPRINT',
      unused.name,
      '--driver-version',
      String(unused.version),
      ...np,
      '-U',
      ADMIN,
    ]);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      `Deleted the driver "${unused.name}" (Windows x64, version ${unused.version}) of \\\\NTPRINT.\n`,
    );
    expect((await ps().enumPrinterDrivers(undefined, 'Windows x64', LOCAL_ADMIN)).map((d) => d.name)).not.toContain(
      unused.name,
    );
  });
});
