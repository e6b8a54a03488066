/**
 * The job queue of the local provider: StartDocPrinter creates a spooling job, WritePrinter
 * appends to its spool data, EndDocPrinter queues it, SetJob pauses/resumes/restarts/deletes.
 *
 * Spool data goes to `<stateDir>/PRINTERS/<jobId>.SPL` with the job's metadata in a `.SHD`
 * JSON shadow file next to it (Windows' two files, see reference/spooler-anchors.md 1.13), or
 * stays in memory when no state directory is given. Dispatching to print devices, pools,
 * availability hours and reloading after a restart are built on top of this class later.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Win32Error } from '../common/errors';
import type { Logger } from '../common/logger';
import { Win32ErrorCode } from '../common/status/win32-error';
import { DEF_PRIORITY, JobControl, JobStatus, MAX_PRIORITY, MIN_PRIORITY } from './constants';

export interface PrintJob {
  readonly jobId: number;
  readonly printerName: string;
  readonly userName: string;
  readonly machineName: string;
  documentName: string;
  readonly datatype: string;
  readonly printProcessor: string;
  readonly driverName: string;
  readonly outputFile?: string;
  status: number;
  priority: number;
  totalPages: number;
  pagesPrinted: number;
  size: number;
  readonly submitted: Date;
}

export interface NewJob {
  readonly printerName: string;
  readonly userName: string;
  readonly machineName: string;
  readonly documentName: string;
  readonly datatype: string;
  readonly printProcessor: string;
  readonly driverName: string;
  readonly outputFile?: string;
  readonly priority?: number;
}

export class PrintQueue {
  private readonly jobs = new Map<number, PrintJob>();
  private readonly memoryData = new Map<number, Buffer[]>();
  private nextJobId = 1;

  private constructor(
    private readonly spoolDir: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** `stateDir` undefined keeps spool data in memory. */
  static async create(stateDir: string | undefined, logger: Logger): Promise<PrintQueue> {
    const spoolDir = stateDir === undefined ? undefined : path.join(stateDir, 'PRINTERS');
    if (spoolDir !== undefined) await fs.mkdir(spoolDir, { recursive: true });
    return new PrintQueue(spoolDir, logger.child({ component: 'print-queue' }));
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
      submitted: new Date(),
    };
    this.jobs.set(jobId, created);
    if (this.spoolDir === undefined) this.memoryData.set(jobId, []);
    else await fs.writeFile(this.splPath(jobId), Buffer.alloc(0));
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
    if (this.spoolDir === undefined) this.memoryData.get(jobId)?.push(Buffer.from(data));
    else await fs.appendFile(this.splPath(jobId), data);
    job.size += data.length;
    return data.length;
  }

  addPage(jobId: number): void {
    this.require(jobId).totalPages += 1;
  }

  /** EndDocPrinter: the job is complete and waits for a device. */
  async complete(jobId: number): Promise<void> {
    const job = this.require(jobId);
    job.status &= ~JobStatus.JOB_STATUS_SPOOLING;
    await this.saveShadow(job);
    this.logger.info('job queued', { jobId, size: job.size, pages: job.totalPages });
  }

  /** The spool data written so far. */
  async readData(jobId: number): Promise<Buffer> {
    this.require(jobId);
    if (this.spoolDir === undefined) return Buffer.concat(this.memoryData.get(jobId) ?? []);
    return fs.readFile(this.splPath(jobId));
  }

  async delete(jobId: number): Promise<void> {
    const job = this.require(jobId);
    job.status |= JobStatus.JOB_STATUS_DELETING;
    this.jobs.delete(jobId);
    this.memoryData.delete(jobId);
    if (this.spoolDir !== undefined) {
      await fs.rm(this.splPath(jobId), { force: true });
      await fs.rm(this.shdPath(jobId), { force: true });
    }
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

  private splPath(jobId: number): string {
    return path.join(this.spoolDir ?? '', `${String(jobId).padStart(5, '0')}.SPL`);
  }

  private shdPath(jobId: number): string {
    return path.join(this.spoolDir ?? '', `${String(jobId).padStart(5, '0')}.SHD`);
  }

  private async saveShadow(job: PrintJob): Promise<void> {
    if (this.spoolDir === undefined) return;
    const shadow = { ...job, submitted: job.submitted.toISOString() };
    const tmp = `${this.shdPath(job.jobId)}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(shadow, null, 2));
    await fs.rename(tmp, this.shdPath(job.jobId));
  }
}
