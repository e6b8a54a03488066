/**
 * RpcSetPrinterData (opnum 27) — [MS-RPRN] 3.1.4.2.8: RpcSetPrinterDataEx on `PrinterDriverData`.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pValueName | DWORD Type
 *             | [size_is(cbData)] BYTE* pData: max_count, bytes | DWORD cbData (= max_count)
 *   response: DWORD status
 */
import { dword, sizedBytes, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcSetPrinterData = ndrMessage(
  'RpcSetPrinterData',
  {
    hPrinter: printerHandle(),
    valueName: string('pValueName'),
    type: dword('Type'),
    data: sizedBytes('pData', 'cbData'),
  },
  statusOnly(),
);
