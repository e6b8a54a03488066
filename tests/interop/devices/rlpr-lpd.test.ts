/**
 * A real LPR client, rlpr 2.05 (Debian), sends files to our LPD receiver, which must get them
 * byte for byte. rlpr always connects to port 515, so the receiver listens on 515 of a loopback
 * address of its own (127.19.x.y, chosen at random so that parallel runs do not meet): binding
 * a port under 1024 needs root, as CI and the interop machines run. `-N` (--no-bind) keeps rlpr
 * from binding a privileged source port, which our receiver does not ask for.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import type { LpdJob } from '../../../lib/devices/lpr/lpd-connection';
import { LpdReceiver } from '../../../lib/devices/lpr/lpd-receiver';
import { LPD_PORT } from '../../../lib/devices/lpr/lpd-protocol';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { until } from '../../helpers/until';

jest.setTimeout(60000);

function rlpr(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(TOOLS.rlpr, ['-N', ...args], { timeout: 20000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr });
    });
  });
}

describeWithTools(['rlpr'], 'rlpr sends jobs to our LPD receiver', () => {
  const host = `127.19.${randomInt(1, 255)}.${randomInt(1, 255)}`;
  const jobs: LpdJob[] = [];
  const receiver = new LpdReceiver({
    queues: ['HpColor'],
    onJob: (job) => void jobs.push(job),
    logger: createSilentLogger(),
  });
  let dir = '';

  beforeAll(async () => {
    await receiver.listen(LPD_PORT, host);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rlpr-'));
  });
  afterAll(async () => {
    await receiver.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    jobs.length = 0;
  });

  it("a 2 MiB binary file arrives byte for byte, with rlpr's control file", async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const file = path.join(dir, 'report.prn');
    await fs.writeFile(file, data);
    const r = await rlpr(['-H', host, '-P', 'HpColor', '-J', 'Quarterly report', '-U', 'alice', file]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.output).toContain('1 file spooled to HpColor@');
    // rlpr is done once its last file is acknowledged; the job is delivered when it has closed.
    const job = await until('the job', () => Promise.resolve(jobs[0]), { timeoutMs: 10000 });
    expect(jobs).toHaveLength(1);
    expect(job.queue).toBe('HpColor');
    expect(job.controlFile).toMatchObject({ user: 'alice', jobName: 'Quarterly report', sourceName: file });
    expect(job.controlFile.prints).toEqual([{ format: 'f', dataFile: job.dataFiles[0]!.name }]);
    expect(job.dataFiles).toHaveLength(1);
    expect(job.dataFiles[0]!.declaredCount).toBe(data.length);
    expect(job.dataFiles[0]!.data.equals(data)).toBe(true);
  });

  it('a text file printed with -l keeps every octet, CR, NUL and form feed included', async () => {
    const text = Buffer.from('line 1\r\nline 2\f\0\xff\n', 'latin1');
    const file = path.join(dir, 'page.txt');
    await fs.writeFile(file, text);
    const r = await rlpr(['-H', host, '-P', 'hpcolor', '-l', file]);
    expect(r.code).toBe(0);
    const job = await until('the job', () => Promise.resolve(jobs[0]), { timeoutMs: 10000 });
    expect(job.dataFiles[0]?.data).toEqual(text);
    expect(job.controlFile.prints[0]?.format).toBe('l');
  });

  it('an unknown queue is refused: rlpr fails and nothing is delivered', async () => {
    const file = path.join(dir, 'nope.txt');
    await fs.writeFile(file, 'nope');
    const r = await rlpr(['-H', host, '-P', 'NoSuchQueue', file]);
    expect(r.code).not.toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(jobs).toEqual([]);
  });
});
