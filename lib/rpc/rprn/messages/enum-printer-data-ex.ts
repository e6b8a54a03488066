/**
 * RpcEnumPrinterDataEx (opnum 79) — [MS-RPRN] 3.1.4.2.20.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pKeyName | DWORD cbEnumValues
 *   response: [out, size_is(cbEnumValues)] BYTE* pEnumValues: max_count (= cbEnumValues), bytes,
 *             pad to 4 | DWORD pcbEnumValues | DWORD pnEnumValues | DWORD status
 *
 * pEnumValues holds PRINTER_ENUM_VALUES records (structures/printer-enum-values.ts).
 */
import { conformantBytes, dword, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcEnumPrinterDataEx = ndrMessage(
  'RpcEnumPrinterDataEx',
  { hPrinter: printerHandle(), keyName: string('pKeyName'), cbEnumValues: dword('cbEnumValues') },
  {
    enumValues: conformantBytes('pEnumValues'),
    needed: dword('pcbEnumValues'),
    count: dword('pnEnumValues'),
    status: status(),
  },
);
