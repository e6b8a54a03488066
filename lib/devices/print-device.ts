/**
 * An emulated print device (the hardware behind a port): it takes one job at a time and
 * "prints" it at a configurable pages-per-minute rate into an output folder, spending paper and
 * toner per page. Faults (jam, paper out, toner out, door open, offline) can be injected and
 * cleared, as ippeveprinter lets a tester set printer-state-reasons; running out of paper or
 * toner raises the same faults by itself. A fault stops the device between pages until it is
 * cleared; the job waits at the device (Windows keeps a job at its port, see the pool timeout).
 *
 * It is also a network printer's SNMP source (PrinterMibSource): its agent serves the Printer
 * MIB from `mibSnapshot()` (device-mib.ts), so toner, trays, the page counter and the alerts
 * follow every page and fault.
 *
 * Output is written under a temporary name and renamed when the last page is out, so a device
 * that dies mid-job leaves no output file for that job: one output file per job id means it
 * printed exactly once. The temporary name is unique (`.job-NNNNN.prn.<hex>.partial`): an aborted
 * run still writing its output never shares it with the same job's next run.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/logger';
import type { SpoolerClock, SpoolerTimer } from '../common/clock';
import { PrinterStatus } from '../spoolss/constants';
import { DeviceJobLog } from './device-job-log';
import { DEVICE_FAULTS, DeviceFault, faultStatus } from './device-fault';
import { deviceMibSnapshot } from './device-mib';
import type { PrinterMibSnapshot, PrinterMibSource } from './snmp/printer-mib-source';
import {
  consumePage,
  createSupplies,
  isPaperOut,
  isTonerLow,
  isTonerOut,
  refillPaper,
  replaceToner,
  tonerPercent,
  type SuppliesSettings,
  type SuppliesState,
} from './supplies';

export { DEVICE_FAULTS, DeviceFault } from './device-fault';

export interface PrintDeviceSettings {
  readonly name: string;
  /** Pages per minute (default 20). */
  readonly ppm?: number;
  readonly outputDir: string;
  readonly supplies?: SuppliesSettings;
}

export interface DeviceJob {
  readonly jobId: number;
  readonly documentName: string;
  /** The job's owner, when the host says (LPR's P line). */
  readonly userName?: string;
  readonly data: Buffer;
  readonly pages: number;
}

export type DeviceOutcome =
  | { readonly outcome: 'printed'; readonly pages: number; readonly outputFile: string }
  | { readonly outcome: 'aborted'; readonly pagesPrinted: number };

export interface DeviceSnapshot {
  readonly name: string;
  readonly ppm: number;
  readonly outputDir: string;
  readonly state: 'idle' | 'printing' | 'stopped';
  readonly faults: readonly DeviceFault[];
  readonly status: number;
  readonly currentJob?: { readonly jobId: number; readonly pagesPrinted: number; readonly pages: number };
  readonly tonerPercent: number;
  readonly trays: readonly {
    readonly name: string;
    readonly mediaName: string;
    readonly sheets: number;
    readonly capacity: number;
  }[];
  readonly pagesPrinted: number;
  /** The device's own web page (lib/devices/web), when it serves one. */
  readonly webPage?: string;
}

/** What a device remembers across restarts (`<stateDir>/devices.json`). */
export interface DeviceState {
  readonly ppm: number;
  readonly supplies: SuppliesState;
  readonly faults: readonly DeviceFault[];
  readonly pagesPrinted: number;
  /**
   * Job numbers given to jobs that came without one (RAW, LPD), so that a device plugged in again
   * or restarted goes on numbering and does not overwrite its earlier output files. Absent in a
   * devices.json written before it was saved: 0.
   */
  readonly deviceJobs?: number;
}

/** Output file of a job: the name says which job it is. */
export function outputFileName(jobId: number): string {
  return `job-${String(jobId).padStart(5, '0')}.prn`;
}

interface Running {
  readonly job: DeviceJob;
  pagesPrinted: number;
  timer?: SpoolerTimer;
  aborted: boolean;
  resolve: (o: DeviceOutcome) => void;
}

/** Job numbers a device gives jobs that arrive without the spooler's job id (a tool printing to it directly). */
const FIRST_DEVICE_JOB_ID = 90001;

export class PrintDevice implements PrinterMibSource {
  readonly name: string;
  readonly outputDir: string;
  ppm: number;
  readonly supplies: SuppliesState;
  /** The jobs this device took, newest first (its web page lists them). */
  readonly jobLog = new DeviceJobLog();
  /** Set by the device's web page server once it listens. */
  webPage: string | undefined;
  private readonly injected = new Set<DeviceFault>();
  private running: Running | undefined;
  private totalPages = 0;
  private readonly listeners = new Set<() => void>();
  private finishing: Promise<void> | undefined;
  private deviceJobs = 0;

  constructor(
    settings: PrintDeviceSettings,
    private readonly clock: SpoolerClock,
    private readonly logger: Logger,
    state?: DeviceState,
  ) {
    this.name = settings.name;
    this.outputDir = settings.outputDir;
    this.ppm = state?.ppm ?? settings.ppm ?? 20;
    this.supplies = state?.supplies ?? createSupplies(settings.supplies);
    for (const f of state?.faults ?? []) this.injected.add(f);
    this.totalPages = state?.pagesPrinted ?? 0;
    const given = state?.deviceJobs;
    this.deviceJobs = typeof given === 'number' && Number.isSafeInteger(given) && given > 0 ? given : 0;
  }

  /** Called on every change of state (page out, fault, clear, job end). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Faults now: injected ones plus those the supplies cause. */
  get faults(): DeviceFault[] {
    const out = new Set(this.injected);
    if (isPaperOut(this.supplies)) out.add(DeviceFault.PAPER_OUT);
    if (isTonerOut(this.supplies)) out.add(DeviceFault.TONER_OUT);
    return DEVICE_FAULTS.filter((f) => out.has(f));
  }

  /** PRINTER_STATUS_* bits of this device. */
  get status(): number {
    let s = faultStatus(this.faults);
    if (isTonerLow(this.supplies)) s |= PrinterStatus.PRINTER_STATUS_TONER_LOW;
    if (this.running) s |= PrinterStatus.PRINTER_STATUS_PRINTING | PrinterStatus.PRINTER_STATUS_IO_ACTIVE;
    return s >>> 0;
  }

  get stopped(): boolean {
    return this.faults.length > 0;
  }

  /** What the device's SNMP agent serves (the Printer MIB follows every page and fault). */
  mibSnapshot(): PrinterMibSnapshot {
    return deviceMibSnapshot({
      name: this.name,
      ppm: this.ppm,
      faults: this.faults,
      printing: this.running !== undefined,
      supplies: this.supplies,
      pagesPrinted: this.totalPages,
    });
  }

  /** A job number for a job that came without one (RAW or LPR from a tool, not the spooler). */
  nextDeviceJobId(): number {
    return FIRST_DEVICE_JOB_ID + this.deviceJobs++;
  }

  state(): DeviceState {
    return {
      ppm: this.ppm,
      supplies: this.supplies,
      faults: [...this.injected],
      pagesPrinted: this.totalPages,
      deviceJobs: this.deviceJobs,
    };
  }

  snapshot(): DeviceSnapshot {
    return {
      name: this.name,
      ppm: this.ppm,
      outputDir: this.outputDir,
      state: this.stopped ? 'stopped' : this.running ? 'printing' : 'idle',
      faults: this.faults,
      status: this.status,
      ...(this.running && {
        currentJob: {
          jobId: this.running.job.jobId,
          pagesPrinted: this.running.pagesPrinted,
          pages: this.running.job.pages,
        },
      }),
      tonerPercent: tonerPercent(this.supplies),
      trays: this.supplies.trays.map((t) => ({ ...t })),
      pagesPrinted: this.totalPages,
      ...(this.webPage !== undefined && { webPage: this.webPage }),
    };
  }

  injectFault(fault: DeviceFault): void {
    this.injected.add(fault);
    this.logger.warn('device fault', { device: this.name, fault });
    this.changed();
  }

  /** Clears one fault (or all); clearing paper-out loads paper, toner-out fits a new cartridge. */
  clearFault(fault?: DeviceFault): void {
    const which = fault ? [fault] : [...DEVICE_FAULTS];
    for (const f of which) {
      this.injected.delete(f);
      if (f === DeviceFault.PAPER_OUT) refillPaper(this.supplies);
      if (f === DeviceFault.TONER_OUT && isTonerOut(this.supplies)) replaceToner(this.supplies);
    }
    this.logger.info('device fault cleared', { device: this.name, fault: fault ?? 'all' });
    this.changed();
    this.resumeIfWaiting();
  }

  /** Prints a job; resolves when the last page is out (or the job was aborted). */
  print(job: DeviceJob): Promise<DeviceOutcome> {
    if (this.running) throw new Error(`device ${this.name} is busy with job ${this.running.job.jobId}`);
    const started = new Date(this.clock.now()).toISOString();
    const done = new Promise<DeviceOutcome>((resolve) => {
      this.running = { job, pagesPrinted: 0, aborted: false, resolve };
      this.logger.info('device printing', { device: this.name, jobId: job.jobId, pages: job.pages });
      this.changed();
      this.nextPage();
    });
    void done.then((o) => {
      const pagesPrinted = o.outcome === 'printed' ? o.pages : o.pagesPrinted;
      const { jobId, documentName, pages } = job;
      const finished = new Date(this.clock.now()).toISOString();
      this.jobLog.add({ jobId, documentName, pages, pagesPrinted, outcome: o.outcome, started, finished });
    });
    return done;
  }

  /** Stops the current job; its partial output is discarded. */
  abort(): void {
    const r = this.running;
    if (!r) return;
    r.aborted = true;
    r.timer?.cancel();
    this.running = undefined;
    this.logger.info('device job aborted', { device: this.name, jobId: r.job.jobId, pagesPrinted: r.pagesPrinted });
    this.changed();
    r.resolve({ outcome: 'aborted', pagesPrinted: r.pagesPrinted });
  }

  /** True while output is being written (for settling simulated time). */
  get writing(): boolean {
    return this.finishing !== undefined;
  }

  /** Resolves when no output write is in flight. */
  async whenIdle(): Promise<void> {
    while (this.finishing) await this.finishing.catch(() => undefined);
  }

  get currentJobId(): number | undefined {
    return this.running?.job.jobId;
  }

  private pageMs(): number {
    return Math.round(60_000 / Math.max(0.001, this.ppm));
  }

  private nextPage(): void {
    const r = this.running;
    if (!r || r.aborted || r.timer) return;
    if (r.pagesPrinted >= r.job.pages) {
      const f = this.finish(r).finally(() => {
        if (this.finishing === f) this.finishing = undefined;
      });
      this.finishing = f;
      return;
    }
    // A stopped device waits between pages; clearFault resumes it.
    if (this.stopped) return;
    r.timer = this.clock.setTimer(this.pageMs(), () => {
      r.timer = undefined;
      if (r.aborted) return;
      if (this.stopped || !consumePage(this.supplies)) {
        // The fault came while the page was in the engine: it comes out again once cleared.
        this.changed();
        return;
      }
      r.pagesPrinted++;
      this.totalPages++;
      this.changed();
      this.nextPage();
    });
  }

  private resumeIfWaiting(): void {
    if (this.running && !this.running.timer) this.nextPage();
  }

  private async finish(r: Running): Promise<void> {
    const final = path.join(this.outputDir, outputFileName(r.job.jobId));
    const partial = path.join(
      this.outputDir,
      `.${outputFileName(r.job.jobId)}.${randomBytes(6).toString('hex')}.partial`,
    );
    await fs.mkdir(this.outputDir, { recursive: true });
    const fh = await fs.open(partial, 'w');
    try {
      await fh.writeFile(r.job.data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (r.aborted) {
      await fs.rm(partial, { force: true });
      return;
    }
    await fs.rename(partial, final);
    this.running = undefined;
    this.logger.info('device printed', { device: this.name, jobId: r.job.jobId, pages: r.job.pages, file: final });
    this.changed();
    r.resolve({ outcome: 'printed', pages: r.job.pages, outputFile: final });
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
