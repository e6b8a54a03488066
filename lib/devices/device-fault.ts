/**
 * The faults of an emulated print device, as the course names them, and the PRINTER_STATUS_*
 * bits each one shows ([MS-RPRN] 2.2.3.12). One table serves the device's own panel (and what a
 * directly attached device reports over its cable) and the Standard TCP/IP port monitor, which
 * learns the same conditions from the device's SNMP agent.
 */
import { PrinterStatus } from '../spoolss/constants';

export const DeviceFault = {
  JAM: 'jam',
  PAPER_OUT: 'paper-out',
  TONER_OUT: 'toner-out',
  DOOR_OPEN: 'door-open',
  OFFLINE: 'offline',
} as const;
export type DeviceFault = (typeof DeviceFault)[keyof typeof DeviceFault];
export const DEVICE_FAULTS: readonly DeviceFault[] = Object.values(DeviceFault);

/** PRINTER_STATUS_* a fault shows; ERROR is set too, because clients test it (decisions, 3). */
export const FAULT_STATUS: Readonly<Record<DeviceFault, number>> = {
  jam: PrinterStatus.PRINTER_STATUS_PAPER_JAM | PrinterStatus.PRINTER_STATUS_ERROR,
  'paper-out': PrinterStatus.PRINTER_STATUS_PAPER_OUT | PrinterStatus.PRINTER_STATUS_ERROR,
  'toner-out':
    PrinterStatus.PRINTER_STATUS_NO_TONER |
    PrinterStatus.PRINTER_STATUS_USER_INTERVENTION |
    PrinterStatus.PRINTER_STATUS_ERROR,
  'door-open': PrinterStatus.PRINTER_STATUS_DOOR_OPEN | PrinterStatus.PRINTER_STATUS_ERROR,
  offline: PrinterStatus.PRINTER_STATUS_OFFLINE,
};

/** The PRINTER_STATUS_* bits of a set of faults. */
export function faultStatus(faults: Iterable<DeviceFault>): number {
  let s = 0;
  for (const f of faults) s |= FAULT_STATUS[f];
  return s >>> 0;
}

export function isDeviceFault(value: string): value is DeviceFault {
  return (DEVICE_FAULTS as readonly string[]).includes(value);
}
