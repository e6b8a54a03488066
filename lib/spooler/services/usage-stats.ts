/**
 * Usage statistics of the print server role: jobs, pages and bytes printed per printer and per
 * user (what the course lists as "informations d'utilisation"), counted from each printed job
 * and kept in `<stateDir>/usage.json`, rewritten through the shared writer
 * (lib/common/atomic-file.ts: atomic, serialised, the newest counters win). A usage.json that
 * cannot be read is kept aside (`usage.json.corrupt-<reason>`) and counting starts again.
 */
import path from 'node:path';
import { createSilentLogger, type Logger } from '../../common/logger';
import { PersistentFiles } from '../../common/persistent-files';
import { readStateFile } from '../../common/state-file';

export interface UsageCounters {
  jobs: number;
  pages: number;
  bytes: number;
}

export interface UsageSnapshot {
  readonly printers: Readonly<Record<string, UsageCounters>>;
  readonly users: Readonly<Record<string, UsageCounters>>;
}

export class UsageStats {
  private printers: Record<string, UsageCounters> = {};
  private users: Record<string, UsageCounters> = {};
  private readonly file: string | undefined;
  private readonly files = new PersistentFiles('usage statistics');

  constructor(
    stateDir: string | undefined,
    private readonly logger: Logger = createSilentLogger(),
  ) {
    this.file = stateDir === undefined ? undefined : path.join(stateDir, 'usage.json');
    if (this.file === undefined) return;
    const read = readStateFile(this.file, (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (read.kind === 'ok') {
      const doc = read.value as Partial<UsageSnapshot>;
      this.printers = { ...(doc.printers ?? {}) };
      this.users = { ...(doc.users ?? {}) };
    } else if (read.kind === 'damaged') {
      this.logger.error('usage.json cannot be read: kept aside, usage counting starts again', {
        reason: read.reason,
        keptAs: read.keptAs,
      });
    }
  }

  record(printerName: string, userName: string, pages: number, bytes: number): void {
    for (const [table, key] of [
      [this.printers, printerName],
      [this.users, userName.toLowerCase()],
    ] as const) {
      const c = (table[key] ??= { jobs: 0, pages: 0, bytes: 0 });
      c.jobs += 1;
      c.pages += pages;
      c.bytes += bytes;
    }
    const file = this.file;
    if (file === undefined || this.files.closed) return;
    this.files.write(file, JSON.stringify(this.snapshot(), null, 2)).catch((err: unknown) => {
      this.logger.warn('usage.json not written', { file, error: err instanceof Error ? err.message : String(err) });
    });
  }

  /** Resolves once the counters recorded so far are in usage.json. */
  whenWritten(): Promise<void> {
    return this.files.whenWritten();
  }

  /** The spooler stopped: pending counters reach the file, later ones stay in memory only. */
  close(): Promise<void> {
    return this.files.close();
  }

  snapshot(): UsageSnapshot {
    return { printers: structuredClone(this.printers), users: structuredClone(this.users) };
  }
}
