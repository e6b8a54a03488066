/**
 * `pointprint status`: the print server role's view, built from the spooler's rooms: each
 * printer with its settings, status, hours, queue and the devices behind its ports as their
 * port monitors know them (supplies and faults from SNMP for a network printer), then the usage
 * statistics and the newest events.
 */
import type { SpoolerClock } from '../../common/clock';
import type { JobInfo } from '../../spoolss/types';
import type { Jobs } from '../jobs/jobs';
import type { Printers } from '../printers/printers';
import { printerNameOf, type PrinterTable } from '../printers/printer-table';
import type { PortDevice, Printing } from '../printing/printing';
import type { PrintEvent, PrintEventLog } from '../services/event-log';
import { printerSummary, type PrinterSummary } from './printer-summary';
import type { UsageSnapshot, UsageStats } from '../services/usage-stats';

export interface ServerStatus {
  readonly serverName: string;
  readonly time: string;
  readonly printers: readonly PrinterStatusView[];
  readonly usage: UsageSnapshot;
  readonly events: readonly PrintEvent[];
}

export interface PrinterStatusView extends PrinterSummary {
  readonly attributes: number;
  readonly priority: number;
  readonly defaultPriority: number;
  readonly jobs: readonly JobInfo[];
  readonly devices: readonly PortDevice[];
}

export interface StatusSources {
  readonly serverName: string;
  readonly clock: SpoolerClock;
  readonly table: PrinterTable;
  readonly printers: Printers;
  readonly jobs: Jobs;
  readonly printing: Printing;
  readonly usage: UsageStats;
  readonly events: PrintEventLog;
}

/** The status as the server's own console sees it (local names), with the newest `recentEvents` events. */
export function serverStatus(from: StatusSources, recentEvents: number): ServerStatus {
  const now = from.clock.now();
  const printers = from.table.keys().map((key): PrinterStatusView => {
    const info = from.printers.info(key, from.serverName, false);
    const name = printerNameOf(key);
    return {
      ...printerSummary(name, info, now),
      attributes: info.attributes,
      priority: info.priority,
      defaultPriority: info.defaultPriority,
      jobs: from.jobs.jobsOf(name, from.serverName),
      devices: from.printing.devicesOf(name),
    };
  });
  return {
    serverName: from.serverName,
    time: new Date(now).toISOString(),
    printers,
    usage: from.usage.snapshot(),
    events: from.events.recent(recentEvents),
  };
}
