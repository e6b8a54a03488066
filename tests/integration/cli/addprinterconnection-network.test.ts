/**
 * `addprinterconnection` over the network: the CLI resolves the server name (--address, the
 * client config's hosts map), logs on (-U, -A) and runs the flow over SMB2 against a fixture
 * server on 127.0.0.1; --list and --delete act on the client root.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAddPrinterConnectionProgram } from '../../../lib/cli/program';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

const addprinterconnection = (argv: string[]): Promise<CliRun> => runCli(buildAddPrinterConnectionProgram, argv);

describe('addprinterconnection over SMB2', () => {
  let server: FixtureServer;
  let root: string;

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cli-net-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const icm = (): string => path.join(root, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm');

  test('--address and -U: the driver and the colour profile land in the client root', async () => {
    const address = `${server.host}:${server.port}`;
    const r = await addprinterconnection([
      '\\\\NTPRINT\\HpColor',
      '--address',
      address,
      '-U',
      'alice%Passw0rd!',
      '--client-root',
      root,
      '--epm-port',
      String(server.epmPort),
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { connection: { name: string; copyFiles: { sourceDir: string }[] } };
    expect(doc.connection.name).toBe('\\\\NTPRINT\\HpColor');
    expect(doc.connection.copyFiles[0]?.sourceDir).toBe('\\\\NTPRINT\\PRINT$\\Color');
    expect((await fs.stat(icm())).size).toBeGreaterThan(128);
    // The password never appears in what the command prints.
    expect(r.out).not.toContain('Passw0rd!');
  });

  test('--encrypt: the flow runs over an encrypting SMB2 session, \\pipe\\spoolss included', async () => {
    const r = await addprinterconnection([
      '\\\\NTPRINT\\HpColor',
      '--address',
      `${server.host}:${server.port}`,
      '-U',
      'alice%Passw0rd!',
      '--client-root',
      root,
      '--rpc',
      'np',
      '--encrypt',
    ]);
    // Every SMB2 message after the logon is sealed (tests/integration/smb2-client/encryption.test.ts
    // checks the frames); here the whole flow runs through it, the pipe's RPC included.
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await fs.stat(icm())).size).toBeGreaterThan(128);
  });

  test('the hosts map in the client config and an authentication file (-A)', async () => {
    await fs.writeFile(
      path.join(root, 'pointprint-client.json'),
      JSON.stringify({
        format: 'pointprint-client/1',
        config: { hosts: { ntprint: `${server.host}:${server.port}` } },
      }),
    );
    const cred = path.join(root, 'cred.txt');
    await fs.writeFile(cred, 'username = alice\npassword = Passw0rd!\n');
    // Named pipes this time (RpcUseNamedPipeProtocol): no endpoint mapper involved.
    const r = await addprinterconnection(['//NTPRINT/HpColor', '-A', cred, '--client-root', root, '--rpc', 'np']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/Connected to \\\\NTPRINT\\HpColor/);
    expect((await fs.stat(icm())).size).toBeGreaterThan(128);

    const list = await addprinterconnection(['--list', '--client-root', root]);
    expect(list.out).toMatch(/^\\\\NTPRINT\\HpColor\tdriver "HP Color LaserJet 4500 PCL"/m);

    const del = await addprinterconnection(['--delete', '\\\\NTPRINT\\HpColor', '--client-root', root]);
    expect(del.code).toBe(0);
    expect((await addprinterconnection(['--list', '--client-root', root])).out).toMatch(/No printer connections/);
  });

  test('--rpc-port names the RPC port (RpcTcpPort); a server with no TCP endpoint fails with 0x709 and how to use np', async () => {
    const address = `${server.host}:${server.port}`;
    const base = ['\\\\NTPRINT\\HpColor', '--address', address, '-U', 'alice%Passw0rd!', '--client-root', root];
    const direct = await addprinterconnection([...base, '--rpc-port', String(server.rpcPort)]);
    expect(direct.err).toBe('');
    expect(direct.code).toBe(0);
    // A port where no endpoint mapper listens: what a Windows 11 client meets at a Samba server.
    const closed = await startFixtureServer({ epmPort: false });
    const nobody = closed.rpcPort;
    await closed.close();
    const failed = await addprinterconnection([...base, '--epm-port', String(nobody)]);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(
      /^addprinterconnection: \\\\NTPRINT: no endpoint mapper answered at 127\.0\.0\.1:\d+: ERROR_INVALID_PRINTER_NAME \(0x00000709\); .*--rpc np.*RpcUseNamedPipeProtocol=1\n$/,
    );
  });

  test('an unresolved name is an input error (2) that says how to map it', async () => {
    const r = await addprinterconnection(['\\\\NOSUCHSERVER.invalid\\HpColor', '-U', 'alice%x', '--client-root', root]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot resolve the server name "NOSUCHSERVER\.invalid"[\s\S]*--address/);
  });

  test('a wrong password is a failure (1) and nothing is written', async () => {
    const address = `${server.host}:${server.port}`;
    const r = await addprinterconnection([
      '\\\\NTPRINT\\HpColor',
      '--address',
      address,
      '-U',
      'alice%Bad#Secret9',
      '--client-root',
      root,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/logon failed/);
    expect(r.err).not.toContain('Bad#Secret9');
    await expect(fs.stat(icm())).rejects.toThrow();
  });
});
