/**
 * What the print server role shows of a printer, from its PRINTER_INFO_2: the settings, the status
 * with its PRINTER_STATUS_* names, the pool and the hours of availability. `pointprint status`
 * (status-view.ts) and the live web view (lib/web/live-view-model.ts) both start from it.
 */
import { PrinterAttribute, PrinterStatus } from '../../spoolss/constants';
import type { PrinterInfo } from '../../spoolss/types';
import { formatMinutes, isAvailable } from '../printing/availability';

export interface PrinterSummary {
  /** The printer's name on the server (`HpColor`). */
  readonly name: string;
  readonly shareName: string;
  readonly shared: boolean;
  readonly location: string;
  readonly comment: string;
  readonly driverName: string;
  readonly ports: readonly string[];
  /** A printer pool: several ports (devices) behind one printer. */
  readonly pool: boolean;
  readonly status: number;
  /** PRINTER_STATUS_* names of `status`. */
  readonly statusNames: readonly string[];
  /** `always`, or `HH:MM-HH:MM UTC` (PRINTER_INFO_2 StartTime/UntilTime). */
  readonly availability: string;
  readonly available: boolean;
}

/** The names of the bits of `value` in a flags table (PrinterStatus, JobStatus ...). */
export function flagNames(table: Readonly<Record<string, number>>, value: number): string[] {
  return Object.entries(table)
    .filter(([, bit]) => (value & bit) !== 0)
    .map(([name]) => name);
}

export function printerSummary(name: string, info: PrinterInfo, nowMs: number): PrinterSummary {
  return {
    name,
    shareName: info.shareName,
    shared: (info.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) !== 0,
    location: info.location,
    comment: info.comment,
    driverName: info.driverName,
    ports: info.portNames,
    pool: info.portNames.length > 1,
    status: info.status,
    statusNames: flagNames(PrinterStatus, info.status),
    availability:
      info.startTime === info.untilTime
        ? 'always'
        : `${formatMinutes(info.startTime)}-${formatMinutes(info.untilTime)} UTC`,
    available: isAvailable(info.startTime, info.untilTime, nowMs),
  };
}
