/**
 * RpcSetPrinter — [MS-RPRN] 3.1.4.2.5 (messages/set-printer.ts).
 *
 * Level 0 carries a command (pause, resume, purge); level 2 the printer's settings with the
 * DEVMODE and security descriptor from their containers; level 3 the security descriptor; levels
 * 8 and 9 the DEVMODE. The provider decides from the handle's granted access.
 * Level 5 changes the ports (a comma-separated list makes a pool) and the attributes; level 7
 * (directory publishing) is set-printer-publish.ts.
 * DEVIATION: level 4 answers ERROR_INVALID_PARAMETER whatever it carries; level 5's pPrinterName
 * and its two timeouts (which only LPT ports used) are ignored.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { PrinterControl } from '../../../spoolss/constants';
import type { PrinterChange } from '../../../spoolss/types';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import { RpcSetPrinter } from '../messages/set-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';
import { setPrinterPublishing } from './set-printer-publish';

export function level2Fields(
  rec: NdrRecord,
  devMode: Buffer | undefined,
  securityDescriptor: Buffer | undefined,
): NonNullable<PrinterChange['fields']> {
  const v = recordFields(rec);
  const ports = v.optionalString('pPortName');
  const set = <K extends string>(k: K, value: string | undefined): Partial<Record<K, string>> =>
    value === undefined ? {} : ({ [k]: value } as Record<K, string>);
  return {
    // A name other than the printer's renames it (the spooler decides).
    ...set('printerName', v.optionalString('pPrinterName')),
    ...set('shareName', v.optionalString('pShareName')),
    ...(ports !== undefined && { portNames: ports.split(',').filter((p) => p !== '') }),
    ...set('driverName', v.optionalString('pDriverName')),
    ...set('comment', v.optionalString('pComment')),
    ...set('location', v.optionalString('pLocation')),
    ...set('sepFile', v.optionalString('pSepFile')),
    ...set('printProcessor', v.optionalString('pPrintProcessor')),
    ...set('datatype', v.optionalString('pDatatype')),
    ...set('parameters', v.optionalString('pParameters')),
    attributes: v.number('Attributes'),
    priority: v.number('Priority'),
    defaultPriority: v.number('DefaultPriority'),
    startTime: v.number('StartTime'),
    untilTime: v.number('UntilTime'),
    ...(devMode !== undefined && { devMode }),
    ...(securityDescriptor !== undefined && { securityDescriptor }),
  };
}

/**
 * What the request asks the provider to change, or the WERROR that refuses it, as Windows
 * answers smbtorture's SetPrinter matrix: a command is valid at level 0 only (elsewhere
 * ERROR_INVALID_PRINTER_COMMAND), and level 0 needs its PRINTER_INFO_STRESS; level 2 without a
 * driver name is ERROR_UNKNOWN_PRINTER_DRIVER; level 6 sets the status; level 8 without a DEVMODE
 * changes nothing; level 9 (the per-user DEVMODE) is ERROR_NOT_SUPPORTED.
 */
function printerChange(
  level: number,
  info: NdrRecord | undefined,
  devMode: Buffer | undefined,
  securityDescriptor: Buffer | undefined,
  command: number,
): PrinterChange | number {
  if (level !== 0 && command !== 0) return Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND;
  switch (level) {
    case 0:
      if (command === 0 && info === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
      if (command > PrinterControl.PRINTER_CONTROL_PURGE) return Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND;
      return { command };
    case 1:
      return Win32ErrorCode.ERROR_INVALID_LEVEL;
    case 2:
      if (info === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
      if (recordFields(info).optionalString('pDriverName') === undefined)
        return Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER;
      return { fields: level2Fields(info, devMode, securityDescriptor) };
    case 3:
      return securityDescriptor === undefined
        ? Win32ErrorCode.ERROR_INVALID_PARAMETER
        : { fields: { securityDescriptor } };
    case 5: {
      if (info === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
      const v = recordFields(info);
      const ports = v.optionalString('pPortName');
      return {
        fields: {
          ...(ports !== undefined && { portNames: ports.split(',').filter((p) => p !== '') }),
          attributes: v.number('Attributes'),
        },
      };
    }
    case 6:
      // PRINTER_INFO_6 dwStatus: the status PRINTER_CONTROL_SET_STATUS sets.
      if (info === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
      return {
        command: PrinterControl.PRINTER_CONTROL_SET_STATUS,
        fields: { attributes: recordFields(info).number('dwStatus') },
      };
    case 8:
      return devMode === undefined ? {} : { fields: { devMode } };
    case 9:
      return Win32ErrorCode.ERROR_NOT_SUPPORTED;
    default:
      return Win32ErrorCode.ERROR_INVALID_PARAMETER;
  }
}

export const rpcSetPrinter = rprnOperation(RpcSetPrinter, (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const { level, info } = req.printerContainer;
  if (level === 7) return setPrinterPublishing(ctx, handle, info, req.command);
  const change = printerChange(level, info, req.devMode, req.securityDescriptor, req.command);
  if (typeof change === 'number') return Promise.resolve({ status: change });
  return statusOf(() => ctx.provider.setPrinter(handle, change));
});
