/**
 * `pointprint status`: the print server role's view, built from the spooler's rooms: each
 * printer with its settings, status, hours, queue and the devices behind its ports as their
 * port monitors know them (supplies and faults from SNMP for a network printer), then the usage
 * statistics and the newest events.
 */
import type { SpoolerClock } from '../../common/clock';
import { PrinterAttribute, PrinterStatus } from '../../spoolss/constants';
import type { JobInfo } from '../../spoolss/types';
import type { Jobs } from '../jobs/jobs';
import type { Printers } from '../printers/printers';
import { printerNameOf, type PrinterTable } from '../printers/printer-table';
import { formatMinutes, isAvailable } from '../printing/availability';
import type { PortDevice, Printing } from '../printing/printing';
import type { PrintEvent, PrintEventLog } from '../services/event-log';
import type { UsageSnapshot, UsageStats } from '../services/usage-stats';

export interface ServerStatus {
  readonly serverName: string;
  readonly time: string;
  readonly printers: readonly PrinterStatusView[];
  readonly usage: UsageSnapshot;
  readonly events: readonly PrintEvent[];
}

export interface PrinterStatusView {
  readonly name: string;
  readonly shareName: string;
  readonly shared: boolean;
  readonly location: string;
  readonly comment: string;
  readonly driverName: string;
  readonly ports: readonly string[];
  readonly pool: boolean;
  readonly status: number;
  readonly statusNames: readonly string[];
  readonly attributes: number;
  readonly priority: number;
  readonly defaultPriority: number;
  readonly availability: string;
  readonly available: boolean;
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
      name,
      shareName: info.shareName,
      shared: (info.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) !== 0,
      location: info.location,
      comment: info.comment,
      driverName: info.driverName,
      ports: info.portNames,
      pool: info.portNames.length > 1,
      status: info.status,
      statusNames: Object.entries(PrinterStatus)
        .filter(([, v]) => (info.status & v) !== 0)
        .map(([k]) => k),
      attributes: info.attributes,
      priority: info.priority,
      defaultPriority: info.defaultPriority,
      availability:
        info.startTime === info.untilTime
          ? 'always'
          : `${formatMinutes(info.startTime)}-${formatMinutes(info.untilTime)} UTC`,
      available: isAvailable(info.startTime, info.untilTime, now),
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
