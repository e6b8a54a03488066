/**
 * RpcGetPrinterData (opnum 26) — [MS-RPRN] 3.1.4.2.7: RpcGetPrinterDataEx on the
 * `PrinterDriverData` key.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pValueName: max_count, offset,
 *             actual_count, UTF-16LE | DWORD nSize
 *   response: DWORD pType | [out, size_is(nSize)] BYTE* pData: max_count (= nSize), bytes, pad to 4
 *             | DWORD pcbNeeded | DWORD status
 */
import { conformantBytes, dword, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcGetPrinterData = ndrMessage(
  'RpcGetPrinterData',
  { hPrinter: printerHandle(), valueName: string('pValueName'), nSize: dword('nSize') },
  { type: dword('pType'), data: conformantBytes('pData'), needed: dword('pcbNeeded'), status: status() },
);
