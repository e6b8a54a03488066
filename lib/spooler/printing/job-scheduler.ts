/**
 * The spooler's dispatcher: it sends jobs one at a time per device, as the course says ("il
 * envoie les travaux 1 par 1 au périphérique d'impression").
 *
 * - Which job: among completely spooled jobs that are not paused, of printers that are not
 *   paused, not WORK_OFFLINE and inside their hours of availability: highest printer Priority
 *   first (several printers may share a port), then highest job priority, then queue order
 *   (arrival, unless SetJob moved a job).
 * - Which device: the first idle, working device in the printer's port order (a pool; the
 *   Windows rule, see docs/spooler-decisions.md). "Working" is what the port monitor says
 *   (ports/port-status.ts): a network printer whose SNMP status reports a fault, or that does
 *   not answer, gets no job until a poll says it is ready again (as Windows holds jobs while
 *   an SNMP print-blocking error lasts); a port without SNMP status always looks ready.
 * - A device that stops mid-job (jam, paper out, offline ...) keeps the job; on a pool, after
 *   RestartJobOnPoolError the job is taken back from that port and restarted on another one,
 *   unless the fault cleared sooner (RestartJobOnPoolEnabled = 0 turns this off).
 * - A port that dropped a job by itself (refused connection, busy device, LPD refusal) gets no
 *   job for PORT_RETRY_MS; the job waits and is sent again.
 */
import type { SpoolerClock, SpoolerTimer } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { countPages } from '../../devices/page-count';
import type { DeviceOutcome } from '../../devices/print-device';
import { JobStatus, PrinterAttribute, PrinterStatus } from '../../spoolss/constants';
import type { PortMonitors } from '../ports/port-monitor';
import type { PortSend } from '../ports/port-send';
import type { PortTarget } from '../ports/port-target';
import type { PrintJob } from '../jobs/print-job';
import type { PrintQueue } from '../jobs/print-queue';
import { portsOf, type PrinterTable, type SchedulablePrinter } from '../printers/printer-table';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import type { UsageStats } from '../services/usage-stats';
import { isAvailable, msUntilAvailable } from './availability';
import type { SeparatorPages } from './separator-pages';

export interface JobSchedulerOptions {
  readonly clock: SpoolerClock;
  readonly queue: PrintQueue;
  /** The printers, read on each pass (paused, offline, hours, priority, ports). */
  readonly printers: PrinterTable;
  /** The ports with a device behind them. */
  readonly monitors: PortMonitors;
  /**
   * The printers' separator pages (sent to the device ahead of the job's bytes; their pages
   * count on the device, not in the job's TotalPages/PagesPrinted).
   */
  readonly separators: SeparatorPages;
  /** Where a printed job is recorded: event 307 ... */
  readonly events: PrintEventLog;
  /** ... and the usage statistics. */
  readonly usage: UsageStats;
  readonly logger: Logger;
  /** Milliseconds (Windows stores seconds) a pool job waits at a failed device before moving. */
  readonly restartJobOnPoolErrorMs: number;
  readonly restartJobOnPoolEnabled: boolean;
}

type StopReason = 'cancel' | 'restart' | 'redirect' | 'shutdown';

/** How long a port that dropped a job by itself rests before it is tried again. */
export const PORT_RETRY_MS = 5000;

interface ActiveJob {
  readonly jobId: number;
  readonly printerName: string;
  readonly target: PortTarget;
  readonly pages: number;
  /** Device pages taken by the separator page ahead of the job. */
  readonly separatorPages: number;
  readonly send: PortSend;
  poolTimer?: SpoolerTimer;
  stop?: StopReason;
}

export class JobScheduler {
  private readonly active = new Map<number, ActiveJob>();
  private work: Promise<void> = Promise.resolve();
  private pending = 0;
  private windowTimer: SpoolerTimer | undefined;
  private stopped = false;
  private readonly unsubscribe: (() => void)[] = [];
  /** Ports resting after a failure, and the timer that ends the rest. */
  private readonly resting = new Map<string, SpoolerTimer>();

  constructor(private readonly o: JobSchedulerOptions) {}

  /** Watches what a port's monitor says of its device — once per port. */
  watch(target: PortTarget): void {
    this.unsubscribe.push(target.onStatusChange(() => this.portChanged(target)));
  }

  /** Runs a dispatch pass after the work already queued. */
  kick(): void {
    if (this.stopped) return;
    this.enqueue(() => this.dispatch());
  }

  /** Resolves when no dispatch or job bookkeeping is in flight (tests settle virtual time on it). */
  async whenIdle(): Promise<boolean> {
    let waited = false;
    for (let i = 0; i < 10 && this.pending > 0; i++) {
      waited = true;
      await this.work;
    }
    return waited;
  }

  /** The job on a device, if any. */
  activeJob(
    jobId: number,
  ): { readonly portName: string; readonly pagesPrinted: number; readonly pages: number } | undefined {
    const a = this.active.get(jobId);
    if (!a) return undefined;
    return {
      portName: a.target.portName,
      // What the port saw come out, less the separator page ahead of the job.
      pagesPrinted: Math.max(0, a.send.pagesPrinted() - a.separatorPages),
      pages: a.pages,
    };
  }

  /** The job on a port's device, if any. */
  jobAt(
    portName: string,
  ): { readonly jobId: number; readonly pagesPrinted: number; readonly pages: number } | undefined {
    const a = [...this.active.values()].find((x) => same(x.target.portName, portName));
    const at = a && this.activeJob(a.jobId);
    return a && at ? { jobId: a.jobId, pagesPrinted: at.pagesPrinted, pages: at.pages } : undefined;
  }

  portBusy(portName: string): boolean {
    return [...this.active.values()].some((a) => same(a.target.portName, portName));
  }

  /** Takes a job off its device (cancel, restart); resolves when the device let go of it. */
  async stopJob(jobId: number, reason: 'cancel' | 'restart'): Promise<void> {
    const a = this.active.get(jobId);
    if (!a) return;
    a.stop = reason;
    a.send.abort();
    await a.send.done;
    await this.whenIdle();
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    this.windowTimer?.cancel();
    for (const t of this.resting.values()) t.cancel();
    for (const u of this.unsubscribe) u();
    for (const a of this.active.values()) {
      a.stop = 'shutdown';
      a.poolTimer?.cancel();
      a.send.abort();
    }
    await Promise.all([...this.active.values()].map((a) => a.send.done));
    await this.whenIdle();
  }

  private enqueue(fn: () => Promise<void>): void {
    this.pending++;
    this.work = this.work
      .then(fn)
      .catch((err: unknown) => {
        this.o.logger.error('scheduler error', { error: String(err) });
      })
      .finally(() => {
        this.pending--;
      });
  }

  private eligible(job: PrintJob, printer: SchedulablePrinter): boolean {
    const blocked =
      JobStatus.JOB_STATUS_SPOOLING |
      JobStatus.JOB_STATUS_PAUSED |
      JobStatus.JOB_STATUS_PRINTING |
      JobStatus.JOB_STATUS_PRINTED |
      JobStatus.JOB_STATUS_DELETING |
      JobStatus.JOB_STATUS_RETAINED;
    return (job.status & blocked) === 0 && !this.active.has(job.jobId) && same(job.printerName, printer.name);
  }

  private async dispatch(): Promise<void> {
    if (this.stopped) return;
    const now = this.o.clock.now();
    let nextWindow: number | undefined;
    const candidates: { job: PrintJob; printer: SchedulablePrinter }[] = [];
    for (const printer of this.o.printers.schedulable()) {
      if (printer.status & PrinterStatus.PRINTER_STATUS_PAUSED) continue;
      if (printer.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_WORK_OFFLINE) continue;
      const jobs = this.o.queue.jobsFor(printer.name).filter((j) => this.eligible(j, printer));
      if (jobs.length === 0) continue;
      if (!isAvailable(printer.startTime, printer.untilTime, now)) {
        // Accepted, spooled, and held until the window opens.
        const wait = msUntilAvailable(printer.startTime, printer.untilTime, now);
        nextWindow = nextWindow === undefined ? wait : Math.min(nextWindow, wait);
        continue;
      }
      for (const job of jobs) candidates.push({ job, printer });
    }
    candidates.sort(
      (a, b) =>
        b.printer.priority - a.printer.priority ||
        b.job.priority - a.job.priority ||
        // Queue order: submission order, as SetJob's Position may have changed it.
        this.o.queue.orderOf(a.job) - this.o.queue.orderOf(b.job),
    );
    for (const { job, printer } of candidates) {
      const target = this.pickPort(job, printer);
      if (target) await this.start(job, printer, target);
    }
    this.windowTimer?.cancel();
    this.windowTimer = undefined;
    if (nextWindow !== undefined) this.windowTimer = this.o.clock.setTimer(nextWindow, () => this.kick());
  }

  private pickPort(job: PrintJob, printer: SchedulablePrinter): PortTarget | undefined {
    const usable = printer.ports.map((p) => this.o.monitors.port(p)).filter((t): t is PortTarget => t !== undefined);
    let excluded = (job.excludedPorts ?? []).map((p) => p.toLowerCase());
    // Every port already failed this job: any of them may try again.
    if (usable.every((t) => excluded.includes(t.portName.toLowerCase()))) excluded = [];
    return usable.find(
      (t) =>
        !excluded.includes(t.portName.toLowerCase()) &&
        !this.portBusy(t.portName) &&
        !this.resting.has(t.portName.toLowerCase()) &&
        !t.status().blocked,
    );
  }

  private async start(job: PrintJob, printer: SchedulablePrinter, target: PortTarget): Promise<void> {
    const data = await this.o.queue.readData(job.jobId);
    const pages = countPages(data, job.totalPages);
    job.totalPages = pages;
    const separator = await this.o.separators.forJob(job, printer.name);
    const separatorPages = separator?.pages ?? 0;
    await this.o.queue.markPrinting(job.jobId, target.portName);
    const send = target.send({
      jobId: job.jobId,
      documentName: job.documentName,
      userName: job.userName,
      data: separator ? Buffer.concat([separator.data, data]) : data,
      pages: pages + separatorPages,
    });
    const a: ActiveJob = { jobId: job.jobId, printerName: printer.name, target, pages, separatorPages, send };
    this.active.set(job.jobId, a);
    this.o.logger.info('job sent to port', { jobId: job.jobId, printer: printer.name, port: target.portName, pages });
    void send.done.then((outcome) => this.enqueue(() => this.finished(a, job, outcome)));
  }

  private async finished(a: ActiveJob, job: PrintJob, outcome: DeviceOutcome): Promise<void> {
    a.poolTimer?.cancel();
    this.active.delete(a.jobId);
    if (a.stop === 'shutdown') return;
    if (outcome.outcome === 'printed') {
      const keep = this.o.printers.keepsPrinted(a.printerName);
      // The job's own pages: Windows does not count the separator page in TotalPages.
      const pages = Math.max(0, outcome.pages - a.separatorPages);
      await this.o.queue.markPrinted(a.jobId, pages, keep);
      this.recordPrinted(job, a.target.portName, pages);
    } else if (a.stop === 'redirect') {
      await this.o.queue.requeue(a.jobId, a.target.portName);
    } else if (a.stop === 'restart') {
      await this.o.queue.requeue(a.jobId);
    } else if (a.stop === undefined) {
      // The port dropped the job by itself: it prints again from the start, after the port rests.
      await this.o.queue.requeue(a.jobId);
      this.rest(a.target);
    }
    await this.dispatch();
  }

  /** The job came out: event 307, the usage statistics and the printer's totals count it. */
  private recordPrinted(job: PrintJob, portName: string, pages: number): void {
    this.o.events.documentPrinted({
      jobId: job.jobId,
      status: 0,
      documentName: job.documentName,
      userName: job.userName,
      machineName: job.machineName,
      printerName: job.printerName,
      portName,
      size: job.size,
      totalPages: pages,
    });
    this.o.usage.record(job.printerName, job.userName, pages, job.size);
    this.o.printers.countPrinted(job.printerName, pages, job.size);
  }

  private rest(target: PortTarget): void {
    const key = target.portName.toLowerCase();
    if (this.stopped || this.resting.has(key)) return;
    this.o.logger.warn('port failed a job: it rests before the next try', {
      port: target.portName,
      ms: PORT_RETRY_MS,
    });
    this.resting.set(
      key,
      this.o.clock.setTimer(PORT_RETRY_MS, () => {
        this.resting.delete(key);
        this.kick();
      }),
    );
  }

  private portChanged(target: PortTarget): void {
    const blocked = target.status().blocked;
    const a = [...this.active.values()].find((x) => x.target === target);
    if (a) {
      const printer = this.o.printers.find(a.printerName);
      const pool = printer !== undefined && portsOf(printer).length > 1;
      if (blocked && pool && this.o.restartJobOnPoolEnabled && !a.poolTimer) {
        a.poolTimer = this.o.clock.setTimer(this.o.restartJobOnPoolErrorMs, () => this.poolTimeout(a));
      } else if (!blocked && a.poolTimer) {
        // The error cleared sooner: printing goes on at the same port.
        a.poolTimer.cancel();
        a.poolTimer = undefined;
      }
    }
    if (!blocked && !this.portBusy(target.portName)) this.kick();
  }

  private poolTimeout(a: ActiveJob): void {
    a.poolTimer = undefined;
    if (!this.active.has(a.jobId) || !a.target.status().blocked) return;
    a.stop = 'redirect';
    this.o.events.write(
      PrintEventId.DOCUMENT_TIMED_OUT,
      `Document ${a.jobId} on ${a.printerName} waited ${Math.round(this.o.restartJobOnPoolErrorMs / 1000)} s at port ` +
        `${a.target.portName} (${describeBlock(a.target)}); it is restarted on another port of the pool.`,
      { jobId: a.jobId, printerName: a.printerName, portName: a.target.portName },
      'warning',
    );
    a.send.abort();
  }
}

/** Why a port's device holds its job, as its monitor says. */
function describeBlock(target: PortTarget): string {
  const s = target.status();
  if (s.faults.length > 0) return s.faults.join(', ');
  return s.state === 'unknown' ? 'not answering' : 'stopped';
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
