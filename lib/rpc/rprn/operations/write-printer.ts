/**
 * RpcWritePrinter — [MS-RPRN] 3.1.4.9.3 (messages/write-printer.ts): the data goes to the job;
 * the response says how much was taken.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcWritePrinter } from '../messages/write-printer';
import { lookupHandle, rprnOperation, win32 } from '../rprn-call';

export const rpcWritePrinter = rprnOperation(RpcWritePrinter, async ({ hPrinter, data }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const res = await win32(() => ctx.provider.writePrinter(handle, data));
  return { written: res.ok ? res.value : 0, status: res.ok ? Win32ErrorCode.ERROR_SUCCESS : res.status };
});
