/**
 * `pointprint printers`, `jobs`, `cancel`, `pause` and `resume` over SMB2 + MS-RPRN against a
 * fixture server on 127.0.0.1: HpColor is paused on the server so the jobs stay in its queue; the
 * server's rights decide (bob manages his own job, alice cannot touch it, admin cancels it).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { AccessMask, PrinterControl } from '../../../lib/spoolss/constants';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

jest.setTimeout(60000);

const ADMIN = { userName: 'admin', groups: ['Administrators'], isAdministrator: true, remote: false };
const BOB = 'bob%B0b!pass';
const ALICE = 'alice%Passw0rd!';
const ADMIN_USER = 'admin%Adm1n!pass';

interface JobsDoc {
  printer: string;
  jobs: { jobId: number; userName: string; documentName: string; statusNames: string[]; size: number }[];
}

describe('remote listing and control over MS-RPRN', () => {
  let server: FixtureServer;
  let dir: string;
  let at: string[];
  const pointprint = (argv: string[]): Promise<CliRun> => runCli(buildPointprintProgram, argv);

  beforeAll(async () => {
    server = await startFixtureServer({ users: [{ name: 'bob', password: 'B0b!pass', groups: ['Users'] }] });
    at = ['--address', `${server.host}:${server.port}`];
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cli-remote-'));
    // Paused, HpColor keeps what it is sent in its queue.
    const ps = server.printServerHost.printServer;
    const h = await ps.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, ADMIN);
    await ps.setPrinter(h, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    await ps.closePrinter(h);
    for (const [user, name] of [
      [BOB, 'bob-report.txt'],
      [ALICE, 'alice-memo.txt'],
    ] as const) {
      const file = path.join(dir, name);
      await fs.writeFile(file, `${name}\f`);
      const r = await pointprint(['print', file, '--printer', 'HpColor', ...at, '-U', user]);
      expect(r.code).toBe(0);
    }
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function jobs(): Promise<JobsDoc['jobs']> {
    const r = await pointprint(['jobs', '\\\\NTPRINT\\HpColor', ...at, '-U', ALICE, '--json']);
    expect(r.code).toBe(0);
    return (JSON.parse(r.out) as JobsDoc).jobs;
  }
  const bobsJob = async (): Promise<number> => {
    const job = (await jobs()).find((j) => j.userName.toLowerCase() === 'bob');
    if (!job) throw new Error("bob's job is not in the queue");
    return job.jobId;
  };

  test('printers: a table with status, jobs, driver, ports and share', async () => {
    const r = await pointprint(['printers', '\\\\NTPRINT', ...at, '-U', ALICE]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Printers on \\\\NTPRINT:');
    expect(lines[1]).toMatch(/^Name\s+Status\s+Jobs\s+Driver\s+Ports\s+Share$/);
    expect(r.out).toMatch(/^HpColor\s+PAUSED\s+2\s+HP Color LaserJet 4500 PCL\s+IP_10\.0\.0\.15\s+HpColor$/m);
    expect(r.out).toMatch(/^Marketing\s+READY\s+0\s+/m);
  });

  test('printers --json, with -p/--port overriding the port and a bare server name', async () => {
    const r = await pointprint([
      'printers',
      'NTPRINT',
      '--address',
      server.host,
      '-p',
      String(server.port),
      '-U',
      ALICE,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      server: string;
      printers: { name: string; jobs: number; statusNames: string[] }[];
    };
    expect(doc.server).toBe('\\\\NTPRINT');
    const hp = doc.printers.find((p) => p.name === 'HpColor');
    expect(hp).toMatchObject({
      jobs: 2,
      statusNames: ['PRINTER_STATUS_PAUSED'],
      driverName: 'HP Color LaserJet 4500 PCL',
    });
  });

  test('the hosts map of the client config names the server, as for addprinterconnection', async () => {
    const clientRoot = path.join(dir, 'client');
    await fs.mkdir(clientRoot);
    await fs.writeFile(
      path.join(clientRoot, 'pointprint-client.json'),
      JSON.stringify({
        format: 'pointprint-client/1',
        config: { hosts: { NTPRINT: `${server.host}:${server.port}` } },
      }),
    );
    const r = await pointprint(['jobs', '//NTPRINT/HpColor', '--client-root', clientRoot, '-U', ALICE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Jobs on \\\\NTPRINT\\HpColor:$/m);
    expect(r.out).toMatch(/^\d+\s+bob\s+QUEUED\s+0\/\d+\s+\d+\s+\S+Z\s+bob-report\.txt$/m);
  });

  test('jobs --json: both jobs with owner, document and size', async () => {
    const list = await jobs();
    expect(list.map((j) => [j.userName.toLowerCase(), j.documentName]).sort()).toEqual([
      ['alice', 'alice-memo.txt'],
      ['bob', 'bob-report.txt'],
    ]);
    expect(list.find((j) => j.documentName === 'bob-report.txt')?.size).toBe('bob-report.txt\f'.length);
  });

  test("alice cannot pause bob's job: exit 1, ERROR_ACCESS_DENIED and what to do", async () => {
    const id = await bobsJob();
    const r = await pointprint(['pause', '\\\\NTPRINT\\HpColor', String(id), ...at, '-U', ALICE]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^pointprint pause: .*ERROR_ACCESS_DENIED.*\(log on \(-U\) as an account with the right/);
    expect(r.err.split('\n')).toHaveLength(2);
  });

  test('bob pauses and resumes his own job; the queue shows it', async () => {
    const id = await bobsJob();
    const paused = await pointprint(['pause', '\\\\NTPRINT\\HpColor', String(id), ...at, '-U', BOB]);
    expect(paused).toEqual({ out: `job ${id} on \\\\NTPRINT\\HpColor: paused\n`, err: '', code: 0 });
    expect((await jobs()).find((j) => j.jobId === id)?.statusNames).toContain('JOB_STATUS_PAUSED');
    const resumed = await pointprint(['resume', '\\\\NTPRINT\\HpColor', String(id), ...at, '-U', BOB, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toEqual({
      printer: '\\\\NTPRINT\\HpColor',
      jobId: id,
      action: 'resume',
      result: 'resumed',
    });
    expect((await jobs()).find((j) => j.jobId === id)?.statusNames).not.toContain('JOB_STATUS_PAUSED');
  });

  test('a job the queue does not hold, and a printer the server does not have: exit 1, said plainly', async () => {
    const none = await pointprint(['cancel', '\\\\NTPRINT\\HpColor', '4242', ...at, '-U', ADMIN_USER, '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.out)).toEqual({
      error: {
        message: '\\\\NTPRINT\\HpColor has no job 4242 (ERROR_INVALID_PARAMETER)',
        hint: "list the jobs: pointprint jobs '\\\\NTPRINT\\HpColor'",
        code: 'ERROR_INVALID_PARAMETER',
        exitCode: 1,
      },
    });
    const nope = await pointprint(['jobs', '\\\\NTPRINT\\Nope', ...at, '-U', ALICE]);
    expect(nope.code).toBe(1);
    expect(nope.err).toBe(
      "pointprint jobs: \\\\NTPRINT\\Nope: no such printer (ERROR_INVALID_PRINTER_NAME) (pointprint printers '\\\\NTPRINT' lists them)\n",
    );
  });

  test('no credentials at all: says that none were given (exit 1)', async () => {
    const r = await runCli((deps) => buildPointprintProgram({ ...deps, env: {} }), ['printers', '\\\\NTPRINT', ...at]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'pointprint printers: no credentials were given, and \\\\NTPRINT refused a guest logon (give -U user (the password is asked for), -U user%password or -A file)\n',
    );
  });

  test("admin cancels bob's job; it leaves the queue", async () => {
    const id = await bobsJob();
    const r = await pointprint(['cancel', '\\\\NTPRINT\\HpColor', String(id), ...at, '-U', ADMIN_USER]);
    expect(r).toEqual({ out: `job ${id} on \\\\NTPRINT\\HpColor: cancelled\n`, err: '', code: 0 });
    expect((await jobs()).map((j) => j.jobId)).not.toContain(id);
  });
});
