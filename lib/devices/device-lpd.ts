/**
 * A network print device's LPD (RFC 1179), beside its RAW listener: it takes jobs for any queue
 * name, as printers' LPD services do, and spools them in its memory. The connection closes as
 * soon as the job is received (the sender's job is then done, as Windows' LPR port sees it);
 * the device prints spooled jobs one after another, when it is free of other work.
 *
 * A job's data files are printed as one device job, in the order its control file prints them.
 * A data file that carries the spooler's PJL wrapper names the job (its output file) and its
 * page count; anything else (rlpr, lpr) is printed as it came, byte for byte, under a device
 * job number. The spool is bounded: a receive-job command beyond it is refused.
 */
import type { Logger } from '../common/logger';
import type { LpdJob } from './lpr/lpd-connection';
import { LpdReceiver } from './lpr/lpd-receiver';
import { countPages } from './page-count';
import { unwrapPjlJob } from './pjl';
import type { DeviceJob, PrintDevice } from './print-device';

/** Jobs a device keeps in its LPD spool (received and not printed yet, the one printing included). */
export const MAX_SPOOLED_LPD_JOBS = 32;

export class DeviceLpd {
  private readonly receiver: LpdReceiver;
  private readonly spooled: DeviceJob[] = [];
  private printing: DeviceJob | undefined;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly device: PrintDevice,
    private readonly logger: Logger,
  ) {
    this.receiver = new LpdReceiver({
      queues: (queue) => !this.closed && queue !== '' && this.pending < MAX_SPOOLED_LPD_JOBS,
      onJob: (job) => this.spool(job),
      logger,
    });
    this.unsubscribe = device.onChange(() => this.printNext());
  }

  listen(port: number, host: string): Promise<{ host: string; port: number }> {
    return this.receiver.listen(port, host);
  }

  /** Jobs received and not printed yet, the one printing included. */
  get pending(): number {
    return this.spooled.length + (this.printing ? 1 : 0);
  }

  /** Stops listening; spooled jobs are dropped and the one printing is stopped, as at power-off. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.spooled.length = 0;
    const current = this.printing;
    if (current && this.device.currentJobId === current.jobId) this.device.abort();
    await this.receiver.close();
  }

  private spool(job: LpdJob): void {
    const files = new Map(job.dataFiles.map((f) => [f.name, f.data]));
    const order = job.controlFile.prints.map((p) => p.dataFile);
    const bytes = Buffer.concat(order.flatMap((name) => files.get(name) ?? []));
    const unwrapped = unwrapPjlJob(bytes);
    const named =
      unwrapped.jobName !== undefined && /^\d+$/.test(unwrapped.jobName) ? Number(unwrapped.jobName) : undefined;
    const deviceJob: DeviceJob = {
      jobId: named ?? this.device.nextDeviceJobId(),
      documentName: job.controlFile.jobName ?? job.controlFile.sourceName ?? '',
      data: unwrapped.data,
      pages: countPages(unwrapped.data, unwrapped.totalPages ?? 0),
    };
    this.spooled.push(deviceJob);
    this.logger.info('LPD job spooled at the device', {
      device: this.device.name,
      queue: job.queue,
      jobId: deviceJob.jobId,
      pages: deviceJob.pages,
    });
    this.printNext();
  }

  /** Starts the next spooled job when the device is free (called again on every device change). */
  private printNext(): void {
    if (this.closed || this.printing || this.device.busy) return;
    const job = this.spooled.shift();
    if (!job) return;
    this.printing = job;
    this.device
      .print(job)
      .catch((err: unknown) => {
        this.logger.error('LPD job failed at the device', { device: this.device.name, error: String(err) });
      })
      .finally(() => {
        this.printing = undefined;
        this.printNext();
      });
  }
}
