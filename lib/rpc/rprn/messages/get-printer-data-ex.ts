/**
 * RpcGetPrinterDataEx (opnum 78) — [MS-RPRN] 3.1.4.2.19.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pKeyName | [string] wchar_t* pValueName
 *             | DWORD nSize
 *   response: DWORD pType | [out, size_is(nSize)] BYTE* pData: max_count (= nSize), bytes, pad to 4
 *             | DWORD pcbNeeded | DWORD status
 */
import { conformantBytes, dword, string } from '../../ndr/ndr-params';
import { ndrMessage, type ResponseOf } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcGetPrinterDataEx = ndrMessage(
  'RpcGetPrinterDataEx',
  { hPrinter: printerHandle(), keyName: string('pKeyName'), valueName: string('pValueName'), nSize: dword('nSize') },
  { type: dword('pType'), data: conformantBytes('pData'), needed: dword('pcbNeeded'), status: status() },
);
export type GetPrinterDataResponse = ResponseOf<typeof RpcGetPrinterDataEx>;
