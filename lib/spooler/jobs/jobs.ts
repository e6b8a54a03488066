/**
 * Jobs: the document calls on a printer handle (StartDocPrinter, StartPagePrinter, WritePrinter,
 * EndPagePrinter, EndDocPrinter, AbortPrinter), EnumJobs, GetJob and SetJob ([MS-RPRN]
 * 3.1.4.3.1) over the queue, with the events Windows logs for them. A queued or changed job
 * wakes the printing side; a cancelled one is taken off its device first.
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { AccessMask, JobControl } from '../../spoolss/constants';
import type { SetJobFields } from '../../spoolss/print-provider';
import type { DocInfo, JobInfo, PrinterHandle } from '../../spoolss/types';
import { accessDenied } from '../handles/access-denied';
import type { PrinterHandles } from '../handles/printer-handles';
import type { PrinterSecurityStore } from '../handles/printer-security-store';
import { printerNameOf, type PrinterTable } from '../printers/printer-table';
import type { Printing } from '../printing/printing';
import { readDword, readSz } from '../registry-values';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import { jobInfo } from './job-info';
import type { PrintJob } from './print-job';
import type { DamagedJob, PrintQueue, RecoveryReport } from './print-queue';

export interface JobsOptions {
  readonly handles: PrinterHandles;
  readonly printers: PrinterTable;
  readonly queue: PrintQueue;
  readonly security: PrinterSecurityStore;
  readonly printing: Printing;
  readonly events: PrintEventLog;
  readonly logger: Logger;
}

export class Jobs {
  constructor(private readonly o: JobsOptions) {}

  /** Reloads the spool folder; never-acknowledged jobs are discarded and logged (event 310). */
  async recover(): Promise<RecoveryReport> {
    const report = await this.o.queue.recover();
    const { events } = this.o;
    if (report.damagedState !== undefined) {
      // The counter is lost: ids also continue after every job the event log still names.
      const logged = events.recent().map((e) => Number(e.data.jobId ?? 0));
      this.o.queue.continueAfter(Math.max(0, ...logged.filter((n) => Number.isInteger(n))));
      const { reason, keptAs } = report.damagedState;
      events.write(
        PrintEventId.SPOOLER_INIT_FAILED,
        `Spooler state initialization failed at spooler-state.json. Error: the file is ${reason}. It was kept as ` +
          `${keptAs}; job ids continue after the jobs of the spool folder and of this log.`,
        { file: 'spooler-state.json', reason, keptAs },
        'error',
      );
    }
    for (const d of report.discarded) {
      const doc =
        d.printerName === ''
          ? `Document ${d.jobId} (an empty spool file without its shadow file)`
          : `Document ${d.jobId}, ${d.documentName} owned by ${d.userName},`;
      events.write(
        PrintEventId.DOCUMENT_DELETED,
        `${doc} was deleted${d.printerName === '' ? '' : ` on ${d.printerName}`}: it was never completely ` +
          `received (${d.size} bytes spooled) before the spooler stopped.`,
        {
          jobId: d.jobId,
          documentName: d.documentName,
          userName: d.userName,
          printerName: d.printerName,
          size: d.size,
        },
        'warning',
      );
    }
    for (const d of report.damaged) this.reportDamaged(d);
    return report;
  }

  /** Event 354 for a job recovered from its data, 372 for one kept aside unprinted (docs/spooler-decisions.md). */
  private reportDamaged(d: DamagedJob): void {
    const doc = `Document ${d.jobId}, ${d.documentName ?? '(name unknown)'} owned by ${d.userName ?? '(owner unknown)'}`;
    const data = {
      jobId: d.jobId,
      documentName: d.documentName ?? '',
      userName: d.userName ?? '',
      printerName: d.printerName ?? '',
      reason: d.reason,
      keptAs: d.keptAs.join(', '),
    };
    if (d.recovered) {
      this.o.events.write(
        PrintEventId.SPOOLER_INIT_FAILED,
        `Spool folder initialization failed at the shadow file of document ${d.jobId}. Error: ${d.reason}. ` +
          `${doc} was recovered from its spool file and queued again on ${d.printerName ?? ''}; the damaged ` +
          `file was kept as ${d.keptAs.join(', ')}.`,
        data,
        'warning',
      );
      return;
    }
    this.o.events.write(
      PrintEventId.DOCUMENT_FAILED,
      `${doc} failed to print on ${d.printerName ?? '(printer unknown)'}: its spool files are damaged ` +
        `(${d.reason}). They were kept as ${d.keptAs.join(', ')}; print the document again.`,
      data,
      'error',
    );
  }

  async startDocPrinter(handle: PrinterHandle, doc: DocInfo): Promise<number> {
    const state = this.o.handles.state(handle);
    if (handle.kind !== 'printer')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'StartDocPrinter needs a printer handle');
    this.o.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_USE, 'StartDocPrinter');
    if (state.activeJob !== undefined)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_STATE, 'a document is already started on this handle');
    const key = this.o.printers.require(handle.printerName ?? '');
    const job = await this.o.queue.createJob({
      printerName: printerNameOf(key),
      userName: state.caller.userName,
      machineName: state.caller.machineName ?? '',
      documentName: doc.documentName,
      datatype: doc.datatype ?? state.datatype ?? readSz(key, 'Datatype') ?? 'RAW',
      printProcessor: readSz(key, 'Print Processor') ?? 'winprint',
      driverName: readSz(key, 'Printer Driver') ?? '',
      ...(doc.outputFile !== undefined && { outputFile: doc.outputFile }),
      priority: readDword(key, 'Default Priority') || undefined,
    });
    state.activeJob = job.jobId;
    return job.jobId;
  }

  /**
   * ResetPrinter ([MS-RPRN] 3.1.4.2.13): the datatype and DEVMODE the handle's next documents
   * use (a NULL datatype: the printer's own again). The datatype must be one the printer's print
   * processor takes (`datatypes`), else ERROR_INVALID_DATATYPE (3.1.4.1.1); a DEVMODE whose
   * dmSize + dmDriverExtra is not its length is ERROR_INVALID_PARAMETER (DEVMODE_CONTAINER
   * parameters). No access check beyond the handle, as the section says.
   */
  resetPrinter(
    handle: PrinterHandle,
    datatype: string | undefined,
    devMode: Buffer | undefined,
    datatypes: (printProcessor: string) => readonly string[],
  ): void {
    const state = this.o.handles.state(handle);
    if (handle.kind !== 'printer')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'ResetPrinter needs a printer handle');
    const key = this.o.printers.require(handle.printerName ?? '');
    if (datatype !== undefined) {
      const takes = datatypes(readSz(key, 'Print Processor') ?? 'winprint');
      if (!takes.some((d) => d.toLowerCase() === datatype.toLowerCase()))
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_DATATYPE, `datatype "${datatype}" is not supported`);
    }
    if (devMode !== undefined && devMode.length > 0) {
      const declared = devMode.length >= 72 ? devMode.readUInt16LE(68) + devMode.readUInt16LE(70) : -1;
      if (declared !== devMode.length)
        throw new Win32Error(
          Win32ErrorCode.ERROR_INVALID_PARAMETER,
          `DEVMODE of ${devMode.length} bytes says ${declared}`,
        );
    }
    state.datatype = datatype;
    state.devMode = devMode !== undefined && devMode.length > 0 ? devMode : undefined;
  }

  startPagePrinter(handle: PrinterHandle): void {
    this.o.queue.addPage(this.o.handles.activeJob(handle));
  }

  async writePrinter(handle: PrinterHandle, data: Buffer): Promise<number> {
    const jobId = this.o.handles.activeJob(handle);
    if (!this.o.queue.get(jobId))
      throw new Win32Error(Win32ErrorCode.ERROR_PRINT_CANCELLED, `job ${jobId} was deleted`);
    return this.o.queue.write(jobId, data);
  }

  endPagePrinter(handle: PrinterHandle): void {
    this.o.handles.activeJob(handle);
  }

  async endDocPrinter(handle: PrinterHandle): Promise<void> {
    const state = this.o.handles.state(handle);
    const jobId = this.o.handles.activeJob(handle);
    state.activeJob = undefined;
    if (!this.o.queue.get(jobId)) return;
    await this.o.queue.complete(jobId);
    this.o.printing.kick();
  }

  async abortPrinter(handle: PrinterHandle): Promise<void> {
    const state = this.o.handles.state(handle);
    const jobId = this.o.handles.activeJob(handle);
    state.activeJob = undefined;
    if (this.o.queue.get(jobId)) await this.o.queue.delete(jobId);
  }

  /** ClosePrinter with a document still open on the handle ends the document, as Windows does. */
  async closeDocument(handle: PrinterHandle): Promise<void> {
    const state = this.o.handles.state(handle);
    if (state.activeJob !== undefined && this.o.queue.get(state.activeJob)) {
      await this.o.queue.complete(state.activeJob);
      this.o.printing.kick();
    }
  }

  enumJobs(handle: PrinterHandle, firstJob: number, count: number): JobInfo[] {
    this.o.handles.state(handle);
    const key = this.o.printers.require(handle.printerName ?? '');
    const jobs = this.o.queue.jobsFor(printerNameOf(key));
    return jobs.slice(firstJob, firstJob + count).map((j) => this.info(j, handle.serverName));
  }

  getJob(handle: PrinterHandle, jobId: number): JobInfo {
    this.o.handles.state(handle);
    return this.info(this.jobOnPrinter(handle, jobId), handle.serverName);
  }

  async setJob(handle: PrinterHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void> {
    const { queue, printing, events } = this.o;
    const state = this.o.handles.state(handle);
    const job = this.jobOnPrinter(handle, jobId);
    const hasFields =
      fields !== undefined &&
      (fields.priority !== undefined || fields.position !== undefined || fields.documentName !== undefined);
    // Changing a job's fields takes the same right as a command: the owner through CREATOR OWNER, or Manage Documents.
    if (command !== 0 || hasFields) {
      const rights = this.o.security.jobRights(job.printerName, state.caller, job.userName);
      if ((rights & AccessMask.JOB_ACCESS_ADMINISTER) === 0) {
        const target = `${job.printerName},Job ${jobId}`;
        throw accessDenied(this.o.logger, 'SetJob', target, state.caller, AccessMask.JOB_ACCESS_ADMINISTER);
      }
    }
    if (hasFields) {
      await queue.setFields(jobId, fields);
      this.o.logger.info('job fields set', { jobId, user: state.caller.userName, ...fields });
    }
    const doc = `Document ${jobId}, ${job.documentName} owned by ${job.userName}`;
    const data = { jobId, documentName: job.documentName, userName: job.userName, printerName: job.printerName };
    switch (command) {
      case JobControl.JOB_CONTROL_CANCEL:
      case JobControl.JOB_CONTROL_DELETE:
        await printing.stopJob(jobId, 'cancel');
        await queue.control(jobId, command);
        events.write(PrintEventId.DOCUMENT_DELETED, `${doc} was deleted by ${state.caller.userName}.`, data);
        break;
      case JobControl.JOB_CONTROL_RESTART:
        await printing.stopJob(jobId, 'restart');
        await queue.control(jobId, command);
        break;
      case JobControl.JOB_CONTROL_PAUSE:
        await queue.control(jobId, command);
        events.write(PrintEventId.DOCUMENT_PAUSED, `${doc} was paused by ${state.caller.userName}.`, data);
        break;
      case JobControl.JOB_CONTROL_RESUME:
        await queue.control(jobId, command);
        events.write(PrintEventId.DOCUMENT_RESUMED, `${doc} was resumed by ${state.caller.userName}.`, data);
        break;
      default:
        await queue.control(jobId, command);
    }
    printing.kick();
  }

  /** SetPrinter's PRINTER_CONTROL_PURGE: every job of the printer goes, printing ones taken off their device. */
  async purge(printerName: string): Promise<void> {
    for (const job of this.o.queue.jobsFor(printerName)) await this.o.printing.stopJob(job.jobId, 'cancel');
    await this.o.queue.purge(printerName);
  }

  /** A printer's jobs as the status view shows them. */
  jobsOf(printerName: string, serverName: string): JobInfo[] {
    return this.o.queue.jobsFor(printerName).map((j) => this.info(j, serverName));
  }

  private info(job: PrintJob, serverName: string): JobInfo {
    return jobInfo(job, serverName, this.o.queue, this.o.printing);
  }

  private jobOnPrinter(handle: PrinterHandle, jobId: number): PrintJob {
    const job = this.o.queue.get(jobId);
    if (
      !job ||
      (handle.printerName !== undefined && job.printerName.toLowerCase() !== handle.printerName.toLowerCase())
    ) {
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `no job ${jobId} on this printer`);
    }
    return job;
  }
}
