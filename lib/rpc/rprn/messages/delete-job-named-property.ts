/**
 * RpcDeleteJobNamedProperty (opnum 112) — [MS-RPRN] 3.1.4.12.3.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId | [string] wchar_t* pszName
 *   response: DWORD status
 */
import { dword, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcDeleteJobNamedProperty = ndrMessage(
  'RpcDeleteJobNamedProperty',
  { hPrinter: printerHandle(), jobId: dword('JobId'), name: string('pszName') },
  statusOnly(),
);
