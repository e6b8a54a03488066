/**
 * RpcAbortPrinter — [MS-RPRN] 3.1.4.9.5 (messages/abort-printer.ts): the provider's abortPrinter on the handle.
 */
import { RpcAbortPrinter } from '../messages/abort-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcAbortPrinter = rprnOperation(RpcAbortPrinter, ({ hPrinter }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.abortPrinter(handle));
});
