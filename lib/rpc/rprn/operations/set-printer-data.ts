/**
 * RpcSetPrinterData — [MS-RPRN] 3.1.4.2.8 (messages/set-printer-data.ts): RpcSetPrinterDataEx on
 * `PrinterDriverData`.
 */
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import { RpcSetPrinterData } from '../messages/set-printer-data';
import { lookupHandle, rprnOperation } from '../rprn-call';
import { setPrinterData } from './set-printer-data-ex';

export const rpcSetPrinterData = rprnOperation(RpcSetPrinterData, (req, ctx) =>
  setPrinterData(ctx, lookupHandle(ctx, req.hPrinter), PRINTER_DRIVER_DATA_KEY, req.valueName, req.type, req.data),
);
