/**
 * RpcEnumPrinterKey (opnum 80) — [MS-RPRN] 3.1.4.2.21.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pKeyName ("" = the printer's root)
 *             | DWORD cbSubkey
 *   response: [out, size_is(cbSubkey / sizeof(wchar_t))] wchar_t* pSubkey: max_count (cbSubkey / 2),
 *             that many UTF-16 units, pad to 4 | DWORD pcbSubkey | DWORD status
 *
 * pSubkey is a MULTI_SZ of the key's direct subkeys.
 */
import { dword, string, wcharArray } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcEnumPrinterKey = ndrMessage(
  'RpcEnumPrinterKey',
  { hPrinter: printerHandle(), keyName: string('pKeyName'), cbSubkey: dword('cbSubkey') },
  { subkey: wcharArray('pSubkey'), needed: dword('pcbSubkey'), status: status() },
);
