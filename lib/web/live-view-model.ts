/**
 * The live view's content for one signed-in user, read through the spooler's window: the
 * printers EnumPrinters gives this caller, each with its settings, status, hours, pool and
 * queue (OpenPrinter with MAXIMUM_ALLOWED, then EnumJobs: what the handle was granted says
 * whether the user has Manage Printer), the devices behind its ports, and the event log when
 * the user may read it.
 *
 * A reader keeps its printer handles open while a page follows the state (as the print queue
 * window of Windows keeps its printer open), so each update is one EnumPrinters and one EnumJobs
 * per printer, with no OpenPrinter in between. Job controls are offered on every job, as the
 * print queue window does; SetJob decides (owner or Manage Documents).
 */
import { Win32Error } from '../common/errors';
import { Win32ErrorCode } from '../common/status/win32-error';
import type { PortDevice } from '../spooler/print-server';
import { flagNames, printerSummary, type PrinterSummary } from '../spooler/control/printer-summary';
import type { PrintEvent } from '../spooler/services/event-log';
import { AccessMask, JobStatus, PrinterEnum, PrinterStatus } from '../spoolss/constants';
import { parsePrinterName } from '../spoolss/printer-name';
import type { CallerContext, JobInfo, PrinterHandle, PrinterInfo } from '../spoolss/types';
import type { SpoolerWindow } from './spooler-window';
import { mayReadEventLog } from './web-caller';

export interface LiveJob {
  readonly jobId: number;
  readonly documentName: string;
  readonly userName: string;
  readonly machineName: string;
  readonly status: number;
  /** JOB_STATUS_* names of `status`. */
  readonly statusNames: readonly string[];
  readonly pagesPrinted: number;
  readonly totalPages: number;
  readonly size: number;
  /** ISO 8601, UTC. */
  readonly submitted: string;
  readonly position: number;
  readonly priority: number;
  /** The signed-in user submitted it. */
  readonly mine: boolean;
}

/** A device as the view shows it: what its port monitor knows of it. */
export type LiveDevice = PortDevice;

export interface LivePrinter extends PrinterSummary {
  readonly paused: boolean;
  /** The user's handle was granted PRINTER_ACCESS_ADMINISTER (Manage Printer). */
  readonly canManagePrinter: boolean;
  readonly jobs: readonly LiveJob[];
  readonly devices: readonly LiveDevice[];
}

export interface LiveView {
  readonly serverName: string;
  readonly user: { readonly name: string; readonly groups: readonly string[]; readonly administrator: boolean };
  readonly printers: readonly LivePrinter[];
  /** Newest first; absent when the user may not read the event log. */
  readonly events?: readonly PrintEvent[];
}

export interface LiveViewReaderOptions {
  /** Events shown (default 50). */
  readonly events?: number;
  /** Jobs listed per printer (default 200). */
  readonly maxJobs?: number;
}

export class LiveViewReader {
  /** Open printer handles, by the name EnumPrinters gave. */
  private readonly handles = new Map<string, PrinterHandle>();
  private closed = false;

  constructor(
    private readonly window: SpoolerWindow,
    private readonly caller: CallerContext,
    private readonly options: LiveViewReaderOptions = {},
  ) {}

  async read(): Promise<LiveView> {
    const { provider } = this.window;
    const infos = await provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, this.caller);
    const printers: LivePrinter[] = [];
    for (const info of infos) printers.push(await this.printer(info));
    // Printers this caller no longer sees (deleted, or access taken away): their handles go.
    const seen = new Set(infos.map((i) => i.printerName));
    for (const name of [...this.handles.keys()]) if (!seen.has(name)) await this.drop(name);
    const canReadLog = mayReadEventLog(this.caller);
    return {
      serverName: this.window.serverName,
      user: { name: this.caller.userName, groups: this.caller.groups, administrator: this.caller.isAdministrator },
      printers,
      ...(canReadLog && { events: [...this.window.recentEvents(this.options.events ?? 50)].reverse() }),
    };
  }

  /** Closes the reader's printer handles. */
  async close(): Promise<void> {
    this.closed = true;
    for (const name of [...this.handles.keys()]) await this.drop(name);
  }

  private async printer(info: PrinterInfo): Promise<LivePrinter> {
    const name = parsePrinterName(info.printerName).printer ?? info.printerName;
    const handle = await this.handle(info.printerName);
    const jobs = handle ? await this.jobs(info.printerName, handle) : [];
    const now = this.window.now();
    return {
      ...printerSummary(name, info, now),
      paused: (info.status & PrinterStatus.PRINTER_STATUS_PAUSED) !== 0,
      canManagePrinter: handle !== undefined && (handle.grantedAccess & AccessMask.PRINTER_ACCESS_ADMINISTER) !== 0,
      jobs: jobs.map((j) => this.job(j)),
      devices: this.window.devicesOf(name),
    };
  }

  private job(j: JobInfo): LiveJob {
    return {
      jobId: j.jobId,
      documentName: j.documentName,
      userName: j.userName,
      machineName: j.machineName,
      status: j.status,
      statusNames: flagNames(JobStatus, j.status),
      pagesPrinted: j.pagesPrinted,
      totalPages: j.totalPages,
      size: j.size,
      submitted: j.submitted.toISOString(),
      position: j.position,
      priority: j.priority,
      mine: j.userName.toLowerCase() === this.caller.userName.toLowerCase(),
    };
  }

  /** The reader's handle on a printer, opened with the most this caller may hold; undefined if refused. */
  private async handle(printerName: string): Promise<PrinterHandle | undefined> {
    const open = this.handles.get(printerName);
    if (open) return open;
    if (this.closed) return undefined;
    try {
      const handle = await this.window.provider.openPrinter(
        printerName,
        { desiredAccess: AccessMask.MAXIMUM_ALLOWED },
        this.caller,
      );
      if (this.closed) {
        // Closed while OpenPrinter was in flight: nobody will close this handle later.
        await this.window.provider.closePrinter(handle);
        return undefined;
      }
      this.handles.set(printerName, handle);
      return handle;
    } catch (err) {
      if (err instanceof Win32Error) return undefined;
      throw err;
    }
  }

  private async jobs(printerName: string, handle: PrinterHandle): Promise<JobInfo[]> {
    try {
      return await this.window.provider.enumJobs(handle, 0, this.options.maxJobs ?? 200);
    } catch (err) {
      // The handle went away (the printer was deleted, the spooler restarted it): open again next time.
      if (err instanceof Win32Error && err.win32 === Win32ErrorCode.ERROR_INVALID_HANDLE) {
        this.handles.delete(printerName);
        return [];
      }
      throw err;
    }
  }

  private async drop(printerName: string): Promise<void> {
    const handle = this.handles.get(printerName);
    this.handles.delete(printerName);
    if (handle) await this.window.provider.closePrinter(handle).catch(() => undefined);
  }
}
