/**
 * RpcDeletePrinterDataEx (opnum 81) — [MS-RPRN] 3.1.4.2.22.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pKeyName | [string] wchar_t* pValueName
 *   response: DWORD status
 */
import { string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcDeletePrinterDataEx = ndrMessage(
  'RpcDeletePrinterDataEx',
  { hPrinter: printerHandle(), keyName: string('pKeyName'), valueName: string('pValueName') },
  statusOnly(),
);
