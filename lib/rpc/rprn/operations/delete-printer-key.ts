/**
 * RpcDeletePrinterKey — [MS-RPRN] 3.1.4.2.23 (messages/delete-printer-key.ts).
 */
import { RpcDeletePrinterKey } from '../messages/delete-printer-key';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcDeletePrinterKey = rprnOperation(RpcDeletePrinterKey, ({ hPrinter, keyName }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.deletePrinterKey(handle, keyName));
});
