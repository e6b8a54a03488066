/**
 * Directory publishing on a server that has no directory service — [MS-RPRN] 2.2.1.10.8
 * PRINTER_INFO_7 and 2.3.3 (publishing printers in the DS). This server is not joined to a
 * domain, so nothing can reach a directory, and it answers as a Windows server in a workgroup:
 *
 *   DSPRINT_PUBLISH, DSPRINT_REPUBLISH  the printer is marked PRINTER_ATTRIBUTE_PUBLISHED and the
 *                                       publication stays pending (no directory to write to):
 *                                       SetPrinter returns ERROR_IO_PENDING, GetPrinter level 7
 *                                       says DSPRINT_PENDING | DSPRINT_PUBLISH with no GUID
 *   DSPRINT_UPDATE                      of a published printer: still pending (ERROR_IO_PENDING);
 *                                       of an unpublished one: nothing to update (ERROR_SUCCESS)
 *   DSPRINT_UNPUBLISH                   nothing was ever written to a directory, so it completes
 *                                       at once: the attribute goes, GetPrinter says DSPRINT_UNPUBLISH
 *   anything else (0, combinations, DSPRINT_PENDING)   ERROR_INVALID_PARAMETER
 *
 * The state is the printer's registry: its Attributes and ObjectGUID (empty until a directory
 * gives one), so it survives a restart. Level 7 takes PRINTER_ACCESS_ADMINISTER, as SetPrinter.
 */
import { Win32Error } from '../../common/errors';
import { regDword } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { AccessMask, PrinterAttribute } from '../../spoolss/constants';
import type { PrinterPublishing } from '../../spoolss/spooler-extras';
import type { PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import { readDword } from '../registry-values';
import type { PrinterTable } from './printer-table';

/** PRINTER_INFO_7 dwAction — [MS-RPRN] 2.2.1.10.8. */
export const DsPrintAction = {
  DSPRINT_PUBLISH: 0x00000001,
  DSPRINT_UPDATE: 0x00000002,
  DSPRINT_UNPUBLISH: 0x00000004,
  DSPRINT_REPUBLISH: 0x00000008,
  DSPRINT_PENDING: 0x80000000,
} as const;

const PUBLISHED = PrinterAttribute.PRINTER_ATTRIBUTE_PUBLISHED;

/** GetPrinter level 7's dwAction from the printer's state. */
export function dsPrintAction(attributes: number, objectGuid: string): number {
  if ((attributes & PUBLISHED) === 0) return DsPrintAction.DSPRINT_UNPUBLISH;
  return objectGuid === ''
    ? (DsPrintAction.DSPRINT_PENDING | DsPrintAction.DSPRINT_PUBLISH) >>> 0
    : DsPrintAction.DSPRINT_PUBLISH;
}

export interface PrinterPublishingOptions {
  readonly handles: PrinterHandles;
  readonly printers: PrinterTable;
  /** Called after a change, for the registry to be saved. */
  readonly changed: () => void;
}

export class PrinterPublishingRoom implements PrinterPublishing {
  constructor(private readonly o: PrinterPublishingOptions) {}

  setPrinterPublishing(handle: PrinterHandle, action: number): Promise<number> {
    return new Promise<number>((resolve) => {
      this.o.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_ADMINISTER, 'SetPrinter');
      if (handle.kind !== 'printer' || handle.printerName === undefined)
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'level 7 needs a printer handle');
      const key = this.o.printers.require(handle.printerName);
      const attributes = readDword(key, 'Attributes') ?? 0;
      const set = (next: number): void => {
        if (next === attributes) return;
        key.setValue(regDword('Attributes', next >>> 0));
        this.o.printers.noteChange(key);
        this.o.changed();
      };
      switch (action) {
        case DsPrintAction.DSPRINT_PUBLISH:
        case DsPrintAction.DSPRINT_REPUBLISH:
          set(attributes | PUBLISHED);
          resolve(Win32ErrorCode.ERROR_IO_PENDING);
          return;
        case DsPrintAction.DSPRINT_UPDATE:
          resolve((attributes & PUBLISHED) !== 0 ? Win32ErrorCode.ERROR_IO_PENDING : 0);
          return;
        case DsPrintAction.DSPRINT_UNPUBLISH:
          set(attributes & ~PUBLISHED);
          resolve(0);
          return;
        default:
          throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `dwAction 0x${action.toString(16)}`);
      }
    });
  }
}
