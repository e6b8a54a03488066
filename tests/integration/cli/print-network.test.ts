/**
 * `pointprint print <file> --printer HpColor --address host:port -U user%pass`: the job goes over
 * SMB2 to the printer share of a fixture server on 127.0.0.1 and lands in its queue; a wrong
 * password is a failure (exit 1).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { JobStatus } from '../../../lib/spoolss/constants';
import type { JobInfo } from '../../../lib/spoolss/types';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

jest.setTimeout(60000);

const pointprint = (argv: string[]): Promise<CliRun> => runCli(buildPointprintProgram, argv);
const ADMIN = { userName: 'admin', groups: ['Administrators'], isAdministrator: true, remote: false };

describe('pointprint print over SMB2', () => {
  let server: FixtureServer;
  let dir: string;

  beforeAll(async () => {
    server = await startFixtureServer({ users: [{ name: 'bob', password: 'B0b!pass', groups: ['Users'] }] });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cli-print-'));
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function jobs(): Promise<JobInfo[]> {
    const ps = server.printServerHost.printServer;
    const handle = await ps.openPrinter('\\\\NTPRINT\\HpColor', { desiredAccess: 0x8 }, ADMIN);
    try {
      return await ps.enumJobs(handle, 0, 1000);
    } finally {
      await ps.closePrinter(handle);
    }
  }

  test("--address and -U: the success line, exit 0, and bob's job of the file's size in the queue", async () => {
    const file = path.join(dir, 'report.txt');
    const data = Buffer.alloc(200000, 'report line\n');
    await fs.writeFile(file, data);
    const r = await pointprint([
      'print',
      file,
      '--printer',
      'HpColor',
      '--address',
      `${server.host}:${server.port}`,
      '-U',
      'bob%B0b!pass',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`printed ${file} on \\\\${server.host}\\HpColor (${data.length} bytes)\n`);
    expect(r.out).not.toContain('B0b!pass');
    const job = (await jobs()).find((j) => j.documentName === 'report.txt');
    expect(job?.userName.toLowerCase()).toBe('bob');
    expect(job?.size).toBe(data.length);
    expect((job?.status ?? JobStatus.JOB_STATUS_SPOOLING) & JobStatus.JOB_STATUS_SPOOLING).toBe(0);
  });

  test('a UNC --printer with --address and --name: the document name and the server name as written', async () => {
    const file = path.join(dir, 'memo.bin');
    await fs.writeFile(file, Buffer.from('memo'));
    const r = await pointprint([
      'print',
      file,
      '--printer',
      '\\\\NTPRINT\\HpColor',
      '--name',
      'Quarterly memo',
      '--address',
      `${server.host}:${server.port}`,
      '-U',
      'bob%B0b!pass',
    ]);
    expect(r.err).toBe('');
    expect(r.out).toBe(`printed ${file} on \\\\NTPRINT\\HpColor (4 bytes)\n`);
    expect((await jobs()).find((j) => j.documentName === 'Quarterly memo')?.size).toBe(4);
  });

  test('a wrong password exits 1 and queues nothing', async () => {
    const file = path.join(dir, 'denied.txt');
    await fs.writeFile(file, 'x');
    const r = await pointprint([
      'print',
      file,
      '--printer',
      'HpColor',
      '--address',
      `${server.host}:${server.port}`,
      '-U',
      'bob%wrong',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/logon failed/);
    expect((await jobs()).find((j) => j.documentName === 'denied.txt')).toBeUndefined();
  });

  test('a UNC --printer resolves through the hosts map of the client config (--client-root), as every network command', async () => {
    const clientRoot = path.join(dir, 'client');
    await fs.mkdir(clientRoot, { recursive: true });
    await fs.writeFile(
      path.join(clientRoot, 'pointprint-client.json'),
      JSON.stringify({
        format: 'pointprint-client/1',
        config: { hosts: { NTPRINT: `${server.host}:${server.port}` } },
      }),
    );
    const file = path.join(dir, 'mapped.txt');
    await fs.writeFile(file, 'mapped');
    const r = await pointprint([
      'print',
      file,
      '--printer',
      '//NTPRINT/HpColor',
      '--client-root',
      clientRoot,
      '-U',
      'bob%B0b!pass',
    ]);
    expect(r.err).toBe('');
    expect(r.out).toBe(`printed ${file} on \\\\NTPRINT\\HpColor (6 bytes)\n`);
    const unmapped = await pointprint([
      'print',
      file,
      '--printer',
      '\\\\NOSUCH.invalid\\HpColor',
      '--client-root',
      clientRoot,
    ]);
    expect(unmapped.code).toBe(2);
    expect(unmapped.err).toContain(`or map it in ${path.join(clientRoot, 'pointprint-client.json')}`);
  });
});
