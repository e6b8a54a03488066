/**
 * The print server's event log, with the IDs of Windows' PrintService / PrintSpooler channels
 * (reference/spooler-anchors.md 1.14; the channel choice is in docs/spooler-decisions.md):
 * queue events 300-306 in Admin, document events 307-310 in Operational, and the driver and
 * connection events of the Point-and-Print flow. Event 307 carries the fields of [MS-RPRN]
 * 2.2.1.15.5 RPC_BranchOfficeJobDataPrinted. With a state directory the log is appended to
 * `<stateDir>/eventlog.jsonl` (one JSON record per line) and survives restarts. The appends go
 * through the shared writer (lib/common/atomic-file.ts), in order, in the background: writing an
 * event never fails its caller; a write that fails (a full disk) is logged, the event stays in
 * memory.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import { PersistentFiles } from '../../common/persistent-files';
import type { JobPrintedFields } from '../../spoolss/spooler-extras';

export const PrintEventId = {
  PRINTER_ADDED: 300,
  PRINTER_DELETED: 301,
  PRINTER_PENDING_DELETION: 302,
  PRINTER_PAUSED: 303,
  PRINTER_RESUMED: 304,
  PRINTER_SET: 306,
  DOCUMENT_PRINTED: 307,
  DOCUMENT_PAUSED: 308,
  DOCUMENT_RESUMED: 309,
  DOCUMENT_DELETED: 310,
  FORM_ADDED: 312,
  FORM_DELETED: 313,
  DOCUMENT_TIMED_OUT: 314,
  PRINTER_NO_PORTS: 320,
  /** "%1 initialization failed at %2. Error: %3." (Print Spooler Status, WS2008R2 dd393225). */
  SPOOLER_INIT_FAILED: 354,
  /** The document failed to print (PrintService Admin; the ID is the detection-wiki list's). */
  DOCUMENT_FAILED: 372,
  /** Branch Office Print Remote Logging ([MS-RPRN] 2.2.1.15.3, .4, .7): a client's rendering, pipeline failure, full offline archive. */
  DOCUMENT_RENDERED: 805,
  PIPELINE_FAILED: 824,
  OFFLINE_LOG_FULL: 868,
  /** Debug channel: StartDocPrinter / EndDocPrinter succeeded. */
  START_DOC: 106,
  END_DOC: 110,
  /** Debug channel: AddPrinterDriver succeeded (a driver was installed or downloaded). */
  DRIVER_ADDED: 114,
  /** Debug channel: AddPrinter succeeded. */
  PRINTER_ADDED_DEBUG: 100,
} as const;
export type PrintEventId = (typeof PrintEventId)[keyof typeof PrintEventId];

export type PrintEventChannel = 'Admin' | 'Operational' | 'Debug';

export interface PrintEvent {
  /** Sequence number in this log (1-based, persisted). */
  readonly record: number;
  readonly id: number;
  readonly channel: PrintEventChannel;
  readonly level: 'information' | 'warning' | 'error';
  /** ISO 8601, UTC, from the spooler clock. */
  readonly time: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string | number>>;
}

/** [MS-RPRN] 2.2.1.15.5 RPC_BranchOfficeJobDataPrinted, plus the job id of the message. */
export interface DocumentPrintedData extends JobPrintedFields {
  readonly jobId: number;
  readonly size: number;
}

const CHANNEL: Readonly<Record<number, PrintEventChannel>> = {
  307: 'Operational',
  308: 'Operational',
  309: 'Operational',
  310: 'Operational',
  314: 'Operational',
  805: 'Operational',
  100: 'Operational',
  106: 'Debug',
  110: 'Debug',
  114: 'Debug',
};

export class PrintEventLog {
  private readonly events: PrintEvent[] = [];
  private readonly files = new PersistentFiles('event log');
  private nextRecord = 1;
  private readonly file: string | undefined;
  /** The file ends inside a line a crash cut: the next record starts on a new line. */
  private cutLine = false;

  constructor(
    stateDir: string | undefined,
    private readonly now: () => number,
    private readonly logger: Logger,
    /** Records kept in memory (the file keeps everything). */
    private readonly keep = 1000,
  ) {
    this.file = stateDir === undefined ? undefined : path.join(stateDir, 'eventlog.jsonl');
    if (this.file !== undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.load(this.file);
    }
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    this.cutLine = text !== '' && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const e = JSON.parse(line) as PrintEvent;
        if (typeof e.record === 'number' && typeof e.id === 'number') {
          this.events.push(e);
          this.nextRecord = Math.max(this.nextRecord, e.record + 1);
        }
      } catch {
        // A line cut by a crash is skipped, not fatal.
        this.logger.warn('event log: unreadable line skipped', { file });
      }
    }
    this.events.splice(0, Math.max(0, this.events.length - this.keep));
  }

  write(
    id: number,
    message: string,
    data: Readonly<Record<string, string | number>> = {},
    level: PrintEvent['level'] = 'information',
  ): PrintEvent {
    const event: PrintEvent = {
      record: this.nextRecord++,
      id,
      channel: CHANNEL[id] ?? 'Admin',
      level,
      time: new Date(this.now()).toISOString(),
      message,
      data,
    };
    this.events.push(event);
    if (this.events.length > this.keep) this.events.shift();
    this.persist(event);
    this.logger.info('event', { eventId: id, message });
    return event;
  }

  /** Event 307, worded as Windows words it. */
  documentPrinted(d: DocumentPrintedData): PrintEvent {
    return this.write(
      PrintEventId.DOCUMENT_PRINTED,
      `Document ${d.jobId}, ${d.documentName} owned by ${d.userName} on ${d.machineName} was printed on ` +
        `${d.printerName} through port ${d.portName}. Size in bytes: ${d.size}. Pages printed: ${d.totalPages}. ` +
        `No user action is required.`,
      { ...d },
    );
  }

  private persist(event: PrintEvent): void {
    const file = this.file;
    if (file === undefined || this.files.closed) return;
    const line = `${this.cutLine ? '\n' : ''}${JSON.stringify(event)}\n`;
    this.cutLine = false;
    this.files.append(file, line, { durable: false }).catch((err: unknown) => {
      // Part of the line may be in the file.
      this.cutLine = true;
      this.logger.warn('event not written to the event log file', {
        file,
        record: event.record,
        error: err instanceof Error ? err.message : String(err),
      });
    });
  }

  /** Resolves once the events written so far are in the file. */
  whenWritten(): Promise<void> {
    return this.files.whenWritten();
  }

  /** The spooler stopped: pending events reach the file, later ones stay in memory only. */
  close(): Promise<void> {
    return this.files.close();
  }

  /** The newest `count` events (all when omitted), oldest first; optionally one ID only. */
  recent(count?: number, id?: number): PrintEvent[] {
    const list = id === undefined ? this.events : this.events.filter((e) => e.id === id);
    return count === undefined ? [...list] : list.slice(-count);
  }
}
