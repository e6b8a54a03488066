/**
 * RpcGetPrinterData — [MS-RPRN] 3.1.4.2.7 (messages/get-printer-data.ts): RpcGetPrinterDataEx on
 * the `PrinterDriverData` key.
 */
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import { RpcGetPrinterData } from '../messages/get-printer-data';
import { checkOutSize, lookupHandle, rprnOperation } from '../rprn-call';
import { getPrinterData } from './get-printer-data-ex';

export const rpcGetPrinterData = rprnOperation(RpcGetPrinterData, ({ hPrinter, valueName, nSize }, ctx) => {
  const size = checkOutSize(nSize);
  return getPrinterData(ctx, lookupHandle(ctx, hPrinter), PRINTER_DRIVER_DATA_KEY, valueName, size);
});
