/**
 * PRINTER_INFO of a printer ([MS-RPRN] 2.2.1.10, one record the wire layer cuts into the
 * levels): its registry values, and what only the running spooler knows: the jobs queued, the
 * state of the devices behind its ports as their port monitors report it (SNMP for a network
 * printer; a pool is one printer and shows the faults of any of its devices), WAITING outside
 * its hours, and the ChangeID that moves with every change.
 * A remote caller sees `\\SERVER\printer`, with the server name as it wrote it.
 */
import type { SpoolerClock } from '../../common/clock';
import type { RegistryKey } from '../../registry/registry-key';
import { JobStatus, PrinterAttribute, PrinterEnum, PrinterStatus } from '../../spoolss/constants';
import type { PrinterInfo } from '../../spoolss/types';
import type { PrintQueue } from '../jobs/print-queue';
import { isAvailable } from '../printing/availability';
import type { Printing } from '../printing/printing';
import { readDword, readSz } from '../registry-values';
import { changeIdOf, portsOf, printerNameOf } from './printer-table';
import { dsPrintAction } from './publish-printer';

/** Where PRINTER_INFO's running state comes from. */
export interface PrinterInfoSources {
  readonly queue: PrintQueue;
  readonly printing: Printing;
  readonly clock: SpoolerClock;
}

export function printerInfo(key: RegistryKey, server: string, remote: boolean, from: PrinterInfoSources): PrinterInfo {
  const name = printerNameOf(key);
  const jobs = from.queue.jobsFor(name);
  const attributes = readDword(key, 'Attributes') ?? PrinterAttribute.PRINTER_ATTRIBUTE_LOCAL;
  const printerName = remote ? `\\\\${server}\\${name}` : name;
  const driverName = readSz(key, 'Printer Driver') ?? '';
  const location = readSz(key, 'Location') ?? '';
  const devMode = key.getValue('Default DevMode');
  const ports = portsOf(key);
  // A pool is one printer: it shows the faults of any of its devices.
  const deviceStatus = ports.reduce((acc, p) => acc | (from.printing.portStatus(p)?.status ?? 0), 0);
  const speeds = ports.flatMap((p) => from.printing.ratedPpm(p) ?? []);
  const startTime = readDword(key, 'StartTime') ?? 0;
  const untilTime = readDword(key, 'UntilTime') ?? 0;
  const waiting =
    jobs.length > 0 && !isAvailable(startTime, untilTime, from.clock.now()) ? PrinterStatus.PRINTER_STATUS_WAITING : 0;
  const printing = jobs.some((j) => j.status & JobStatus.JOB_STATUS_PRINTING)
    ? PrinterStatus.PRINTER_STATUS_PRINTING
    : 0;
  const status = ((readDword(key, 'Status') ?? 0) | deviceStatus | waiting | printing) >>> 0;
  return {
    serverName: remote ? `\\\\${server}` : '',
    printerName,
    shareName: readSz(key, 'Share Name') ?? '',
    portNames: ports,
    driverName,
    comment: readSz(key, 'Description') ?? '',
    location,
    ...(devMode && Buffer.isBuffer(devMode.value) && { devMode: devMode.value }),
    sepFile: readSz(key, 'Separator File') ?? '',
    printProcessor: readSz(key, 'Print Processor') ?? 'winprint',
    datatype: readSz(key, 'Datatype') ?? 'RAW',
    parameters: readSz(key, 'Parameters') ?? '',
    attributes,
    priority: readDword(key, 'Priority') ?? 1,
    defaultPriority: readDword(key, 'Default Priority') ?? 0,
    startTime,
    untilTime,
    status,
    jobCount: jobs.length,
    averagePpm: speeds.length === 0 ? 0 : Math.round(speeds.reduce((a, ppm) => a + ppm, 0) / speeds.length),
    flags: PrinterEnum.PRINTER_ENUM_ICON8,
    description: `${printerName},${driverName},${location}`,
    totalJobs: readDword(key, 'TotalJobs') ?? 0,
    totalBytes: readDword(key, 'TotalBytes') ?? 0,
    totalPages: readDword(key, 'TotalPages') ?? 0,
    changeId: changeIdOf(key),
    objectGuid: readSz(key, 'ObjectGUID') ?? '',
    dsAction: dsPrintAction(attributes, readSz(key, 'ObjectGUID') ?? ''),
  };
}
