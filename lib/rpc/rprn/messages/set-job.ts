/**
 * RpcSetJob (opnum 2) — [MS-RPRN] 3.1.4.3.1.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId
 *             | [unique] JOB_CONTAINER* pJobContainer: referent id (0 = NULL: a command alone),
 *               then DWORD Level, DWORD union tag (= Level), referent id -> JOB_INFO_n (deferred)
 *             | DWORD Command (JOB_CONTROL_*)
 *   response: DWORD status
 */
import { dword, uniquePointer } from '../../ndr/ndr-params';
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { RPC_JOB_INFO, levelContainer } from '../structures/containers';
import { printerHandle, statusOnly } from './parameters';

export const RpcSetJob = ndrMessage(
  'RpcSetJob',
  {
    hPrinter: printerHandle(),
    jobId: dword('JobId'),
    jobContainer: uniquePointer(levelContainer(RPC_JOB_INFO, 'pJobContainer'), 'pJobContainer'),
    command: dword('Command'),
  },
  statusOnly(),
);
export type SetJobRequest = RequestOf<typeof RpcSetJob>;
