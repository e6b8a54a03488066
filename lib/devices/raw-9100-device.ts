/**
 * A network print device: an emulated PrintDevice behind a RAW (JetDirect/AppSocket) TCP
 * listener on loopback, as a "network printer" with its own network interface. One connection
 * is one job: the host sends the bytes and half-closes; the device prints them and answers
 * `@PJL USTATUS JOB END` before closing. When the job asked for page status (PJL USTATUS
 * PAGE=ON) it also sends `@PJL USTATUS PAGE` as each page comes out. A host that drops the
 * connection before the end aborts the job on the device.
 */
import net from 'node:net';
import type { Logger } from '../common/logger';
import { countPages } from './page-count';
import { unwrapPjlJob, ustatusJobEnd, ustatusPage } from './pjl';
import type { PrintDevice } from './print-device';

export class Raw9100Device {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly device: PrintDevice,
    private readonly logger: Logger,
  ) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as net.AddressInfo;
    this.logger.info('RAW device listening', { device: this.device.name, host: addr.address, port: addr.port });
    return { host: addr.address, port: addr.port };
  }

  /** Stops listening and drops the hosts connected; resolves once their jobs are aborted at the device. */
  async close(): Promise<void> {
    const closing = [...this.sockets].map((s) => new Promise<void>((resolve) => s.once('close', () => resolve())));
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(closing);
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    let finished = false;
    let jobId: number | undefined;
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      // The host went away before the device was done: the job is aborted at the device.
      if (!finished && jobId !== undefined && this.device.currentJobId === jobId) this.device.abort();
    });
    socket.on('end', () => {
      const job = unwrapPjlJob(Buffer.concat(chunks));
      const named = job.jobName !== undefined && /^\d+$/.test(job.jobName) ? Number(job.jobName) : undefined;
      const pages = countPages(job.data, job.totalPages ?? 0);
      if (this.device.busy) {
        // A RAW device serves one host at a time; a second one is refused.
        finished = true;
        socket.destroy();
        return;
      }
      const id = named ?? this.device.nextDeviceJobId();
      jobId = id;
      let reported = 0;
      const stopReporting = job.pageStatus
        ? this.device.onChange(() => {
            const out = this.device.currentJobId === id ? this.device.snapshot().currentJob?.pagesPrinted : undefined;
            if (out === undefined || out <= reported || socket.destroyed) return;
            reported = out;
            socket.write(ustatusPage(out));
          })
        : () => false;
      this.device
        .print({ jobId: id, documentName: job.jobName ?? '', data: job.data, pages })
        .then((outcome) => {
          finished = true;
          stopReporting();
          if (outcome.outcome === 'printed' && !socket.destroyed) {
            socket.end(ustatusJobEnd(job.jobName ?? String(id), outcome.pages));
          } else socket.destroy();
        })
        .catch((err: unknown) => {
          finished = true;
          stopReporting();
          this.logger.error('RAW device failed', { device: this.device.name, error: String(err) });
          socket.destroy();
        });
    });
  }
}
