/**
 * RpcAddJob (opnum 24) — [MS-RPRN] 3.1.4.3.4; MS-PAR's RpcAsyncAddJob (opnum 5) carries the same.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pAddJob: referent id (0 = NULL), max_count,
 *             bytes | DWORD cbBuf
 *   response: pAddJob: referent id, max_count, bytes | DWORD pcbNeeded | DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoBuffer, infoOut, printerHandle } from './parameters';

export const RpcAddJob = ndrMessage(
  'RpcAddJob',
  { hPrinter: printerHandle(), level: dword('Level'), buffer: infoBuffer('pAddJob') },
  infoOut('pAddJob'),
);
