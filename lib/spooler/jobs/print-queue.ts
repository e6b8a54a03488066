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
 * fsynced). On start, `recover()` reloads every job whose .SHD says it was completely spooled;
 * a job still marked SPOOLING (never acknowledged) or an .SPL without .SHD is discarded and
 * reported. A job that was printing is requeued to print again from its first page. A printed
 * job is marked in its .SHD before its files are deleted, so a crash in between never prints
 * it twice.
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { DEF_PRIORITY, JobControl, JobStatus, MAX_PRIORITY, MIN_PRIORITY } from '../../spoolss/constants';
import type { NewJob, PrintJob } from './print-job';
import { SpoolFiles } from './spool-files';

export type { NewJob, PrintJob } from './print-job';

/** What `recover()` found in the spool folder. */
export interface RecoveryReport {
  readonly requeued: PrintJob[];
  /** Jobs never acknowledged (still spooling, or data without a shadow file). */
  readonly discarded: {
    readonly jobId: number;
    readonly documentName: string;
    readonly userName: string;
    readonly printerName: string;
    readonly size: number;
  }[];
  /** Printed jobs whose files a crash left behind (deleted now). */
  readonly alreadyPrinted: number[];
}

export class PrintQueue {
  private readonly jobs = new Map<number, PrintJob>();
  private readonly memoryData = new Map<number, Buffer[]>();
  private nextJobId = 1;

  private constructor(
    /** The spool folder; undefined keeps spool data in memory. */
    private readonly files: SpoolFiles | undefined,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** `stateDir` undefined keeps spool data in memory. */
  static async create(stateDir: string | undefined, logger: Logger, now: () => number = Date.now): Promise<PrintQueue> {
    const files = stateDir === undefined ? undefined : await SpoolFiles.open(stateDir);
    const queue = new PrintQueue(files, logger.child({ component: 'print-queue' }), now);
    queue.nextJobId = (await files?.readNextJobId()) ?? queue.nextJobId;
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
    const report: { requeued: PrintJob[]; discarded: RecoveryReport['discarded'][number][]; alreadyPrinted: number[] } =
      {
        requeued: [],
        discarded: [],
        alreadyPrinted: [],
      };
    const files = this.files;
    if (files === undefined) return report;
    for (const jobId of await files.jobIds()) {
      this.nextJobId = Math.max(this.nextJobId, jobId + 1);
      const shadow = await files.readShadow(jobId);
      const splSize = await files.dataSize(jobId);
      const spooling = shadow === undefined || (shadow.status & JobStatus.JOB_STATUS_SPOOLING) !== 0;
      if (shadow?.printedAt !== undefined && (shadow.status & JobStatus.JOB_STATUS_RETAINED) === 0) {
        report.alreadyPrinted.push(jobId);
        await this.removeFiles(jobId);
        continue;
      }
      if (spooling || splSize === undefined || splSize < shadow.size) {
        report.discarded.push({
          jobId,
          documentName: shadow?.documentName ?? '',
          userName: shadow?.userName ?? '',
          printerName: shadow?.printerName ?? '',
          size: splSize ?? 0,
        });
        await this.removeFiles(jobId);
        continue;
      }
      const job: PrintJob = {
        ...shadow,
        // A job cut off while printing starts again from its first page.
        status:
          shadow.status & JobStatus.JOB_STATUS_PRINTING
            ? (shadow.status & ~(JobStatus.JOB_STATUS_PRINTING | JobStatus.JOB_STATUS_COMPLETE)) |
              JobStatus.JOB_STATUS_RESTART
            : shadow.status,
        pagesPrinted: shadow.printedAt !== undefined ? shadow.pagesPrinted : 0,
      };
      this.jobs.set(jobId, job);
      report.requeued.push(job);
    }
    await this.saveCounter();
    this.logger.info('spool folder recovered', {
      requeued: report.requeued.map((j) => j.jobId),
      discarded: report.discarded.map((j) => j.jobId),
      alreadyPrinted: report.alreadyPrinted,
    });
    return report;
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
    }
  }

  async createJob(job: NewJob): Promise<PrintJob> {
    const jobId = this.nextJobId++;
    await this.saveCounter();
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
    if (this.files === undefined) this.memoryData.set(jobId, []);
    else await this.files.createData(jobId);
    await this.saveShadow(created);
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
    if (this.files === undefined) this.memoryData.get(jobId)?.push(Buffer.from(data));
    else await this.files.appendData(jobId, data);
    job.size += data.length;
    return data.length;
  }

  addPage(jobId: number): void {
    this.require(jobId).totalPages += 1;
  }

  /** EndDocPrinter: the job is complete, durable, and waits for a device. */
  async complete(jobId: number): Promise<void> {
    const job = this.require(jobId);
    await this.files?.syncData(jobId);
    job.status &= ~JobStatus.JOB_STATUS_SPOOLING;
    await this.saveShadow(job, true);
    this.logger.info('job queued', { jobId, size: job.size, pages: job.totalPages });
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
    await this.removeFiles(jobId);
    this.logger.info('job deleted', { jobId });
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

  /** `durable`: fsync the file and its directory (the acknowledgement point). */
  private async saveShadow(job: PrintJob, durable = false): Promise<void> {
    await this.files?.saveShadow(job, durable);
  }
}
