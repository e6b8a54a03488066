/**
 * RpcGetJob (opnum 3) — [MS-RPRN] 3.1.4.3.2.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pJob: referent id (0 = NULL), max_count,
 *             bytes | DWORD cbBuf
 *   response: pJob: referent id, max_count, bytes | DWORD pcbNeeded | DWORD status
 *
 * pJob holds a custom-marshaled _JOB_INFO_n.
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoBuffer, infoOut, printerHandle } from './parameters';

export const RpcGetJob = ndrMessage(
  'RpcGetJob',
  { hPrinter: printerHandle(), jobId: dword('JobId'), level: dword('Level'), buffer: infoBuffer('pJob') },
  infoOut('pJob'),
);
