/**
 * RpcScheduleJob (opnum 25) — [MS-RPRN] 3.1.4.3.5; MS-PAR's RpcAsyncScheduleJob (opnum 6) carries
 * the same.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId
 *   response: DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcScheduleJob = ndrMessage(
  'RpcScheduleJob',
  { hPrinter: printerHandle(), jobId: dword('JobId') },
  statusOnly(),
);
