/**
 * What `pointprint printers` and `pointprint jobs` show: the PRINTER_INFO_2 and JOB_INFO_2 records
 * a server returned, as a table for people (the columns of Get-Printer and Get-PrintJob) and as
 * plain JSON for scripts. Status words are the spec's flag names without their prefix.
 */
import { flagNames } from '../common/constants';
import { JobStatus, PrinterStatus } from '../spoolss/constants';
import type { JobInfo, PrinterInfo } from '../spoolss/types';

export interface PrinterRow {
  readonly name: string;
  /** As the server wrote it, `\\SERVER\name` for a remote caller. */
  readonly printerName: string;
  readonly shareName: string;
  readonly driverName: string;
  readonly ports: readonly string[];
  readonly status: number;
  /** PRINTER_STATUS_* names; empty when the printer is ready. */
  readonly statusNames: readonly string[];
  readonly jobs: number;
  readonly comment: string;
  readonly location: string;
}

export interface JobRow {
  readonly jobId: number;
  readonly documentName: string;
  readonly userName: string;
  readonly machineName: string;
  readonly status: number;
  /** JOB_STATUS_* names; empty for a job waiting in the queue. */
  readonly statusNames: readonly string[];
  /** The status text a port monitor set, if any. */
  readonly statusText: string;
  readonly priority: number;
  readonly position: number;
  readonly totalPages: number;
  readonly pagesPrinted: number;
  readonly size: number;
  readonly submitted: string;
}

/** `HpColor` from `\\SERVER\HpColor`. */
function shortName(printerName: string): string {
  return printerName.startsWith('\\\\') ? printerName.slice(printerName.indexOf('\\', 2) + 1) : printerName;
}

export function printerRow(p: PrinterInfo): PrinterRow {
  return {
    name: shortName(p.printerName),
    printerName: p.printerName,
    shareName: p.shareName,
    driverName: p.driverName,
    ports: p.portNames,
    status: p.status,
    statusNames: flagNames(PrinterStatus, p.status),
    jobs: p.jobCount,
    comment: p.comment,
    location: p.location,
  };
}

export function jobRow(j: JobInfo): JobRow {
  return {
    jobId: j.jobId,
    documentName: j.documentName,
    userName: j.userName,
    machineName: j.machineName,
    status: j.status,
    statusNames: flagNames(JobStatus, j.status),
    statusText: j.statusText,
    priority: j.priority,
    position: j.position,
    totalPages: j.totalPages,
    pagesPrinted: j.pagesPrinted,
    size: j.size,
    submitted: j.submitted.toISOString(),
  };
}

function statusWords(names: readonly string[], prefix: RegExp, idle: string): string {
  return names.length === 0 ? idle : names.map((n) => n.replace(prefix, '')).join('|');
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatPrinters(server: string, rows: readonly PrinterRow[]): string {
  if (rows.length === 0) return `No printers on ${server}.\n`;
  const table = formatTable(
    ['Name', 'Status', 'Jobs', 'Driver', 'Ports', 'Share'],
    rows.map((p) => [
      p.name,
      statusWords(p.statusNames, /^PRINTER_STATUS_/, 'READY'),
      String(p.jobs),
      p.driverName,
      p.ports.join(','),
      p.shareName,
    ]),
  );
  return `Printers on ${server}:\n${table}\n`;
}

export function formatJobs(printer: string, rows: readonly JobRow[]): string {
  if (rows.length === 0) return `No jobs on ${printer}.\n`;
  const table = formatTable(
    ['Id', 'Owner', 'Status', 'Pages', 'Size', 'Submitted', 'Document'],
    rows.map((j) => [
      String(j.jobId),
      j.userName,
      statusWords(j.statusNames, /^JOB_STATUS_/, 'QUEUED'),
      `${j.pagesPrinted}/${j.totalPages}`,
      String(j.size),
      j.submitted,
      j.documentName,
    ]),
  );
  return `Jobs on ${printer}:\n${table}\n`;
}
