/**
 * RpcEnumJobs (opnum 4) — [MS-RPRN] 3.1.4.3.3.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD FirstJob | DWORD NoJobs | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pJob: referent id (0 = NULL), max_count,
 *             bytes | DWORD cbBuf
 *   response: pJob: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pcReturned | DWORD status
 *
 * pJob holds an array of custom-marshaled _JOB_INFO_n (JOB_INFO_3 links each job to the next).
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer, printerHandle } from './parameters';

export const RpcEnumJobs = ndrMessage(
  'RpcEnumJobs',
  {
    hPrinter: printerHandle(),
    firstJob: dword('FirstJob'),
    noJobs: dword('NoJobs'),
    level: dword('Level'),
    buffer: infoBuffer('pJob'),
  },
  infoArrayOut('pJob'),
);
