/**
 * `pointprint port add|delete|list` against a fixture server on 127.0.0.1, over SMB2 and
 * MS-RPRN's XcvData as Add-PrinterPort does it: the server's rights and monitors decide, and each
 * refusal is one line (or one JSON document) saying what to do.
 */
import { buildPointprintProgram } from '../../../lib/cli/program';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

jest.setTimeout(60000);

const ALICE = 'alice%Passw0rd!';
const ADMIN_USER = 'admin%Adm1n!pass';

interface PortsDoc {
  ports: { port: string; monitor: string }[];
}

describe('pointprint port over the wire', () => {
  let server: FixtureServer;
  let at: string[];
  const pointprint = (argv: string[]): Promise<CliRun> => runCli(buildPointprintProgram, argv);

  beforeAll(async () => {
    server = await startFixtureServer();
    at = ['--address', `${server.host}:${server.port}`];
  });
  afterAll(() => server.close());

  async function ports(): Promise<PortsDoc['ports']> {
    const r = await pointprint(['port', 'list', '\\\\NTPRINT', ...at, '-U', ALICE, '--json']);
    expect(r.code).toBe(0);
    return (JSON.parse(r.out) as PortsDoc).ports;
  }

  it('adds a Standard TCP/IP port and a Local Port as an administrator, then deletes them', async () => {
    const add = await pointprint([
      'port',
      'add',
      '\\\\NTPRINT',
      'IP_192.0.2.7',
      '--host',
      '192.0.2.7',
      '--lpr',
      '--queue',
      'raw',
      ...at,
      '-U',
      ADMIN_USER,
      '--json',
    ]);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.out)).toEqual({
      server: '\\\\NTPRINT',
      port: 'IP_192.0.2.7',
      monitor: 'Standard TCP/IP Port',
      action: 'added',
    });
    const local = await pointprint(['port', 'add', 'NTPRINT', 'NUL:', '--local', ...at, '-U', ADMIN_USER]);
    expect(local.code).toBe(0);
    expect(local.out).toBe('port NUL: added on \\\\NTPRINT (Local Port)\n');
    expect(await ports()).toEqual(
      expect.arrayContaining([
        { port: 'IP_192.0.2.7', monitor: 'Standard TCP/IP Port' },
        { port: 'NUL:', monitor: 'Local Port' },
      ]),
    );
    const key = server.printServerHost.printServer.registry.getKey(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\Standard TCP/IP Port\\Ports\\IP_192.0.2.7',
    );
    expect([
      key?.getValue('Protocol')?.value,
      key?.getValue('Queue')?.value,
      key?.getValue('PortNumber')?.value,
    ]).toEqual([2, 'raw', 515]);

    for (const name of ['IP_192.0.2.7', 'NUL:']) {
      const del = await pointprint(['port', 'delete', '\\\\NTPRINT', name, ...at, '-U', ADMIN_USER]);
      expect(del.code).toBe(0);
    }
    expect((await ports()).map((p) => p.port)).not.toContain('IP_192.0.2.7');
  });

  it('says what to do when the server refuses', async () => {
    const user = await pointprint(['port', 'add', '\\\\NTPRINT', 'IP_x', '--host', '192.0.2.8', ...at, '-U', ALICE]);
    expect(user.code).toBe(1);
    expect(user.err).toContain('only its administrators may');
    expect(user.err).toContain('-U admin');

    const inUse = (await ports()).find((p) => p.monitor === 'Standard TCP/IP Port')?.port ?? '';
    const busy = await pointprint(['port', 'delete', '\\\\NTPRINT', inUse, ...at, '-U', ADMIN_USER, '--json']);
    expect(busy.code).toBe(1);
    expect(JSON.parse(busy.out)).toMatchObject({ error: { code: 'ERROR_BUSY' } });

    const twice = await pointprint([
      'port',
      'add',
      '\\\\NTPRINT',
      inUse,
      '--host',
      '192.0.2.9',
      ...at,
      '-U',
      ADMIN_USER,
    ]);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain(`already has a port ${inUse}`);

    const none = await pointprint(['port', 'delete', '\\\\NTPRINT', 'NOPE:', ...at, '-U', ADMIN_USER]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('pointprint port list');

    const usage = await pointprint(['port', 'add', '\\\\NTPRINT', 'IP_y', ...at, '-U', ADMIN_USER]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--host');
  });
});
