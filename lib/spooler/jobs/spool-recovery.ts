/**
 * What a start finds in the spool folder, job by job (PrintQueue.recover applies it):
 *
 * | .SHD                         | .SPL                  | outcome                                       |
 * |------------------------------|-----------------------|-----------------------------------------------|
 * | printed, not retained        | any                   | files deleted (a crash cut the cleanup)       |
 * | SPOOLING (not acknowledged)  | any                   | discarded, files deleted                      |
 * | acknowledged                 | at least its size     | requeued                                      |
 * | acknowledged                 | missing or shorter    | damaged: both kept aside, not printed         |
 * | missing                      | empty                 | discarded (a crash inside StartDocPrinter)    |
 * | missing                      | has data              | damaged: the data kept aside                  |
 * | damaged, printer and status  | at least its size     | recovered from the .SPL, shadow rewritten     |
 * |   salvaged, acknowledged     |                       |                                               |
 * | damaged, anything else       | any                   | damaged: both kept aside                      |
 *
 * "Kept aside" is SpoolFiles.quarantine: `<name>.corrupt-<reason>`, bytes untouched. Nothing that
 * may hold an acknowledged job's data is ever deleted.
 */
import type { Logger } from '../../common/logger';
import { DEF_PRIORITY, JobStatus } from '../../spoolss/constants';
import type { PrintJob } from './print-job';
import type { SpoolerStateRead, SpoolFiles } from './spool-files';

/** A job that was never acknowledged, discarded at start. */
export interface DiscardedJob {
  readonly jobId: number;
  readonly documentName: string;
  readonly userName: string;
  readonly printerName: string;
  readonly size: number;
}

/** A job whose files were damaged: what could be read of it, and where its files were kept. */
export interface DamagedJob {
  readonly jobId: number;
  readonly documentName?: string;
  readonly userName?: string;
  readonly printerName?: string;
  /** `shadow-truncated`, `spool-file-truncated`, `no-spool-file`, `no-shadow-file` ... */
  readonly reason: string;
  /** The quarantined files, relative to the state folder. */
  readonly keptAs: readonly string[];
  /** Requeued from its .SPL with the salvaged fields. */
  readonly recovered: boolean;
}

export type RecoveryOutcome =
  | { readonly kind: 'requeue'; readonly job: PrintJob; readonly damaged?: DamagedJob }
  | { readonly kind: 'printed' }
  | { readonly kind: 'discarded'; readonly job: DiscardedJob }
  | { readonly kind: 'damaged'; readonly job: DamagedJob };

/** What a start found in the spool folder. */
export interface RecoveryReport {
  readonly requeued: PrintJob[];
  /** Jobs never acknowledged (still spooling, or an empty .SPL without shadow): deleted. */
  readonly discarded: DiscardedJob[];
  /** Printed jobs whose files a crash left behind (deleted now). */
  readonly alreadyPrinted: number[];
  /** Jobs with damaged files, kept aside (those recovered are also in `requeued`). */
  readonly damaged: DamagedJob[];
  /** spooler-state.json could not be read: kept aside under this name. */
  readonly damagedState?: { readonly reason: string; readonly keptAs: string };
}

const ACK_MASK = JobStatus.JOB_STATUS_SPOOLING;

/** Every job id of the folder through recoverSpooledJob, in id order; jobs cut while printing restart. */
export async function recoverSpoolFolder(
  files: SpoolFiles,
  state: SpoolerStateRead,
  logger: Logger,
  now: number,
): Promise<RecoveryReport & { readonly nextJobId: number }> {
  const report = {
    requeued: [] as PrintJob[],
    discarded: [] as DiscardedJob[],
    alreadyPrinted: [] as number[],
    damaged: [] as DamagedJob[],
    nextJobId: 1,
    ...(state.kind === 'damaged' && { damagedState: { reason: state.reason, keptAs: state.quarantinedAs } }),
  };
  if (state.kind === 'damaged') {
    logger.error('spooler-state.json cannot be read: kept aside, job ids continue after the spool folder', {
      reason: state.reason,
      keptAs: state.quarantinedAs,
    });
  }
  for (const jobId of await files.jobIds()) {
    report.nextJobId = Math.max(report.nextJobId, jobId + 1);
    const outcome = await recoverSpooledJob(files, jobId, now);
    if (outcome.kind === 'printed') report.alreadyPrinted.push(jobId);
    else if (outcome.kind === 'discarded') report.discarded.push(outcome.job);
    const damaged = outcome.kind === 'damaged' ? outcome.job : outcome.kind === 'requeue' ? outcome.damaged : undefined;
    if (damaged !== undefined) {
      report.damaged.push(damaged);
      logger.error(
        damaged.recovered ? 'damaged spool files: job recovered from its data' : 'damaged spool files kept aside',
        {
          ...damaged,
        },
      );
    }
    if (outcome.kind !== 'requeue') continue;
    const shadow = outcome.job;
    report.requeued.push({
      ...shadow,
      // A job cut off while printing starts again from its first page.
      status:
        shadow.status & JobStatus.JOB_STATUS_PRINTING
          ? (shadow.status & ~(JobStatus.JOB_STATUS_PRINTING | JobStatus.JOB_STATUS_COMPLETE)) |
            JobStatus.JOB_STATUS_RESTART
          : shadow.status,
      pagesPrinted: shadow.printedAt !== undefined ? shadow.pagesPrinted : 0,
    });
  }
  logger.info('spool folder recovered', {
    requeued: report.requeued.map((j) => j.jobId),
    discarded: report.discarded.map((j) => j.jobId),
    alreadyPrinted: report.alreadyPrinted,
    damaged: report.damaged.map((j) => j.jobId),
  });
  return report;
}

/** Decides (and does, on disk) what becomes of one job id of the spool folder. */
export async function recoverSpooledJob(files: SpoolFiles, jobId: number, now: number): Promise<RecoveryOutcome> {
  const shadow = await files.readShadow(jobId);
  const splSize = await files.dataSize(jobId);
  if (shadow.kind === 'missing') {
    if (splSize === undefined || splSize === 0) {
      await files.remove(jobId);
      return { kind: 'discarded', job: { jobId, documentName: '', userName: '', printerName: '', size: 0 } };
    }
    return damaged(files, jobId, {}, 'no-shadow-file');
  }
  if (shadow.kind === 'damaged') {
    const s = shadow.salvaged;
    const keptShadow = await files.quarantine(jobId, 'SHD', shadow.reason);
    const acknowledged = s.status !== undefined && (s.status & ACK_MASK) === 0;
    const complete = splSize !== undefined && (s.size === undefined || splSize >= s.size);
    if (s.printerName !== undefined && acknowledged && complete) {
      const job = rebuild(jobId, s, splSize, now);
      await files.saveShadow(job, true);
      return {
        kind: 'requeue',
        job,
        damaged: { ...names(s), jobId, reason: `shadow-${shadow.reason}`, keptAs: keep(keptShadow), recovered: true },
      };
    }
    const keptData = await files.quarantine(jobId, 'SPL', `shadow-${shadow.reason}`);
    return {
      kind: 'damaged',
      job: {
        ...names(s),
        jobId,
        reason: `shadow-${shadow.reason}`,
        keptAs: keep(keptShadow, keptData),
        recovered: false,
      },
    };
  }
  const job = shadow.job;
  if (job.printedAt !== undefined && (job.status & JobStatus.JOB_STATUS_RETAINED) === 0) {
    await files.remove(jobId);
    return { kind: 'printed' };
  }
  if ((job.status & ACK_MASK) !== 0) {
    await files.remove(jobId);
    const { documentName, userName, printerName } = job;
    return { kind: 'discarded', job: { jobId, documentName, userName, printerName, size: splSize ?? 0 } };
  }
  if (splSize === undefined) return damaged(files, jobId, job, 'no-spool-file');
  if (splSize < job.size) return damaged(files, jobId, job, 'spool-file-truncated');
  return { kind: 'requeue', job };
}

async function damaged(
  files: SpoolFiles,
  jobId: number,
  known: Partial<PrintJob>,
  reason: string,
): Promise<RecoveryOutcome> {
  const keptAs = keep(await files.quarantine(jobId, 'SHD', reason), await files.quarantine(jobId, 'SPL', reason));
  return { kind: 'damaged', job: { ...names(known), jobId, reason, keptAs, recovered: false } };
}

function keep(...names: (string | undefined)[]): string[] {
  return names.filter((n): n is string => n !== undefined);
}

function names(s: Partial<PrintJob>): Pick<DamagedJob, 'documentName' | 'userName' | 'printerName'> {
  return {
    ...(s.documentName !== undefined && { documentName: s.documentName }),
    ...(s.userName !== undefined && { userName: s.userName }),
    ...(s.printerName !== undefined && { printerName: s.printerName }),
  };
}

/** A job from the salvaged fields of its shadow; what was lost gets the defaults of a new job. */
function rebuild(jobId: number, s: Partial<PrintJob>, splSize: number, now: number): PrintJob {
  return {
    jobId,
    printerName: s.printerName ?? '',
    userName: s.userName ?? '',
    machineName: s.machineName ?? '',
    documentName: s.documentName ?? `Recovered document ${jobId}`,
    datatype: s.datatype ?? 'RAW',
    printProcessor: s.printProcessor ?? 'winprint',
    driverName: s.driverName ?? '',
    status: s.status ?? 0,
    priority: s.priority ?? DEF_PRIORITY,
    totalPages: s.totalPages ?? 0,
    pagesPrinted: 0,
    size: s.size ?? splSize,
    submitted: s.submitted ?? new Date(now),
  };
}
