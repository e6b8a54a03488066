/**
 * The agent's memory of prtAlertTable (RFC 3805 prtAlertIndex): each new alert takes the next
 * index (1 after a reset, wrapping from 2^31-1 to 1) and the sysUpTime at which it appeared;
 * an alert stays under its index while its condition lasts and its row goes when it clears, so
 * a management application can tell new alerts from old ones by their index.
 *
 * The device only says which conditions hold now; `update` reconciles that list with the rows.
 */
import type { PrinterAlertCondition, PrinterAlertKind } from './printer-mib-source';

export interface PrinterAlertRow {
  readonly index: number;
  readonly kind: PrinterAlertKind;
  readonly subunit?: number;
  /** prtAlertTime: sysUpTime (hundredths of a second) when the alert was added. */
  readonly time: number;
}

const MAX_ALERT_INDEX = 0x7fffffff;

const keyOf = (c: PrinterAlertCondition): string => `${c.kind}/${c.subunit ?? ''}`;

export class PrinterAlertTable {
  private rows: PrinterAlertRow[] = [];
  private nextIndex = 1;
  private added = 0;

  /** How many alerts were added since the agent started (hrDeviceErrors). */
  get alertsAdded(): number {
    return this.added;
  }

  /** The rows after reconciling with the conditions that hold now, in index order. */
  update(conditions: readonly PrinterAlertCondition[], upTimeTicks: number): readonly PrinterAlertRow[] {
    const now = new Map(conditions.map((c) => [keyOf(c), c]));
    this.rows = this.rows.filter((r) => now.delete(keyOf(r)));
    for (const c of now.values()) {
      this.rows.push({
        index: this.nextIndex,
        kind: c.kind,
        ...(c.subunit !== undefined && { subunit: c.subunit }),
        time: upTimeTicks,
      });
      this.nextIndex = this.nextIndex === MAX_ALERT_INDEX ? 1 : this.nextIndex + 1;
      this.added = (this.added + 1) % 0x100000000;
    }
    // After a wrap a new row can carry a lower index than an older one: the table is walked in index order.
    return [...this.rows].sort((a, b) => a.index - b.index);
  }
}
