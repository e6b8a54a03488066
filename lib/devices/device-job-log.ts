/**
 * A print device's job log: the last jobs it took, as a network printer's own web page lists
 * them (job, document, pages, outcome, when). Kept in memory, newest first, bounded.
 */
export interface DeviceJobLogEntry {
  readonly jobId: number;
  readonly documentName: string;
  readonly pages: number;
  readonly pagesPrinted: number;
  readonly outcome: 'printed' | 'aborted';
  /** ISO 8601, UTC, from the device's clock. */
  readonly started: string;
  readonly finished: string;
}

export class DeviceJobLog {
  private readonly list: DeviceJobLogEntry[] = [];

  constructor(private readonly keep = 50) {}

  add(entry: DeviceJobLogEntry): void {
    this.list.unshift(entry);
    this.list.splice(this.keep);
  }

  /** Newest first. */
  entries(): readonly DeviceJobLogEntry[] {
    return [...this.list];
  }
}
