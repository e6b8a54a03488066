/**
 * RpcDeletePrinterData — [MS-RPRN] 3.1.4.2.17 (messages/delete-printer-data.ts): a value of
 * `PrinterDriverData`.
 */
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import { RpcDeletePrinterData } from '../messages/delete-printer-data';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

export const rpcDeletePrinterData = rprnOperation(RpcDeletePrinterData, ({ hPrinter, valueName }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  return statusOf(() => ctx.provider.deletePrinterDataEx(handle, PRINTER_DRIVER_DATA_KEY, valueName));
});
