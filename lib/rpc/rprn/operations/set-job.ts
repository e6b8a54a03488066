/**
 * RpcSetJob (opnum 2) — [MS-RPRN] 3.1.4.3.1.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD JobId; [unique] JOB_CONTAINER* pJobContainer
 *        (u32 Level, union tag, referent -> JOB_INFO_n); DWORD Command (JOB_CONTROL_*)
 *   out: DWORD status
 *
 * A JOB_INFO_1 or JOB_INFO_2 container sets the job's Priority (1-99, else
 * ERROR_INVALID_PRIORITY), Position (0 = JOB_POSITION_UNSPECIFIED: unchanged) and pDocument
 * (NULL: unchanged); the other fields (status, pages, times ...) belong to the spooler and are
 * not taken from the caller. pointprint's DEVIATION: JOB_INFO_3 (job chaining) and JOB_INFO_4
 * containers are answered ERROR_NOT_SUPPORTED.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { SetJobFields } from '../../../spoolss/print-provider';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf, statusResponse } from '../rprn-call';
import type { LevelContainer } from '../structures/containers';
import { RPC_JOB_INFO, decodeLevelContainer } from '../structures/containers';

/** JOB_INFO_1/2 Position meaning "leave the job where it is" (winspool.h). */
const JOB_POSITION_UNSPECIFIED = 0;

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
    if (container === undefined) return statusOf(() => ctx.provider.setJob(handle, jobId, command));
    const fields = jobFields(container);
    if (fields === undefined) return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_NOT_SUPPORTED));
    return statusOf(() => ctx.provider.setJob(handle, jobId, command, fields));
  },
};

/** The fields a JOB_INFO_1/2 container sets; undefined for the levels pointprint does not apply. */
function jobFields(container: LevelContainer): SetJobFields | undefined {
  const info = container.info;
  if ((container.level !== 1 && container.level !== 2) || info === undefined) return undefined;
  const priority = info.Priority;
  const position = info.Position;
  const document = info.pDocument;
  return {
    ...(typeof priority === 'number' && { priority }),
    ...(typeof position === 'number' && position !== JOB_POSITION_UNSPECIFIED && { position }),
    ...(typeof document === 'string' && { documentName: document }),
  };
}
