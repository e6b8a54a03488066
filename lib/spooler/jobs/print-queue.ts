/**
 * The job queue of the local provider: StartDocPrinter creates a spooling job, WritePrinter
 * appends to its spool data, EndDocPrinter queues it, SetJob pauses/resumes/restarts/deletes.
 *
 * Spool data goes to `<stateDir>/PRINTERS/<jobId>.SPL` with the job's metadata in a `.SHD`
 * JSON shadow file next to it (spool-files.ts), or stays in memory when no state directory is
 * given.
 *
 * Durability (nothing acknowledged is lost): EndDocPrinter (the SMB CLOSE of a printer-share
 * file) returns only after the .SPL is fsynced and the .SHD, no longer marked SPOOLING, is
 * written to a temporary file, fsynced and renamed over the old one (then the directory is
 * fsynced). On start, `recover()` reloads every job whose .SHD says it was completely spooled
 * (spool-recovery.ts: a job never acknowledged is discarded and reported; damaged files are
 * kept aside, never deleted, and a job whose shadow is damaged is recovered from its .SPL when
 * enough of the shadow can be read). A job that was printing is requeued to print again from its
 * first page. A printed job is marked in its .SHD before its files are deleted, so a crash in
 * between never prints it twice.
 *
 * Nothing unacknowledged stays queued: a job whose creation, spool data or acknowledgement could
 * not be written (a full disk: ERROR_DISK_FULL) is deleted, and EndDocPrinter after a failed
 * WritePrinter deletes the job and fails with the write's error. DEVIATION: Windows' behaviour
 * after a failed WritePrinter is undocumented; queuing part of a document would print it cut.
 */
import { Win32Error } from '../../common/errors';
import { asError } from '../../common/file-system-errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { DEF_PRIORITY, JobControl, JobStatus, MAX_PRIORITY, MIN_PRIORITY } from '../../spoolss/constants';
import { PrinterChangeFlag } from '../../spoolss/printer-notify';
import type { PrinterChangeRoom } from '../notifications/printer-change-room';
import type { NewJob, PrintJob } from './print-job';
import { SpoolFiles, type SpoolerStateRead } from './spool-files';
import { recoverSpoolFolder, type RecoveryReport } from './spool-recovery';

export type { NewJob, PrintJob } from './print-job';
export type { DamagedJob, DiscardedJob, RecoveryReport } from './spool-recovery';

export class PrintQueue {
  private readonly jobs = new Map<number, PrintJob>();
  private readonly memoryData = new Map<number, Buffer[]>();
  /** Jobs whose spool data could not be written: EndDocPrinter deletes them (see the header). */
  private readonly failedWrites = new Map<number, Error>();
  private nextJobId = 1;
  private savedState: SpoolerStateRead = { kind: 'none' };

  private constructor(
    /** The spool folder; undefined keeps spool data in memory. */
    private readonly files: SpoolFiles | undefined,
    private readonly logger: Logger,
    private readonly now: () => number,
    /** Where job changes are announced (PRINTER_CHANGE_ADD/SET/DELETE_JOB). */
    private readonly changes: PrinterChangeRoom | undefined,
  ) {}

  /** `stateDir` undefined keeps spool data in memory. */
  static async create(
    stateDir: string | undefined,
    logger: Logger,
    now: () => number = Date.now,
    changes?: PrinterChangeRoom,
  ): Promise<PrintQueue> {
    const files = stateDir === undefined ? undefined : await SpoolFiles.open(stateDir);
    const queue = new PrintQueue(files, logger.child({ component: 'print-queue' }), now, changes);
    if (files !== undefined) {
      queue.savedState = files.readState();
      if (queue.savedState.kind === 'ok') queue.nextJobId = queue.savedState.nextJobId;
    }
    return queue;
  }

  /** Every job, in submission order. */
  all(): PrintJob[] {
    return [...this.jobs.values()];
  }

  /**
   * Reloads the spool folder after a restart (see the header). Call once, before new jobs.
   */
  async recover(): Promise<RecoveryReport> {
    if (this.files === undefined) return { requeued: [], discarded: [], alreadyPrinted: [], damaged: [] };
    const report = await recoverSpoolFolder(this.files, this.savedState, this.logger, this.now());
    for (const job of report.requeued) this.jobs.set(job.jobId, job);
    this.nextJobId = Math.max(this.nextJobId, report.nextJobId);
    await this.saveCounter();
    return report;
  }

  /** Job ids continue after `jobId` (a damaged spooler-state.json lost the counter). */
  continueAfter(jobId: number): void {
    this.nextJobId = Math.max(this.nextJobId, jobId + 1);
  }

  /** The device took the job. */
  async markPrinting(jobId: number, portName: string): Promise<void> {
    const job = this.require(jobId);
    job.status = (job.status | JobStatus.JOB_STATUS_PRINTING) & ~JobStatus.JOB_STATUS_RESTART;
    job.portName = portName;
    job.pagesPrinted = 0;
    await this.saveShadow(job);
  }

  /** The job left the device without printing (restart, pool redirect): it waits again. */
  async requeue(jobId: number, excludePort?: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    job.status &= ~(JobStatus.JOB_STATUS_PRINTING | JobStatus.JOB_STATUS_COMPLETE);
    job.pagesPrinted = 0;
    if (excludePort !== undefined) {
      job.excludedPorts = [...(job.excludedPorts ?? []), excludePort];
      job.status |= JobStatus.JOB_STATUS_RESTART;
    }
    await this.saveShadow(job);
  }

  /**
   * The last page is out: the .SHD records it first, then the files go (or stay, RETAINED,
   * for a printer that keeps printed documents).
   */
  async markPrinted(jobId: number, pages: number, keep: boolean): Promise<void> {
    const job = this.require(jobId);
    job.status =
      (job.status & ~(JobStatus.JOB_STATUS_PRINTING | JobStatus.JOB_STATUS_RESTART)) |
      JobStatus.JOB_STATUS_PRINTED |
      JobStatus.JOB_STATUS_COMPLETE |
      (keep ? JobStatus.JOB_STATUS_RETAINED : 0);
    job.totalPages = pages;
    job.pagesPrinted = pages;
    job.printedAt = new Date(this.now()).toISOString();
    await this.saveShadow(job);
    if (!keep) {
      this.jobs.delete(jobId);
      this.memoryData.delete(jobId);
      await this.removeFiles(jobId);
      this.changed(job, PrinterChangeFlag.PRINTER_CHANGE_DELETE_JOB);
    }
  }

  async createJob(job: NewJob): Promise<PrintJob> {
    const jobId = this.nextJobId++;
    const created: PrintJob = {
      ...job,
      jobId,
      status: JobStatus.JOB_STATUS_SPOOLING,
      priority: job.priority ?? DEF_PRIORITY,
      totalPages: 0,
      pagesPrinted: 0,
      size: 0,
      submitted: new Date(this.now()),
    };
    this.jobs.set(jobId, created);
    try {
      await this.saveCounter();
      if (this.files === undefined) this.memoryData.set(jobId, []);
      else await this.files.createData(jobId);
      // Not saveShadow: the job is announced once, as added, below.
      await this.files?.saveShadow(created, false);
    } catch (err) {
      await this.discardUnacknowledged(jobId, 'the job could not be created', err);
      throw err;
    }
    this.changed(created, PrinterChangeFlag.PRINTER_CHANGE_ADD_JOB);
    this.logger.info('job created', {
      jobId,
      printer: job.printerName,
      user: job.userName,
      document: job.documentName,
    });
    return created;
  }

  /** Jobs of a printer in queue order (submission order); `position` is the 1-based index. */
  jobsFor(printerName: string): PrintJob[] {
    const lower = printerName.toLowerCase();
    return [...this.jobs.values()].filter((j) => j.printerName.toLowerCase() === lower);
  }

  get(jobId: number): PrintJob | undefined {
    return this.jobs.get(jobId);
  }

  positionOf(job: PrintJob): number {
    return this.jobsFor(job.printerName).indexOf(job) + 1;
  }

  async write(jobId: number, data: Buffer): Promise<number> {
    const job = this.require(jobId);
    if ((job.status & JobStatus.JOB_STATUS_SPOOLING) === 0) {
      throw new Win32Error(Win32ErrorCode.ERROR_SPL_NO_STARTDOC, `job ${jobId} is no longer spooling`);
    }
    const failed = this.failedWrites.get(jobId);
    if (failed !== undefined) throw failed;
    try {
      if (this.files === undefined) this.memoryData.get(jobId)?.push(Buffer.from(data));
      else await this.files.appendData(jobId, data);
    } catch (err) {
      // The spool file may hold part of `data`: the job cannot be completed any more.
      this.failedWrites.set(jobId, asError(err));
      this.logger.error('spool data not written: the job will not be queued', {
        jobId,
        printer: job.printerName,
        user: job.userName,
        document: job.documentName,
        error: err instanceof Error ? err.message : String(err),
      });
      throw err;
    }
    job.size += data.length;
    this.changed(job, PrinterChangeFlag.PRINTER_CHANGE_WRITE_JOB);
    return data.length;
  }

  addPage(jobId: number): void {
    this.require(jobId).totalPages += 1;
  }

  /** EndDocPrinter: the job is complete, durable, and waits for a device. */
  async complete(jobId: number): Promise<void> {
    const job = this.require(jobId);
    const failed = this.failedWrites.get(jobId);
    try {
      if (failed !== undefined) throw failed;
      await this.files?.syncData(jobId);
      job.status &= ~JobStatus.JOB_STATUS_SPOOLING;
      await this.saveShadow(job, true);
    } catch (err) {
      await this.discardUnacknowledged(jobId, 'the job could not be queued', err);
      throw err;
    }
    this.logger.info('job queued', { jobId, size: job.size, pages: job.totalPages });
  }

  /** Stops writing into the spool folder once the writes in flight are done. */
  async close(): Promise<void> {
    await this.files?.close();
  }

  /** The spool data written so far. */
  async readData(jobId: number): Promise<Buffer> {
    this.require(jobId);
    if (this.files === undefined) return Buffer.concat(this.memoryData.get(jobId) ?? []);
    return this.files.readData(jobId);
  }

  async delete(jobId: number): Promise<void> {
    const job = this.require(jobId);
    job.status |= JobStatus.JOB_STATUS_DELETING;
    this.jobs.delete(jobId);
    this.memoryData.delete(jobId);
    this.failedWrites.delete(jobId);
    await this.removeFiles(jobId);
    this.changed(job, PrinterChangeFlag.PRINTER_CHANGE_DELETE_JOB);
    this.logger.info('job deleted', { jobId });
  }

  /** A job whose creation or acknowledgement failed: gone from the queue, its files removed if they can be. */
  private async discardUnacknowledged(jobId: number, what: string, err: unknown): Promise<void> {
    const job = this.jobs.get(jobId);
    this.jobs.delete(jobId);
    this.memoryData.delete(jobId);
    this.failedWrites.delete(jobId);
    this.logger.error(`${what}: it is not queued`, {
      jobId,
      printer: job?.printerName,
      user: job?.userName,
      document: job?.documentName,
      error: err instanceof Error ? err.message : String(err),
    });
    // A shadow still marked SPOOLING, left by a failed removal, is discarded at the next start.
    await this.removeFiles(jobId).catch((e: unknown) =>
      this.logger.warn('spool files of a failed job not removed', { jobId, error: String(e) }),
    );
  }

  async purge(printerName: string): Promise<void> {
    for (const job of this.jobsFor(printerName)) await this.delete(job.jobId);
  }

  /** SetJob with a JOB_CONTROL_* command — [MS-RPRN] 3.1.4.3.1. */
  async control(jobId: number, command: number): Promise<void> {
    const job = this.require(jobId);
    switch (command) {
      case 0:
        return;
      case JobControl.JOB_CONTROL_PAUSE:
        job.status |= JobStatus.JOB_STATUS_PAUSED;
        break;
      case JobControl.JOB_CONTROL_RESUME:
        job.status &= ~JobStatus.JOB_STATUS_PAUSED;
        break;
      case JobControl.JOB_CONTROL_CANCEL:
      case JobControl.JOB_CONTROL_DELETE:
        await this.delete(jobId);
        return;
      case JobControl.JOB_CONTROL_RESTART:
        job.status =
          (job.status | JobStatus.JOB_STATUS_RESTART) & ~(JobStatus.JOB_STATUS_PRINTED | JobStatus.JOB_STATUS_COMPLETE);
        job.pagesPrinted = 0;
        break;
      case JobControl.JOB_CONTROL_SENT_TO_PRINTER:
        job.status |= JobStatus.JOB_STATUS_COMPLETE;
        break;
      case JobControl.JOB_CONTROL_LAST_PAGE_EJECTED:
        job.status |= JobStatus.JOB_STATUS_PRINTED;
        job.pagesPrinted = job.totalPages;
        break;
      case JobControl.JOB_CONTROL_RETAIN:
        job.status |= JobStatus.JOB_STATUS_RETAINED;
        break;
      case JobControl.JOB_CONTROL_RELEASE:
        job.status &= ~JobStatus.JOB_STATUS_RETAINED;
        break;
      default:
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `unknown job control command ${command}`);
    }
    await this.saveShadow(job);
    this.logger.info('job control', { jobId, command, status: job.status });
  }

  /** The job's place among all jobs (queue order across printers; lower goes first). */
  orderOf(job: PrintJob): number {
    return [...this.jobs.values()].indexOf(job);
  }

  /**
   * SetJob's Position: moves the job to the 1-based `position` among its printer's jobs (a
   * position past the end puts it last). DEVIATION: the order lives in memory; after a restart
   * the recovered jobs are in job id order again.
   */
  setPosition(jobId: number, position: number): void {
    const job = this.require(jobId);
    const others = this.jobsFor(job.printerName).filter((j) => j !== job);
    if (position < 1) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `position ${position} below 1`);
    const before = others[position - 1];
    const order = [...this.jobs.values()].filter((j) => j !== job);
    const at = before === undefined ? order.length : order.indexOf(before);
    // Past the end of its printer's jobs: right after the printer's last job.
    const last = others[others.length - 1];
    const index = before === undefined && last !== undefined ? order.indexOf(last) + 1 : at;
    order.splice(index, 0, job);
    this.jobs.clear();
    for (const j of order) this.jobs.set(j.jobId, j);
    this.logger.info('job moved', { jobId, position });
  }

  async setFields(
    jobId: number,
    fields: { priority?: number; position?: number; documentName?: string },
  ): Promise<void> {
    const job = this.require(jobId);
    // Everything is checked before anything changes.
    if (fields.position !== undefined && fields.position < 1)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `position ${fields.position} below 1`);
    if (fields.priority !== undefined) this.setPriority(jobId, fields.priority);
    if (fields.position !== undefined) this.setPosition(jobId, fields.position);
    if (fields.documentName !== undefined) job.documentName = fields.documentName;
    await this.saveShadow(job);
  }

  /** A printer was renamed: its jobs, and their shadow files, name the new printer. */
  async printerRenamed(oldName: string, newName: string): Promise<void> {
    for (const job of this.jobsFor(oldName)) {
      (job as { printerName: string }).printerName = newName;
      await this.saveShadow(job);
    }
  }

  /** A job changed in place (its named properties): its shadow file is written again. */
  async saveJob(jobId: number): Promise<void> {
    await this.saveShadow(this.require(jobId));
  }

  setPriority(jobId: number, priority: number): void {
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_INVALID_PRIORITY,
        `priority ${priority} outside ${MIN_PRIORITY}..${MAX_PRIORITY}`,
      );
    }
    this.require(jobId).priority = priority;
  }

  private require(jobId: number): PrintJob {
    const job = this.jobs.get(jobId);
    // Windows answers an unknown JobId with ERROR_INVALID_PARAMETER.
    if (!job) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `no job ${jobId}`);
    return job;
  }

  private async removeFiles(jobId: number): Promise<void> {
    await this.files?.remove(jobId);
  }

  private async saveCounter(): Promise<void> {
    await this.files?.saveNextJobId(this.nextJobId);
  }

  /**
   * `durable`: fsync the file and its directory (the acknowledgement point). Every change of a
   * queued job's state goes through here, so here is where PRINTER_CHANGE_SET_JOB is said.
   */
  private async saveShadow(job: PrintJob, durable = false): Promise<void> {
    await this.files?.saveShadow(job, durable);
    if (this.jobs.get(job.jobId) === job) this.changed(job, PrinterChangeFlag.PRINTER_CHANGE_SET_JOB);
  }

  private changed(job: PrintJob, change: number): void {
    this.changes?.changed({ printerName: job.printerName, change, jobId: job.jobId });
  }
}
