/**
 * RpcEnumForms (opnum 34) — [MS-RPRN] 3.1.4.5.5.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pForm: referent id (0 = NULL), max_count,
 *             bytes | DWORD cbBuf
 *   response: pForm: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pcReturned | DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer, printerHandle } from './parameters';

export const RpcEnumForms = ndrMessage(
  'RpcEnumForms',
  { hPrinter: printerHandle(), level: dword('Level'), buffer: infoBuffer('pForm') },
  infoArrayOut('pForm'),
);
