/**
 * RpcDeleteForm (opnum 31) — [MS-RPRN] 3.1.4.5.2.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pFormName
 *   response: DWORD status
 */
import { string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcDeleteForm = ndrMessage(
  'RpcDeleteForm',
  { hPrinter: printerHandle(), formName: string('pFormName') },
  statusOnly(),
);
