/**
 * Consumables of an emulated print device: one toner cartridge and paper trays, spent per page.
 * The levels are what Print Management shows from the device's web page or SNMP (reference/
 * spooler-anchors.md 1.8): toner in percent, sheets per tray. A page takes one sheet from the
 * first tray that has paper and 1/capacity of the cartridge.
 */

export interface TrayState {
  readonly name: string;
  readonly mediaName: string;
  readonly capacity: number;
  sheets: number;
}

export interface SuppliesState {
  /** Pages a full cartridge prints. */
  readonly tonerCapacityPages: number;
  tonerPagesLeft: number;
  /** Percent at or below which PRINTER_STATUS_TONER_LOW is raised. */
  readonly tonerLowPercent: number;
  readonly trays: TrayState[];
}

export interface SuppliesSettings {
  readonly tonerCapacityPages?: number;
  /** Starting level in percent (default 100). */
  readonly tonerPercent?: number;
  readonly tonerLowPercent?: number;
  readonly trays?: readonly {
    readonly name: string;
    readonly mediaName?: string;
    readonly capacity?: number;
    readonly sheets?: number;
  }[];
}

export const DEFAULT_TRAYS = [
  { name: 'Tray 1', mediaName: 'Letter', capacity: 100 },
  { name: 'Tray 2', mediaName: 'A4', capacity: 500 },
] as const;

export function createSupplies(settings: SuppliesSettings = {}): SuppliesState {
  const capacity = settings.tonerCapacityPages ?? 5000;
  const percent = settings.tonerPercent ?? 100;
  return {
    tonerCapacityPages: capacity,
    tonerPagesLeft: Math.round((capacity * Math.min(100, Math.max(0, percent))) / 100),
    tonerLowPercent: settings.tonerLowPercent ?? 10,
    trays: (settings.trays ?? DEFAULT_TRAYS).map((t) => ({
      name: t.name,
      mediaName: t.mediaName ?? 'A4',
      capacity: t.capacity ?? 250,
      sheets: 'sheets' in t && t.sheets !== undefined ? t.sheets : (t.capacity ?? 250),
    })),
  };
}

export function tonerPercent(s: SuppliesState): number {
  return s.tonerCapacityPages === 0 ? 0 : Math.floor((100 * s.tonerPagesLeft) / s.tonerCapacityPages);
}

export function isTonerLow(s: SuppliesState): boolean {
  return s.tonerPagesLeft > 0 && tonerPercent(s) <= s.tonerLowPercent;
}

export function isTonerOut(s: SuppliesState): boolean {
  return s.tonerPagesLeft <= 0;
}

export function isPaperOut(s: SuppliesState): boolean {
  return s.trays.every((t) => t.sheets <= 0);
}

/** Spends one page; false (and nothing spent) when paper or toner is missing. */
export function consumePage(s: SuppliesState): boolean {
  const tray = s.trays.find((t) => t.sheets > 0);
  if (!tray || isTonerOut(s)) return false;
  tray.sheets -= 1;
  s.tonerPagesLeft -= 1;
  return true;
}

/** Loads every tray to capacity (clearing paper-out). */
export function refillPaper(s: SuppliesState): void {
  for (const t of s.trays) t.sheets = t.capacity;
}

/** A new cartridge (clearing toner-out). */
export function replaceToner(s: SuppliesState): void {
  s.tonerPagesLeft = s.tonerCapacityPages;
}
