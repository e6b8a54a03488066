/**
 * RpcDeletePrinterDataEx — [MS-RPRN] 3.1.4.2.22 (messages/delete-printer-data-ex.ts).
 */
import { RpcDeletePrinterDataEx } from '../messages/delete-printer-data-ex';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcDeletePrinterDataEx = rprnOperation(RpcDeletePrinterDataEx, ({ hPrinter, keyName, valueName }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.deletePrinterDataEx(handle, keyName, valueName));
});
