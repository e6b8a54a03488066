/**
 * Issue 13, item 5: a spool folder damaged while the spooler was down. Nothing that may hold an
 * acknowledged job's data is deleted: what cannot be read is kept aside as
 * `<name>.corrupt-<reason>`, said in the log and the event log with the job's names, and a job
 * whose shadow is cut short is recovered from its .SPL.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PrintEventId } from '../../../../lib/spooler/services/event-log';
import { ALICE, BOB } from '../../../helpers/test-print-server';
import { createPrintingServer, submit } from '../../../helpers/printing-server';

const name = (jobId: number, ext: string): string => `${String(jobId).padStart(5, '0')}.${ext}`;

describe('a damaged spool folder at start', () => {
  it('recovers a job from its .SPL when its .SHD is cut short; keeps aside what cannot be read, with names', async () => {
    const first = await createPrintingServer();
    const a = await submit(first.server, 'Single', ALICE, 'a.txt', 'A1\fA2\f');
    const b = await submit(first.server, 'Single', BOB, 'b.txt', 'B1\fB2\fB3\f');
    const c = await submit(first.server, 'Pool3', ALICE, 'c.txt', 'C1\f');
    const d = await submit(first.server, 'Pool3', BOB, 'd.txt', 'D1\f');
    await first.server.events.whenWritten();
    // The spooler stops (a crash: no close), then the disk is damaged.
    const spool = path.join(first.stateDir, 'PRINTERS');
    const shdA = await fs.readFile(path.join(spool, name(a, 'SHD')), 'utf8');
    const cutA = shdA.slice(0, shdA.indexOf('"userName"'));
    await fs.writeFile(path.join(spool, name(a, 'SHD')), cutA);
    const splB = await fs.readFile(path.join(spool, name(b, 'SPL')));
    await fs.writeFile(path.join(spool, name(b, 'SPL')), splB.subarray(0, 3));
    await fs.writeFile(path.join(spool, name(c, 'SHD')), '');
    await fs.rm(path.join(spool, name(d, 'SHD')));
    await fs.writeFile(path.join(first.stateDir, 'spooler-state.json'), '{"nextJob');

    const second = await createPrintingServer({ stateDir: first.stateDir });
    const recovery = second.server.recovery;
    expect(recovery?.requeued.map((j) => j.jobId)).toEqual([a]);
    expect(recovery?.discarded).toEqual([]);
    expect(recovery?.damagedState).toEqual({ reason: 'truncated', keptAs: 'spooler-state.json.corrupt-truncated' });
    expect(recovery?.damaged).toEqual([
      {
        jobId: a,
        documentName: 'a.txt',
        printerName: 'Single',
        reason: 'shadow-truncated',
        keptAs: [`PRINTERS/${name(a, 'SHD')}.corrupt-truncated`],
        recovered: true,
      },
      {
        jobId: b,
        documentName: 'b.txt',
        userName: 'bob',
        printerName: 'Single',
        reason: 'spool-file-truncated',
        keptAs: [
          `PRINTERS/${name(b, 'SHD')}.corrupt-spool-file-truncated`,
          `PRINTERS/${name(b, 'SPL')}.corrupt-spool-file-truncated`,
        ],
        recovered: false,
      },
      {
        jobId: c,
        reason: 'shadow-empty',
        keptAs: [`PRINTERS/${name(c, 'SHD')}.corrupt-empty`, `PRINTERS/${name(c, 'SPL')}.corrupt-shadow-empty`],
        recovered: false,
      },
      {
        jobId: d,
        reason: 'no-shadow-file',
        keptAs: [`PRINTERS/${name(d, 'SPL')}.corrupt-no-shadow-file`],
        recovered: false,
      },
    ]);
    // Every byte is still there, under a name that says why.
    const kept = await fs.readdir(spool);
    expect(await fs.readFile(path.join(spool, `${name(a, 'SHD')}.corrupt-truncated`), 'utf8')).toBe(cutA);
    expect(await fs.readFile(path.join(spool, `${name(b, 'SPL')}.corrupt-spool-file-truncated`), 'latin1')).toBe(
      'B1\f',
    );
    expect(await fs.readFile(path.join(spool, `${name(c, 'SPL')}.corrupt-shadow-empty`), 'latin1')).toBe('C1\f');
    expect(await fs.readFile(path.join(spool, `${name(d, 'SPL')}.corrupt-no-shadow-file`), 'latin1')).toBe('D1\f');
    expect(await fs.readFile(path.join(first.stateDir, 'spooler-state.json.corrupt-truncated'), 'utf8')).toBe(
      '{"nextJob',
    );
    // The recovered job has a sound shadow again, and no event says a job was never received.
    expect(kept).toContain(name(a, 'SHD'));
    expect(second.server.events.recent(undefined, PrintEventId.DOCUMENT_DELETED)).toEqual([]);
    const failed = second.server.events.recent(undefined, PrintEventId.DOCUMENT_FAILED);
    expect(failed.map((e) => e.data)).toEqual([
      expect.objectContaining({ jobId: b, documentName: 'b.txt', userName: 'bob', printerName: 'Single' }),
      expect.objectContaining({ jobId: c, reason: 'shadow-empty' }),
      expect.objectContaining({ jobId: d, reason: 'no-shadow-file' }),
    ]);
    expect(failed[0]?.message).toContain('Document 2, b.txt owned by bob failed to print on Single');
    expect(failed[0]?.level).toBe('error');
    const initFailed = second.server.events.recent(undefined, PrintEventId.SPOOLER_INIT_FAILED);
    expect(initFailed.map((e) => e.data.file ?? e.data.jobId)).toEqual(['spooler-state.json', a]);
    expect(initFailed[1]?.message).toContain('a.txt');

    // The recovered job prints, once; new jobs never reuse an id although the counter was lost.
    await second.clock.runUntil(() => second.server.queue.all().length === 0);
    expect(
      await fs.readFile(path.join(second.outputDir, 'LPT4', `job-${String(a).padStart(5, '0')}.prn`), 'latin1'),
    ).toBe('A1\fA2\f');
    const e = await submit(second.server, 'Single', BOB, 'e.txt');
    expect(e).toBeGreaterThan(d);
    await second.server.close();
  });

  it('an empty .SPL without its shadow (a crash inside StartDocPrinter) is discarded, and the event says so', async () => {
    const first = await createPrintingServer();
    await fs.writeFile(path.join(first.stateDir, 'PRINTERS', name(7, 'SPL')), '');
    const second = await createPrintingServer({ stateDir: first.stateDir });
    expect(second.server.recovery?.discarded).toEqual([
      { jobId: 7, documentName: '', userName: '', printerName: '', size: 0 },
    ]);
    const [event] = second.server.events.recent(undefined, PrintEventId.DOCUMENT_DELETED);
    expect(event?.message).toBe(
      'Document 7 (an empty spool file without its shadow file) was deleted: it was never completely received ' +
        '(0 bytes spooled) before the spooler stopped.',
    );
    expect(await fs.readdir(path.join(first.stateDir, 'PRINTERS'))).toEqual([]);
    await second.server.close();
    await first.server.close();
  });
});
