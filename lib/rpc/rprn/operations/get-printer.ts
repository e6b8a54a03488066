/**
 * RpcGetPrinter — [MS-RPRN] 3.1.4.2.6 (messages/get-printer.ts): levels 0-9.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetPrinter } from '../messages/get-printer';
import { infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { PRINTER_INFO_LAYOUTS } from '../structures/info-layouts';
import { printerInfoRecord } from '../structures/info-records-from-domain';

export const rpcGetPrinter = rprnOperation(RpcGetPrinter, async ({ hPrinter, level, buffer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const layout = PRINTER_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.getPrinter(handle));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, [printerInfoRecord(level, res.value)]);
});
