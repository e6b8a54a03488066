/**
 * RpcGetPrinter (opnum 8) — [MS-RPRN] 3.1.4.2.6.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pPrinter: referent id (0 = NULL),
 *             max_count, bytes | DWORD cbBuf
 *   response: pPrinter: referent id, max_count, bytes | DWORD pcbNeeded | DWORD status
 *
 * pPrinter holds a custom-marshaled _PRINTER_INFO_n (levels 0-9).
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoBuffer, infoOut, printerHandle } from './parameters';

export const RpcGetPrinter = ndrMessage(
  'RpcGetPrinter',
  { hPrinter: printerHandle(), level: dword('Level'), buffer: infoBuffer('pPrinter') },
  infoOut('pPrinter'),
);
