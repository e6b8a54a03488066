/**
 * RpcEnumPrinters (opnum 0) — [MS-RPRN] 3.1.4.2.1.
 *
 *   request:  DWORD Flags (PRINTER_ENUM_*) | [string, unique] STRING_HANDLE Name: referent id,
 *             max_count, offset, actual_count, UTF-16LE | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pPrinterEnum: referent id (0 = NULL),
 *             max_count, bytes | DWORD cbBuf
 *   response: pPrinterEnum: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pcReturned
 *             | DWORD status
 *
 * pPrinterEnum holds an array of custom-marshaled _PRINTER_INFO_n (structures/info-layouts.ts).
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer } from './parameters';

export const RpcEnumPrinters = ndrMessage(
  'RpcEnumPrinters',
  { flags: dword('Flags'), name: uniqueString('Name'), level: dword('Level'), buffer: infoBuffer('pPrinterEnum') },
  infoArrayOut('pPrinterEnum'),
);
export type EnumPrintersRequest = RequestOf<typeof RpcEnumPrinters>;
