/**
 * SetPrinter ([MS-RPRN] 3.1.4.2.5 RpcSetPrinter): a PRINTER_CONTROL_* command (pause, resume,
 * purge, set status), then the fields of the PRINTER_INFO the client sent, written to the
 * printer's registry key. A security descriptor (level 2 or 3) replaces the parts of the printer's
 * `Security` value it carries (owner, group, SACL, DACL) and keeps the others
 * (descriptor-merge.ts); a complete one is stored byte for byte: ACE order, inheritance flags,
 * owner, group and SACL as the client set them.
 */
import { Win32Error } from '../../common/errors';
import { RegType, regDword, regSz } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { RegistryKey } from '../../registry/registry-key';
import { PrinterControl, PrinterStatus } from '../../spoolss/constants';
import type { CallerContext, PrinterChange } from '../../spoolss/types';
import type { Drivers } from '../drivers/drivers';
import { securityValue, type PrinterSecurityStore } from '../handles/printer-security-store';
import type { Jobs } from '../jobs/jobs';
import { readDword } from '../registry-values';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import type { Ports } from '../ports/ports';
import { printerNameOf } from './printer-table';

/** What SetPrinter changes besides the printer's key. */
export interface SetPrinterDeps {
  readonly jobs: Jobs;
  readonly drivers: Drivers;
  readonly security: PrinterSecurityStore;
  readonly events: PrintEventLog;
  readonly ports: Ports;
}

/** The command of a SetPrinter call (0: none); pause and resume are logged (events 303, 304). */
export async function runPrinterCommand(
  key: RegistryKey,
  change: PrinterChange,
  caller: CallerContext,
  deps: SetPrinterDeps,
): Promise<void> {
  if (change.command === undefined || change.command === 0) return;
  const printerName = printerNameOf(key);
  const status = readDword(key, 'Status') ?? 0;
  switch (change.command) {
    case PrinterControl.PRINTER_CONTROL_PAUSE:
      key.setValue(regDword('Status', status | PrinterStatus.PRINTER_STATUS_PAUSED));
      deps.events.write(PrintEventId.PRINTER_PAUSED, `Printer ${printerName} was paused.`, {
        printerName,
        userName: caller.userName,
      });
      break;
    case PrinterControl.PRINTER_CONTROL_RESUME:
      key.setValue(regDword('Status', status & ~PrinterStatus.PRINTER_STATUS_PAUSED));
      deps.events.write(PrintEventId.PRINTER_RESUMED, `Printer ${printerName} was resumed.`, {
        printerName,
        userName: caller.userName,
      });
      break;
    case PrinterControl.PRINTER_CONTROL_PURGE:
      await deps.jobs.purge(printerName);
      break;
    case PrinterControl.PRINTER_CONTROL_SET_STATUS:
      key.setValue(regDword('Status', change.fields?.attributes ?? status));
      break;
    default:
      throw new Win32Error(
        Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND,
        `unknown SetPrinter command ${change.command}`,
      );
  }
}

/**
 * The fields of a SetPrinter call, in order; an unknown driver is ERROR_UNKNOWN_PRINTER_DRIVER
 * and a priority outside 1-99 ERROR_INVALID_PRIORITY (the fields before it are already set).
 */
export function applyPrinterFields(key: RegistryKey, change: PrinterChange, deps: SetPrinterDeps): void {
  const f = change.fields;
  if (!f) return;
  const sz = (name: string, v: string | undefined): void => {
    if (v !== undefined) key.setValue(regSz(name, v));
  };
  const dw = (name: string, v: number | undefined): void => {
    if (v !== undefined) key.setValue(regDword(name, v));
  };
  // Checked before anything is written, as Windows does.
  if (f.driverName !== undefined && deps.drivers.versionsOf(f.driverName).length === 0) {
    throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER, `no driver "${f.driverName}"`);
  }
  // A comma-separated list is a pool: each port must be one a monitor has.
  const unknownPort = f.portNames?.find((p) => deps.ports.monitorOf(p) === undefined);
  if (f.portNames?.length === 0 || unknownPort !== undefined)
    throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT, `port "${unknownPort ?? ''}" unknown`);
  sz('Share Name', f.shareName);
  if (f.portNames !== undefined) key.setValue(regSz('Port', f.portNames.join(',')));
  sz('Printer Driver', f.driverName);
  sz('Description', f.comment);
  sz('Location', f.location);
  sz('Separator File', f.sepFile);
  sz('Print Processor', f.printProcessor);
  sz('Datatype', f.datatype);
  sz('Parameters', f.parameters);
  // With PRINTER_CONTROL_SET_STATUS the Attributes field carried the status.
  if (f.attributes !== undefined && change.command !== PrinterControl.PRINTER_CONTROL_SET_STATUS)
    dw('Attributes', f.attributes);
  if (f.priority !== undefined && (f.priority < 1 || f.priority > 99)) {
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRIORITY, `priority ${f.priority}`);
  }
  dw('Priority', f.priority);
  dw('Default Priority', f.defaultPriority);
  dw('StartTime', f.startTime);
  dw('UntilTime', f.untilTime);
  if (f.devMode !== undefined) key.setValue({ name: 'Default DevMode', type: RegType.REG_BINARY, value: f.devMode });
  // The parts the descriptor carries replace the stored ones; the others stay.
  if (f.securityDescriptor !== undefined)
    key.setValue(securityValue(deps.security.printerDescriptorAfterSet(printerNameOf(key), f.securityDescriptor)));
}
