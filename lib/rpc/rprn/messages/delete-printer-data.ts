/**
 * RpcDeletePrinterData (opnum 73) — [MS-RPRN] 3.1.4.2.17: a value of `PrinterDriverData`.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pValueName
 *   response: DWORD status
 */
import { string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcDeletePrinterData = ndrMessage(
  'RpcDeletePrinterData',
  { hPrinter: printerHandle(), valueName: string('pValueName') },
  statusOnly(),
);
