/**
 * RpcSetPrinter — [MS-RPRN] 3.1.4.2.5 (messages/set-printer.ts).
 *
 * Level 0 carries a command (pause, resume, purge); level 2 the printer's settings with the
 * DEVMODE and security descriptor from their containers; level 3 the security descriptor; levels
 * 8 and 9 the DEVMODE. The provider decides from the handle's granted access.
 * DEVIATION: levels 1, 4, 5, 6 and 7 (directory publishing) answer ERROR_INVALID_LEVEL.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { PrinterChange } from '../../../spoolss/types';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import { RpcSetPrinter } from '../messages/set-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

function level2Fields(
  rec: NdrRecord,
  devMode: Buffer | undefined,
  securityDescriptor: Buffer | undefined,
): NonNullable<PrinterChange['fields']> {
  const v = recordFields(rec);
  const ports = v.optionalString('pPortName');
  const set = <K extends string>(k: K, value: string | undefined): Partial<Record<K, string>> =>
    value === undefined ? {} : ({ [k]: value } as Record<K, string>);
  return {
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

/** What the request asks the provider to change, or the WERROR that refuses it. */
function printerChange(
  level: number,
  info: NdrRecord | undefined,
  devMode: Buffer | undefined,
  securityDescriptor: Buffer | undefined,
  command: number,
): PrinterChange | number {
  switch (level) {
    case 0:
      return { command };
    case 2:
      if (info === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
      return { ...(command !== 0 && { command }), fields: level2Fields(info, devMode, securityDescriptor) };
    case 3:
      return securityDescriptor === undefined
        ? Win32ErrorCode.ERROR_INVALID_PARAMETER
        : { fields: { securityDescriptor } };
    case 8:
    case 9:
      return devMode === undefined ? Win32ErrorCode.ERROR_INVALID_PARAMETER : { fields: { devMode } };
    default:
      return Win32ErrorCode.ERROR_INVALID_LEVEL;
  }
}

export const rpcSetPrinter = rprnOperation(RpcSetPrinter, (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const { level, info } = req.printerContainer;
  const change = printerChange(level, info, req.devMode, req.securityDescriptor, req.command);
  if (typeof change === 'number') return Promise.resolve({ status: change });
  return statusOf(() => ctx.provider.setPrinter(handle, change));
});
