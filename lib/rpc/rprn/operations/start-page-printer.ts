/**
 * RpcStartPagePrinter — [MS-RPRN] 3.1.4.9.2 (messages/start-page-printer.ts): the provider's startPagePrinter on the handle.
 */
import { RpcStartPagePrinter } from '../messages/start-page-printer';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcStartPagePrinter = rprnOperation(RpcStartPagePrinter, ({ hPrinter }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.startPagePrinter(handle));
});
