/**
 * RpcEndDocPrinter — [MS-RPRN] 3.1.4.9.7 (messages/end-doc-printer.ts): the provider's endDocPrinter on the handle.
 */
import { RpcEndDocPrinter } from '../messages/end-doc-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcEndDocPrinter = rprnOperation(RpcEndDocPrinter, ({ hPrinter }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.endDocPrinter(handle));
});
