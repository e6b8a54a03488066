/**
 * RpcSetJob (opnum 2) — [MS-RPRN] 3.1.4.3.1.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD JobId; [unique] JOB_CONTAINER* pJobContainer
 *        (u32 Level, union tag, referent -> JOB_INFO_n); DWORD Command (JOB_CONTROL_*)
 *   out: DWORD status
 *
 * DEVIATION: job fields carried in pJobContainer (priority, position, document name) are not
 * applied — the PrintProvider's SetJob takes a command only. A container without a command is
 * answered ERROR_NOT_SUPPORTED rather than silently ignored.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf, statusResponse } from '../rprn-call';
import type { LevelContainer } from '../structures/containers';
import { RPC_JOB_INFO, decodeLevelContainer } from '../structures/containers';

export const rpcSetJob: RprnOperation = {
  opnum: RprnOpnum.RpcSetJob,
  name: 'RpcSetJob',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const jobId = r.u32('JobId');
    let container: LevelContainer | undefined;
    r.pointer(() => (container = decodeLevelContainer(r, RPC_JOB_INFO, 'pJobContainer')), false, 'pJobContainer');
    const command = r.u32('Command');
    const handle = lookupHandle(ctx, wire);
    if (container !== undefined && command === 0)
      return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_NOT_SUPPORTED));
    return statusOf(() => ctx.provider.setJob(handle, jobId, command));
  },
};
