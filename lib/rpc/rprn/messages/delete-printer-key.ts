/**
 * RpcDeletePrinterKey (opnum 82) — [MS-RPRN] 3.1.4.2.23.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pKeyName
 *   response: DWORD status
 */
import { string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcDeletePrinterKey = ndrMessage(
  'RpcDeletePrinterKey',
  { hPrinter: printerHandle(), keyName: string('pKeyName') },
  statusOnly(),
);
