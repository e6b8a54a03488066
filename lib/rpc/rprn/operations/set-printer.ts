/**
 * RpcSetPrinter (opnum 7) — [MS-RPRN] 3.1.4.2.5.
 *
 *   in:  PRINTER_HANDLE hPrinter; PRINTER_CONTAINER* pPrinterContainer (u32 Level, union tag,
 *        referent -> RPC PRINTER_INFO_n, NULL at level 0); DEVMODE_CONTAINER* pDevModeContainer;
 *        SECURITY_CONTAINER* pSecurityContainer; DWORD Command (PRINTER_CONTROL_*)
 *   out: DWORD status
 *
 * Level 0 carries a command (pause, resume, purge); level 2 the printer's settings with the
 * DEVMODE and security descriptor from their containers; level 3 the security descriptor; levels
 * 8 and 9 the DEVMODE. The provider decides from the handle's granted access.
 * DEVIATION: levels 1, 4, 5, 6 and 7 (directory publishing) answer ERROR_INVALID_LEVEL.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { PrinterChange } from '../../../spoolss/types';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf, statusResponse } from '../rprn-call';
import { RPC_PRINTER_INFO, decodeByteContainer, decodeLevelContainer } from '../structures/containers';

function level2Fields(
  v: NdrRecord,
  devMode: Buffer | undefined,
  securityDescriptor: Buffer | undefined,
): NonNullable<PrinterChange['fields']> {
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? v[k] : undefined);
  const num = (k: string): number => (typeof v[k] === 'number' ? v[k] : 0);
  const ports = str('pPortName');
  const set = <K extends string>(k: K, value: string | undefined): Partial<Record<K, string>> =>
    value === undefined ? {} : ({ [k]: value } as Record<K, string>);
  return {
    ...set('shareName', str('pShareName')),
    ...(ports !== undefined && { portNames: ports.split(',').filter((p) => p !== '') }),
    ...set('driverName', str('pDriverName')),
    ...set('comment', str('pComment')),
    ...set('location', str('pLocation')),
    ...set('sepFile', str('pSepFile')),
    ...set('printProcessor', str('pPrintProcessor')),
    ...set('datatype', str('pDatatype')),
    ...set('parameters', str('pParameters')),
    attributes: num('Attributes'),
    priority: num('Priority'),
    defaultPriority: num('DefaultPriority'),
    startTime: num('StartTime'),
    untilTime: num('UntilTime'),
    ...(devMode !== undefined && { devMode }),
    ...(securityDescriptor !== undefined && { securityDescriptor }),
  };
}

export const rpcSetPrinter: RprnOperation = {
  opnum: RprnOpnum.RpcSetPrinter,
  name: 'RpcSetPrinter',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const container = decodeLevelContainer(r, RPC_PRINTER_INFO, 'pPrinterContainer', [0]);
    const devMode = decodeByteContainer(r, 'pDevModeContainer');
    const securityDescriptor = decodeByteContainer(r, 'pSecurityContainer');
    const command = r.u32('Command');
    const handle = lookupHandle(ctx, wire);
    let change: PrinterChange;
    switch (container.level) {
      case 0:
        change = { command };
        break;
      case 2:
        if (container.info === undefined)
          return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_INVALID_PARAMETER));
        change = {
          ...(command !== 0 && { command }),
          fields: level2Fields(container.info, devMode, securityDescriptor),
        };
        break;
      case 3:
        if (securityDescriptor === undefined)
          return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_INVALID_PARAMETER));
        change = { fields: { securityDescriptor } };
        break;
      case 8:
      case 9:
        if (devMode === undefined) return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_INVALID_PARAMETER));
        change = { fields: { devMode } };
        break;
      default:
        return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_INVALID_LEVEL));
    }
    return statusOf(() => ctx.provider.setPrinter(handle, change));
  },
};
