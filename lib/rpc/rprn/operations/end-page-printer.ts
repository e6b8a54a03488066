/**
 * RpcEndPagePrinter — [MS-RPRN] 3.1.4.9.4 (messages/end-page-printer.ts): the provider's endPagePrinter on the handle.
 */
import { RpcEndPagePrinter } from '../messages/end-page-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcEndPagePrinter = rprnOperation(RpcEndPagePrinter, ({ hPrinter }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.endPagePrinter(handle));
});
