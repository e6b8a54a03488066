/**
 * Issue 6 item 9 at process level: `pointprint serve --state DIR` is killed with SIGKILL while one
 * job prints, two wait in the queue and a fourth is still arriving; started again on the same
 * state directory, every acknowledged job prints exactly once and the partial one is discarded
 * with event 310 (docs/spooler-decisions.md, "Durability" and open question 6).
 *
 * Acknowledged = smbclient `print` returned 0: its SMB2 CLOSE of the printer-share file is
 * EndDocPrinter. The partial job is smbclient `print -` fed from a pipe that is never closed:
 * smbclient reads its input in large chunks, so the test feeds it until the server's .SPL holds
 * data (CREATE and WRITEs received, no CLOSE), then kills the server. Our SMB2 client has no
 * write path, and a raw TCP client would only repeat what smbclient does.
 *
 * Runs the build (dist/bin/pointprint.js): `npm run test:all` and `npm run test:interop` build first.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobStatus } from '../../../lib/spoolss/constants';
import type { ServerStatus } from '../../../lib/spooler/print-server';
import type { JobInfo } from '../../../lib/spoolss/types';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { requireBuild, spawnServer, type SpawnedServer } from '../../helpers/spawn-server';
import { until } from '../../helpers/until';
import { run } from '../../helpers/rpc-stack';

jest.setTimeout(120000);

const BOB = 'bob%B0b!pass';
const SERVE_ARGS = ['--user', 'bob:B0b!pass:Users'];
/** HpColor's port in the NTPRINT fixture: a RAW (9100) device on loopback. */
const PORT_NAME = 'IP_10.0.0.15';

interface PrintEventLine {
  readonly id: number;
  readonly data: Readonly<Record<string, string | number>>;
}

async function pointprint(args: string[]): Promise<string> {
  const r = await run(process.execPath, [requireBuild(), ...args]);
  if (r.code !== 0) throw new Error(`pointprint ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function status(state: string): Promise<ServerStatus> {
  return JSON.parse(await pointprint(['status', '--json', '--state', state])) as ServerStatus;
}

// The child server prints at 30 pages a minute: wait up to a minute, polling gently.
const waitFor = <T>(what: string, fn: () => Promise<T | undefined>): Promise<T> =>
  until(what, fn, { timeoutMs: 60000, intervalMs: 200 });

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(path.relative(dir, p));
  }
  return out;
}

const outputName = (jobId: number): string => `job-${String(jobId).padStart(5, '0')}.prn`;

describeWithTools(['smbclient'], 'kill -9 of pointprint serve with jobs queued, printing and arriving', () => {
  let dir: string;
  let state: string;
  let server: SpawnedServer | undefined;

  beforeAll(async () => {
    requireBuild();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-kill-'));
    state = path.join(dir, 'state');
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    await server?.exited;
    await fs.rm(dir, { recursive: true, force: true });
  });

  const smbPrint = (port: number, file: string) =>
    run(TOOLS.smbclient, ['//127.0.0.1/HpColor', '-p', String(port), '-U', BOB, '-m', 'SMB3', '-c', `print ${file}`]);

  it('every acknowledged job prints exactly once after the restart; the partial one is discarded and logged', async () => {
    server = await spawnServer({ args: ['--state', state, ...SERVE_ARGS] });
    const first = server;
    // 2 s a page: job A (20 pages) is still printing when the server dies.
    await pointprint(['device', 'HpColor', 'ppm', '30', '--state', state]);

    const docs = {
      a: Buffer.from(Array.from({ length: 20 }, (_, i) => `A page ${i + 1}\f`).join(''), 'latin1'),
      b: Buffer.from('B page 1\fB page 2\f', 'latin1'),
      c: Buffer.from('C page 1\f', 'latin1'),
    };
    const files: Record<keyof typeof docs, string> = { a: '', b: '', c: '' };
    for (const k of ['a', 'b', 'c'] as const) {
      files[k] = path.join(dir, `doc-${k}.txt`);
      await fs.writeFile(files[k], docs[k]);
    }

    // A, acknowledged, then printing with a page out.
    expect(await smbPrint(first.port, files.a)).toMatchObject({ code: 0 });
    const jobOf = (s: ServerStatus, name: string): JobInfo | undefined =>
      s.printers.find((p) => p.name === 'HpColor')?.jobs.find((j) => j.documentName.startsWith(name));
    const a = await waitFor('job A printing with a page out', async () => {
      const s = await status(state);
      const device = s.printers.find((p) => p.name === 'HpColor')?.devices[0];
      const job = jobOf(s, 'doc-a.txt');
      return job && device?.currentJob?.jobId === job.jobId && device.currentJob.pagesPrinted >= 1 ? job : undefined;
    });
    // B and C, acknowledged, queued behind it.
    expect(await smbPrint(first.port, files.b)).toMatchObject({ code: 0 });
    expect(await smbPrint(first.port, files.c)).toMatchObject({ code: 0 });

    // D: CREATE and WRITEs reach the server, the CLOSE never does.
    const partial = spawn(
      TOOLS.smbclient,
      ['//127.0.0.1/HpColor', '-p', String(first.port), '-U', BOB, '-m', 'SMB3', '-c', 'print -'],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    const partialExited = new Promise<void>((resolve) => partial.once('exit', () => resolve()));
    partial.stdin.on('error', () => undefined); // the pipe breaks when the server dies
    const chunk = Buffer.alloc(1 << 20, 0x44);
    const spoolDir = path.join(state, 'PRINTERS');
    const before = await status(state);
    const [jobA, jobB, jobC] = [a, jobOf(before, 'doc-b.txt'), jobOf(before, 'doc-c.txt')];
    if (!jobB || !jobC) throw new Error(`jobs B and C are not queued: ${JSON.stringify(before.printers[0]?.jobs)}`);
    // Fed until the .SPL of a job after C holds data (the spool folder is cheaper to poll than status).
    const splBytesAfter = async (lastId: number): Promise<number> => {
      let bytes = 0;
      for (const n of await fs.readdir(spoolDir)) {
        const m = /^(\d+)\.SPL$/i.exec(n);
        if (m?.[1] !== undefined && Number(m[1]) > lastId)
          bytes += (await fs.stat(path.join(spoolDir, n)).catch(() => ({ size: 0 }))).size;
      }
      return bytes;
    };
    for (let sent = 0; sent < 256 << 20 && (await splBytesAfter(jobC.jobId)) === 0; sent += chunk.length) {
      await new Promise<void>((resolve) => partial.stdin.write(chunk, () => resolve()));
    }
    await waitFor('the partial job to have data', async () =>
      (await splBytesAfter(jobC.jobId)) > 0 ? true : undefined,
    );
    const jobD = jobOf(await status(state), 'stdin-');
    if (!jobD) throw new Error('the partial job never reached the spool folder');

    // The moment of the crash: A printing, B and C waiting, D spooling.
    const atCrash = await status(state);
    const has = (name: string, bit: number): boolean => ((jobOf(atCrash, name)?.status ?? 0) & bit) !== 0;
    expect(jobOf(atCrash, 'doc-a.txt')?.jobId).toBe(jobA.jobId);
    expect(has('doc-a.txt', JobStatus.JOB_STATUS_PRINTING)).toBe(true);
    expect(has('doc-b.txt', JobStatus.JOB_STATUS_PRINTING)).toBe(false);
    expect(has('doc-c.txt', JobStatus.JOB_STATUS_PRINTING)).toBe(false);
    expect(has('stdin-', JobStatus.JOB_STATUS_SPOOLING)).toBe(true);
    const outDir = path.join(state, 'OUTPUT', PORT_NAME);
    expect(await filesUnder(outDir)).toEqual([]);

    process.kill(first.pid, 'SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    partial.stdin.destroy();
    partial.kill('SIGKILL');
    await partialExited;

    // The same command on the same state directory.
    server = await spawnServer({ args: ['--state', state, ...SERVE_ARGS] });
    // Faster, so the test does not wait 40 s for A's second run (the page in the engine keeps its 2 s).
    await pointprint(['device', 'HpColor', 'ppm', '6000', '--state', state]);
    const idle = await waitFor('the queue to drain', async () => {
      const s = await status(state);
      const hp = s.printers.find((p) => p.name === 'HpColor');
      return hp && hp.jobs.length === 0 && hp.devices.every((d) => d.state === 'idle') ? s : undefined;
    });
    expect(idle.printers.find((p) => p.name === 'HpColor')?.jobs).toEqual([]);

    // Exactly one output per acknowledged job, with its data; nothing of D, no partial file.
    const expected = [jobA.jobId, jobB.jobId, jobC.jobId].sort((x, y) => x - y).map(outputName);
    expect((await filesUnder(outDir)).sort()).toEqual(expected);
    expect(await fs.readFile(path.join(outDir, outputName(jobA.jobId)))).toEqual(docs.a);
    expect(await fs.readFile(path.join(outDir, outputName(jobB.jobId)))).toEqual(docs.b);
    expect(await fs.readFile(path.join(outDir, outputName(jobC.jobId)))).toEqual(docs.c);
    const everything = await filesUnder(path.join(state, 'OUTPUT'));
    expect(everything.filter((f) => f.includes(outputName(jobD.jobId)) || f.endsWith('.partial'))).toEqual([]);
    // The spool folder is empty again: printed jobs' files deleted, D's discarded.
    expect((await fs.readdir(spoolDir)).filter((n) => /\.(SPL|SHD)$/i.test(n))).toEqual([]);

    // The event log (kept across the restart): 307 once per printed job, 310 for D.
    const events = (await fs.readFile(path.join(state, 'eventlog.jsonl'), 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as PrintEventLine);
    const printed = events.filter((e) => e.id === 307).map((e) => Number(e.data.jobId));
    expect(printed.sort((x, y) => x - y)).toEqual([jobA.jobId, jobB.jobId, jobC.jobId].sort((x, y) => x - y));
    expect(printed).not.toContain(jobD.jobId);
    const discarded = events.filter((e) => e.id === 310 && Number(e.data.jobId) === jobD?.jobId);
    expect(discarded).toHaveLength(1);
    expect(discarded[0]?.data).toMatchObject({ userName: 'bob', printerName: 'HpColor' });
    expect(Number(discarded[0]?.data.size)).toBeGreaterThan(0);
    // A new job after the restart gets a new id, not one of the lost job's.
    const next = path.join(dir, 'after.txt');
    await fs.writeFile(next, 'after\f');
    expect(await smbPrint(server.port, next)).toMatchObject({ code: 0 });
    const after = await waitFor('the job after the restart', async () => {
      const names = await filesUnder(outDir);
      return names.length === 4 ? names : undefined;
    });
    expect(after.sort().at(-1)).toBe(outputName(jobD.jobId + 1));
  });
});
