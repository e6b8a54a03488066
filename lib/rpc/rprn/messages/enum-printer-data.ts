/**
 * RpcEnumPrinterData (opnum 72) — [MS-RPRN] 3.1.4.2.16: the values of `PrinterDriverData` one by
 * one, by index.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD dwIndex | DWORD cbValueName | DWORD cbData
 *   response: [out, size_is(cbValueName / sizeof(wchar_t))] wchar_t* pValueName: max_count (in
 *             UTF-16 units), the units, pad to 4 | DWORD pcbValueName | DWORD pType
 *             | [out, size_is(cbData)] BYTE* pData: max_count, bytes, pad to 4 | DWORD pcbData
 *             | DWORD status
 */
import { conformantBytes, dword, wcharArray } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcEnumPrinterData = ndrMessage(
  'RpcEnumPrinterData',
  {
    hPrinter: printerHandle(),
    index: dword('dwIndex'),
    cbValueName: dword('cbValueName'),
    cbData: dword('cbData'),
  },
  {
    valueName: wcharArray('pValueName'),
    valueNameNeeded: dword('pcbValueName'),
    type: dword('pType'),
    data: conformantBytes('pData'),
    dataNeeded: dword('pcbData'),
    status: status(),
  },
);
