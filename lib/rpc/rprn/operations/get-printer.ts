/**
 * RpcGetPrinter — [MS-RPRN] 3.1.4.2.6 (messages/get-printer.ts): levels 0-9 on a printer; on a
 * server handle only level 3 (the server's security descriptor), every other level
 * ERROR_INVALID_LEVEL, as Windows answers smbtorture's get_printer test.
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
  if (handle.kind === 'server') {
    const getSd = ctx.provider.getServerSecurityDescriptor?.bind(ctx.provider);
    if (level !== 3 || getSd === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
    const sd = await win32(() => getSd(handle));
    if (!sd.ok) return infoError(buffer, sd.status);
    return infoResult(buffer, layout, [{ pSecurityDescriptor: sd.value }]);
  }
  const res = await win32(() => ctx.provider.getPrinter(handle));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, [printerInfoRecord(level, res.value)]);
});
