/**
 * RpcFindClosePrinterChangeNotification (opnum 56) — [MS-RPRN] 3.1.4.10.2.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcFindClosePrinterChangeNotification = ndrMessage(
  'RpcFindClosePrinterChangeNotification',
  { hPrinter: printerHandle() },
  statusOnly(),
);
