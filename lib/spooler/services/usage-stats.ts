/**
 * Usage statistics of the print server role: jobs, pages and bytes printed per printer and per
 * user (what the course lists as "informations d'utilisation"), counted from each printed job
 * and kept in `<stateDir>/usage.json`.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
  private closed = false;

  constructor(stateDir: string | undefined) {
    this.file = stateDir === undefined ? undefined : path.join(stateDir, 'usage.json');
    if (this.file === undefined) return;
    try {
      const doc = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<UsageSnapshot>;
      this.printers = { ...(doc.printers ?? {}) };
      this.users = { ...(doc.users ?? {}) };
    } catch {
      // first start
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
    if (this.file !== undefined && !this.closed) {
      writeFileSync(`${this.file}.tmp`, JSON.stringify(this.snapshot(), null, 2));
      renameSync(`${this.file}.tmp`, this.file);
    }
  }

  /** The spooler stopped: counters stay in memory only. */
  close(): void {
    this.closed = true;
  }

  snapshot(): UsageSnapshot {
    return { printers: structuredClone(this.printers), users: structuredClone(this.users) };
  }
}
