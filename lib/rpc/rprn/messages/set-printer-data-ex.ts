/**
 * RpcSetPrinterDataEx (opnum 77) — [MS-RPRN] 3.1.4.2.18.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pKeyName | [string] wchar_t* pValueName
 *             | DWORD Type | [size_is(cbData)] BYTE* pData: max_count, bytes | DWORD cbData
 *             (= max_count, else nca_s_fault_ndr)
 *   response: DWORD status
 */
import { dword, sizedBytes, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcSetPrinterDataEx = ndrMessage(
  'RpcSetPrinterDataEx',
  {
    hPrinter: printerHandle(),
    keyName: string('pKeyName'),
    valueName: string('pValueName'),
    type: dword('Type'),
    data: sizedBytes('pData', 'cbData'),
  },
  statusOnly(),
);
