/**
 * RpcSetJob — [MS-RPRN] 3.1.4.3.1 (messages/set-job.ts).
 *
 * A JOB_INFO_1 or JOB_INFO_2 container sets the job's Priority (1-99, else
 * ERROR_INVALID_PRIORITY), Position (0 = JOB_POSITION_UNSPECIFIED: unchanged) and pDocument
 * (NULL: unchanged); the other fields (status, pages, times ...) belong to the spooler and are
 * not taken from the caller. pointprint's DEVIATION: JOB_INFO_3 (job chaining) and JOB_INFO_4
 * containers are answered ERROR_NOT_SUPPORTED.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { SetJobFields } from '../../../spoolss/print-provider';
import { recordFields } from '../../ndr/record-fields';
import { RpcSetJob } from '../messages/set-job';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';
import type { LevelContainer } from '../structures/containers';

/** JOB_INFO_1/2 Position meaning "leave the job where it is" (winspool.h). */
const JOB_POSITION_UNSPECIFIED = 0;

export const rpcSetJob = rprnOperation(RpcSetJob, ({ hPrinter, jobId, jobContainer, command }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  if (jobContainer === undefined) return statusOf(() => ctx.provider.setJob(handle, jobId, command));
  const fields = jobFields(jobContainer);
  if (fields === undefined) return Promise.resolve({ status: Win32ErrorCode.ERROR_NOT_SUPPORTED });
  return statusOf(() => ctx.provider.setJob(handle, jobId, command, fields));
});

/** The fields a JOB_INFO_1/2 container sets; undefined for the levels pointprint does not apply. */
function jobFields(container: LevelContainer): SetJobFields | undefined {
  if ((container.level !== 1 && container.level !== 2) || container.info === undefined) return undefined;
  const v = recordFields(container.info);
  const priority = v.optionalNumber('Priority');
  const position = v.optionalNumber('Position');
  const document = v.optionalString('pDocument');
  return {
    ...(priority !== undefined && { priority }),
    ...(position !== undefined && position !== JOB_POSITION_UNSPECIFIED && { position }),
    ...(document !== undefined && { documentName: document }),
  };
}
