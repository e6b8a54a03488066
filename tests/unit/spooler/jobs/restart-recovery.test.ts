/**
 * Nothing lost, at the PrintServer level: a server abandoned mid-job (as kill -9 leaves it)
 * and a second one started on the same state directory. The process-level test is in
 * tests/integration/spooler/kill-restart.test.ts.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AccessMask, JobStatus } from '../../../../lib/spoolss/constants';
import { ALICE, BOB } from '../../../helpers/test-print-server';
import { createPrintingServer, submit } from '../../../helpers/printing-server';

const outputs = async (dir: string): Promise<string[]> => (await fs.readdir(dir).catch(() => [] as string[])).sort();

describe('restart after a crash', () => {
  it('requeues every acknowledged job (the printing one from page 1), prints each once, discards the unacknowledged one', async () => {
    const first = await createPrintingServer();
    const a = await submit(first.server, 'Single', ALICE, 'a.txt', 'A1\fA2\fA3\f');
    const b = await submit(first.server, 'Single', BOB, 'b.txt', 'B1\f');
    const c = await submit(first.server, 'Pool3', ALICE, 'c.txt', 'C1\fC2\f');
    // d is still being received when the server dies: never acknowledged.
    const h = await first.server.openPrinter('Single', { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, BOB);
    const d = await first.server.startDocPrinter(h, { documentName: 'partial.txt' });
    await first.server.writePrinter(h, Buffer.from('half of a docu'));
    await first.clock.advance(10_000);
    expect((await first.server.getJob(h, a)).pagesPrinted).toBe(1);
    // Crash: the first server is abandoned as it is (no close, no flush).

    const second = await createPrintingServer({ stateDir: first.stateDir });
    expect(second.server.recovery?.requeued.map((j) => j.jobId)).toEqual([a, b, c]);
    expect(second.server.recovery?.discarded.map((j) => j.jobId)).toEqual([d]);
    expect(second.server.queue.get(a)?.status).toBe(JobStatus.JOB_STATUS_RESTART);
    const discarded = second.server.events.recent(undefined, 310);
    expect(discarded.at(-1)?.data).toMatchObject({ jobId: d, documentName: 'partial.txt', userName: 'bob' });
    await second.clock.runUntil(() => second.server.queue.all().length === 0);

    const single = await outputs(path.join(second.outputDir, 'LPT4'));
    expect(single).toEqual([`job-${String(a).padStart(5, '0')}.prn`, `job-${String(b).padStart(5, '0')}.prn`]);
    expect(await fs.readFile(path.join(second.outputDir, 'LPT4', single[0] ?? ''), 'latin1')).toBe('A1\fA2\fA3\f');
    expect(
      second.server.events
        .recent(undefined, 307)
        .map((e) => Number(e.data.jobId))
        .sort(),
    ).toEqual([a, b, c]);
    expect(await fs.readdir(path.join(second.stateDir, 'PRINTERS'))).toEqual([]);
    // New jobs never reuse an id of the previous run.
    const e = await submit(second.server, 'Single', ALICE, 'e.txt');
    expect(e).toBeGreaterThan(d);
    await second.clock.runUntil(() => second.server.queue.all().length === 0);

    // A third start finds nothing to print again.
    await second.server.close();
    const third = await createPrintingServer({ stateDir: first.stateDir });
    expect(third.server.recovery?.requeued).toEqual([]);
    await third.clock.advance(60_000);
    expect(
      third.server.events
        .recent(undefined, 307)
        .map((x) => Number(x.data.jobId))
        .sort(),
    ).toEqual([a, b, c, e]);
    await third.server.close();
  });

  it('a job whose output was finished just before the crash is not printed again', async () => {
    const first = await createPrintingServer();
    const a = await submit(first.server, 'Single', ALICE, 'a.txt', 'A1\f');
    await first.clock.advance(1000);
    // The device renamed its output, then the process died before the .SHD said "printed".
    await fs.mkdir(path.join(first.outputDir, 'LPT4'), { recursive: true });
    await fs.writeFile(path.join(first.outputDir, 'LPT4', `job-${String(a).padStart(5, '0')}.prn`), 'A1\f');
    const second = await createPrintingServer({ stateDir: first.stateDir });
    await second.clock.advance(60_000);
    expect(second.server.queue.all()).toEqual([]);
    expect(second.server.events.recent(undefined, 307)).toEqual([]);
    await second.server.close();
  });
});
