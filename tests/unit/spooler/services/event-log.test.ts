import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../../../lib/common/logger';
import { PrintEventId, PrintEventLog } from '../../../../lib/spooler/services/event-log';

const T0 = Date.UTC(2025, 0, 6, 9, 0);

describe('PrintEventLog', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-events-'));
  });
  afterEach(async () => {
    await fs.rm(stateDir, { recursive: true, force: true });
  });

  it('puts document events in Operational and queue events in Admin, with the spooler clock', () => {
    const log = new PrintEventLog(undefined, () => T0, createSilentLogger());
    const paused = log.write(PrintEventId.PRINTER_PAUSED, 'Printer Single was paused.', { printerName: 'Single' });
    const printed = log.documentPrinted({
      jobId: 4,
      status: 0,
      documentName: 'report.txt',
      userName: 'bob',
      machineName: 'WS01',
      printerName: 'Single',
      portName: 'LPT4:',
      size: 13,
      totalPages: 3,
    });
    expect([paused.channel, paused.record, paused.time]).toEqual(['Admin', 1, '2025-01-06T09:00:00.000Z']);
    expect([printed.id, printed.channel, printed.record]).toEqual([307, 'Operational', 2]);
    expect(printed.message).toBe(
      'Document 4, report.txt owned by bob on WS01 was printed on Single through port LPT4:. ' +
        'Size in bytes: 13. Pages printed: 3. No user action is required.',
    );
    expect(log.recent(undefined, 307)).toEqual([printed]);
    expect(log.recent(1)).toEqual([printed]);
  });

  it('survives a restart from eventlog.jsonl, numbering on; a line cut by a crash is skipped', async () => {
    const first = new PrintEventLog(stateDir, () => T0, createSilentLogger());
    first.write(PrintEventId.PRINTER_PAUSED, 'one');
    first.write(PrintEventId.PRINTER_RESUMED, 'two');
    await first.whenWritten();
    await fs.appendFile(path.join(stateDir, 'eventlog.jsonl'), '{"record":3,"id":3');
    const second = new PrintEventLog(stateDir, () => T0, createSilentLogger());
    expect(second.recent().map((e) => e.message)).toEqual(['one', 'two']);
    expect(second.write(PrintEventId.PRINTER_SET, 'three').record).toBe(3);
    await second.close();
    // The cut line stays on its own: the next record is not glued to it.
    const third = new PrintEventLog(stateDir, () => T0, createSilentLogger());
    expect(third.recent().map((e) => e.message)).toEqual(['one', 'two', 'three']);
  });

  it('writing an event never fails its caller, even when the file cannot be written', async () => {
    // The log file is a directory: every append fails.
    await fs.mkdir(path.join(stateDir, 'eventlog.jsonl'));
    const log = new PrintEventLog(stateDir, () => T0, createSilentLogger());
    expect(log.write(PrintEventId.PRINTER_PAUSED, 'kept in memory').record).toBe(1);
    await log.close();
    expect(log.recent().map((e) => e.message)).toEqual(['kept in memory']);
  });

  it('many events written at once reach the file in order', async () => {
    const log = new PrintEventLog(stateDir, () => T0, createSilentLogger());
    for (let i = 1; i <= 200; i++) log.write(PrintEventId.PRINTER_SET, `event ${i}`);
    await log.close();
    const lines = (await fs.readFile(path.join(stateDir, 'eventlog.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { record: number }).record)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
  });

  it('writes nothing to its file once closed', async () => {
    const log = new PrintEventLog(stateDir, () => T0, createSilentLogger());
    log.write(PrintEventId.PRINTER_PAUSED, 'kept');
    await log.close();
    log.write(PrintEventId.PRINTER_RESUMED, 'memory only');
    expect(log.recent()).toHaveLength(2);
    const lines = (await fs.readFile(path.join(stateDir, 'eventlog.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
  });
});
