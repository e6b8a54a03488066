/**
 * `pointprint printers`, `jobs` and `cancel` against Samba's smbd, a print server we did not
 * write: HpColor with its driver (tests/helpers/samba-print-server.ts), and a job that smbclient
 * keeps spooling (its stdin left open) so that it stays in smbd's queue.
 *
 * Samba refuses SetJob PAUSE on a job it is still spooling (ERROR_INVALID_PARAMETER) and answers a
 * job id it never gave with ERROR_INVALID_PRINTER_NAME; the CLI asks the queue and says which.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { runCli, type CliRun } from '../../helpers/run-cli';
import { SAMBA_DRIVER, startSambaPrintServer, type SambaPrintServer } from '../../helpers/samba-print-server';
import { until } from '../../helpers/until';

jest.setTimeout(120000);

const DRIVERS_STORE = path.resolve(__dirname, '..', '..', '..', 'drivers-store');

interface JobsDoc {
  jobs: { jobId: number; userName: string; documentName: string }[];
}

describeWithTools(['smbd', 'smbclient', 'rpcclient', 'python3'], 'printers and jobs against Samba smbd', () => {
  let samba: SambaPrintServer;
  let auth: string[];
  let spooling: ChildProcess | undefined;
  const pointprint = (argv: string[]): Promise<CliRun> => runCli(buildPointprintProgram, [...argv, ...auth]);

  beforeAll(async () => {
    samba = await startSambaPrintServer({ driversStore: DRIVERS_STORE });
    auth = ['--address', `127.0.0.1:${samba.port}`, '-U', `${samba.user}%${samba.password}`];
  }, 120000);
  afterAll(async () => {
    spooling?.kill('SIGKILL');
    await samba?.stop();
  });

  test("printers '\\\\127.0.0.1': HpColor with Samba's port, the driver rpcclient installed, and no jobs", async () => {
    const r = await pointprint(['printers', '\\\\127.0.0.1']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Printers on \\\\127\.0\.0\.1:$/m);
    expect(r.out).toMatch(
      new RegExp(`^HpColor\\s+READY\\s+0\\s+${SAMBA_DRIVER.name}\\s+Samba Printer Port\\s+HpColor$`, 'm'),
    );
    const json = await pointprint(['printers', '//127.0.0.1', '--json']);
    const doc = JSON.parse(json.out) as { printers: { name: string; driverName: string; jobs: number }[] };
    expect(doc.printers).toEqual([
      expect.objectContaining({ name: 'HpColor', driverName: SAMBA_DRIVER.name, jobs: 0 }),
    ]);
  });

  test('jobs lists a job smbclient is spooling; cancel removes it; pause of a spooling job is refused, and said', async () => {
    spooling = spawn(
      TOOLS.smbclient,
      ['//127.0.0.1/HpColor', '-p', String(samba.port), '-U', `${samba.user}%${samba.password}`, '-c', 'print -'],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    spooling.stdin?.on('error', () => undefined);
    spooling.stdin?.write(Buffer.alloc(256 * 1024, 'x'));

    const listed = await until(
      'the spooling job in smbd queue',
      async () => {
        const r = await pointprint(['jobs', '\\\\127.0.0.1\\HpColor', '--json']);
        if (r.code !== 0) throw new Error(r.err);
        return (JSON.parse(r.out) as JobsDoc).jobs[0];
      },
      { timeoutMs: 30000, intervalMs: 250 },
    );
    expect(listed.userName).toBe(samba.user);
    const text = await pointprint(['jobs', '\\\\127.0.0.1\\HpColor']);
    expect(text.out).toMatch(new RegExp(`^${listed.jobId}\\s+${samba.user}\\s+`, 'm'));

    const pause = await pointprint(['pause', '\\\\127.0.0.1\\HpColor', String(listed.jobId)]);
    expect(pause.code).toBe(1);
    expect(pause.err).toBe(
      `pointprint pause: \\\\127.0.0.1\\HpColor refused to pause job ${listed.jobId} (ERROR_INVALID_PARAMETER) (see its status with pointprint jobs '\\\\127.0.0.1\\HpColor': a server may refuse a job that is still spooling)\n`,
    );

    const cancel = await pointprint(['cancel', '\\\\127.0.0.1\\HpColor', String(listed.jobId)]);
    expect(cancel).toEqual({ out: `job ${listed.jobId} on \\\\127.0.0.1\\HpColor: cancelled\n`, err: '', code: 0 });
    const after = await pointprint(['jobs', '\\\\127.0.0.1\\HpColor', '--json']);
    expect((JSON.parse(after.out) as JobsDoc).jobs.map((j) => j.jobId)).not.toContain(listed.jobId);

    // A job id smbd never gave (it answers ERROR_INVALID_PRINTER_NAME): the CLI asks the queue.
    const none = await pointprint(['cancel', '\\\\127.0.0.1\\HpColor', '4242']);
    expect(none.code).toBe(1);
    expect(none.err).toBe(
      "pointprint cancel: \\\\127.0.0.1\\HpColor has no job 4242 (ERROR_INVALID_PRINTER_NAME) (list the jobs: pointprint jobs '\\\\127.0.0.1\\HpColor')\n",
    );
  });

  test('a printer smbd does not have', async () => {
    const r = await pointprint(['jobs', '\\\\127.0.0.1\\Nope']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^pointprint jobs: \\\\127\.0\.0\.1\\Nope: no such printer \(ERROR_INVALID_PRINTER_NAME\)/);
  });
});
