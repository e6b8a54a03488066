/**
 * Printer information contexts — [MS-RPRN] 3.1.4.2.10 RpcCreatePrinterIC: what GDI learns of a
 * printer without printing, its device fonts. The handle must be a printer's (no further access
 * check, as the specification allows); a DEVMODE, when given, must hold the sizes it declares
 * (DEVMODE_CONTAINER Parameters, 3.1.4.1.8.1), else ERROR_INVALID_PARAMETER.
 *
 * Device fonts are those the driver's GPD declares with *DeviceFonts; the Unidrv GPDs this server
 * installs declare none (they print TrueType as graphics), so every context lists none.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { PrinterIc, PrinterIcs } from '../../spoolss/spooler-extras';
import type { PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import { printerNameOf, type PrinterTable } from './printer-table';

/** DEVMODEW: dmSize (WORD) at 68, dmDriverExtra (WORD) at 70 ([MS-RPRN] 2.2.2.1). */
const DM_SIZE_OFFSET = 68;
const DM_FIXED_MIN = 72;

export interface PrinterIcRoomOptions {
  readonly handles: PrinterHandles;
  readonly printers: PrinterTable;
}

export class PrinterIcRoom implements PrinterIcs {
  constructor(private readonly o: PrinterIcRoomOptions) {}

  createPrinterIC(handle: PrinterHandle, devMode: Buffer | undefined): Promise<PrinterIc> {
    return new Promise<PrinterIc>((resolve) => {
      this.o.handles.state(handle);
      if (handle.kind !== 'printer' || handle.printerName === undefined)
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'an information context needs a printer handle');
      if (devMode !== undefined && devMode.length > 0 && !devModeFits(devMode))
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'DEVMODE shorter than its dmSize + dmDriverExtra');
      const key = this.o.printers.require(handle.printerName);
      resolve({ printerName: printerNameOf(key), deviceFonts: [] });
    });
  }
}

function devModeFits(dm: Buffer): boolean {
  if (dm.length < DM_FIXED_MIN) return false;
  return dm.readUInt16LE(DM_SIZE_OFFSET) + dm.readUInt16LE(DM_SIZE_OFFSET + 2) <= dm.length;
}
