/**
 * What a port monitor knows of the device behind its port: the view the spooler builds printer
 * and job status from (PRINTER_STATUS_*, JOB_STATUS_*), the scheduler decides from, and
 * `pointprint status` shows. Where it comes from depends on the port:
 *
 *   'device'  Local Port: the attached device reports over its cable (the status lines of a
 *             parallel port, a USB printer's status), so the view is the device's own.
 *   'snmp'    Standard TCP/IP with SNMP Status Enabled: the last poll of the printer's agent
 *             (Host Resources and Printer MIB). An agent that stops answering leaves the
 *             printer OFFLINE with its state unknown, as Windows shows such a printer.
 *   'none'    Standard TCP/IP without SNMP: only what the connection reveals (the job's pages
 *             and its end, in PJL over RAW; nothing over LPR): no faults, no supplies.
 */
import { faultStatus, type DeviceFault } from '../../devices/device-fault';
import type { HrPrinterDetectedError } from '../../devices/snmp/host-resources-mib';
import { JobStatus, PrinterStatus } from '../../spoolss/constants';

export interface TrayView {
  readonly name: string;
  readonly mediaName: string;
  readonly sheets: number;
  readonly capacity: number;
}

export interface SnmpView {
  /** Where the agent is asked (`host:port`). */
  readonly address: string;
  readonly community: string;
  readonly deviceIndex: number;
  /** Whether the last poll was answered; undefined before the first one ends. */
  readonly answering?: boolean;
  /** When the last poll ended (ISO 8601). */
  readonly polledAt?: string;
}

export interface PortStatus {
  readonly source: 'device' | 'snmp' | 'none';
  readonly state: 'idle' | 'printing' | 'stopped' | 'unknown';
  /** PRINTER_STATUS_* bits of the device, as the port monitor reports them. */
  readonly status: number;
  readonly faults: readonly DeviceFault[];
  /** The device cannot take a job now (a fault that stops it, offline, not answering). */
  readonly blocked: boolean;
  readonly tonerPercent?: number;
  readonly trays?: readonly TrayView[];
  /** The device's page counter. */
  readonly pagesPrinted?: number;
  /** The device's alerts in its own words (prtAlertDescription). */
  readonly alerts?: readonly string[];
  readonly snmp?: SnmpView;
}

/** A port whose device says nothing of itself. */
export const UNKNOWN_PORT_STATUS: PortStatus = {
  source: 'none',
  state: 'unknown',
  status: 0,
  faults: [],
  blocked: false,
};

/** hrPrinterDetectedErrorState conditions that are one of the course's faults. */
const CONDITION_FAULTS: Partial<Record<HrPrinterDetectedError, DeviceFault>> = {
  jammed: 'jam',
  noPaper: 'paper-out',
  noToner: 'toner-out',
  doorOpen: 'door-open',
  offline: 'offline',
};

/** The other conditions that have a PRINTER_STATUS_* bit of their own. */
const CONDITION_STATUS: Partial<Record<HrPrinterDetectedError, number>> = {
  lowToner: PrinterStatus.PRINTER_STATUS_TONER_LOW,
  serviceRequested: PrinterStatus.PRINTER_STATUS_USER_INTERVENTION,
  outputFull: PrinterStatus.PRINTER_STATUS_OUTPUT_BIN_FULL,
  inputTrayMissing: PrinterStatus.PRINTER_STATUS_PAPER_PROBLEM | PrinterStatus.PRINTER_STATUS_ERROR,
  outputTrayMissing: PrinterStatus.PRINTER_STATUS_ERROR,
  markerSupplyMissing: PrinterStatus.PRINTER_STATUS_NO_TONER | PrinterStatus.PRINTER_STATUS_ERROR,
};

/** The faults and PRINTER_STATUS_* bits of the conditions a printer's agent reports. */
export function statusOfConditions(conditions: ReadonlySet<HrPrinterDetectedError>): {
  readonly faults: DeviceFault[];
  readonly status: number;
} {
  const faults: DeviceFault[] = [];
  let status = 0;
  for (const c of conditions) {
    const fault = CONDITION_FAULTS[c];
    if (fault !== undefined) faults.push(fault);
    status |= CONDITION_STATUS[c] ?? 0;
  }
  return { faults, status: (status | faultStatus(faults)) >>> 0 };
}

/** JOB_STATUS_* a job waiting at a device shows, from the device's PRINTER_STATUS_* bits. */
export function jobStatusAtDevice(printerStatus: number): number {
  let s = 0;
  if (printerStatus & PrinterStatus.PRINTER_STATUS_OFFLINE) s |= JobStatus.JOB_STATUS_OFFLINE;
  if (printerStatus & PrinterStatus.PRINTER_STATUS_PAPER_OUT)
    s |= JobStatus.JOB_STATUS_PAPEROUT | JobStatus.JOB_STATUS_ERROR;
  const attention =
    PrinterStatus.PRINTER_STATUS_PAPER_JAM |
    PrinterStatus.PRINTER_STATUS_NO_TONER |
    PrinterStatus.PRINTER_STATUS_DOOR_OPEN |
    PrinterStatus.PRINTER_STATUS_USER_INTERVENTION;
  if (printerStatus & attention) s |= JobStatus.JOB_STATUS_ERROR | JobStatus.JOB_STATUS_USER_INTERVENTION;
  return s >>> 0;
}
