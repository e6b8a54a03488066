/**
 * RpcClosePrinter — [MS-RPRN] 3.1.4.2.9 (messages/close-printer.ts): the handle leaves its
 * association and the provider; the client gets it back zeroed.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { RpcClosePrinter } from '../messages/close-printer';
import { lookupHandle, rprnOperation, win32 } from '../rprn-call';

export const rpcClosePrinter = rprnOperation(RpcClosePrinter, async ({ handle: wire }, ctx) => {
  const handle = lookupHandle(ctx, wire);
  ctx.handles.remove(wire);
  const res = await win32(() => ctx.provider.closePrinter(handle));
  // The handle is gone from the association whatever the provider said, as Windows' rundown does.
  return { handle: NULL_CONTEXT_HANDLE, status: res.ok ? Win32ErrorCode.ERROR_SUCCESS : res.status };
});
