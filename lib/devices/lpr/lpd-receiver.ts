/**
 * An LPD receiver (RFC 1179) for a network print device: it listens on TCP (515 on a real
 * printer; any port here), takes jobs for its queue names and hands each complete job to a
 * callback. One LpdConnection per socket does the protocol; this file does the sockets, the
 * bounds (line, control file, data file, files per job, idle time, connections) and the logs.
 *
 * DEVIATION: RFC 1179 3.1 has senders use source ports 721-731 and lets receivers refuse
 * others; printers and Windows' LPD service accept any port, and so do we.
 */
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../common/logger';
import { LpdConnection, type LpdJob, type LpdLimits } from './lpd-connection';

export interface LpdReceiverOptions {
  /** The queue names it accepts (compared without case, as Windows compares printer names), or a test. */
  readonly queues: readonly string[] | ((queue: string) => boolean);
  /** Called once per complete job; the connection closes when it settles. */
  readonly onJob: (job: LpdJob, peer: string) => Promise<void> | void;
  readonly logger: Logger;
  readonly limits?: Partial<LpdLimits>;
  /** A connection silent this long is dropped (default 30 s). */
  readonly idleTimeoutMs?: number;
  /** Connections served at once (default 16). */
  readonly maxConnections?: number;
}

export const DEFAULT_LPD_LIMITS: LpdLimits = {
  maxControlFileBytes: 64 * 1024,
  maxDataFileBytes: 256 * 1024 * 1024,
  maxDataFiles: 16,
};

export class LpdReceiver {
  private server: net.Server | undefined;
  private readonly sockets = new Set<Duplex>();
  private readonly limits: LpdLimits;
  private readonly acceptsQueue: (queue: string) => boolean;
  private connections = 0;

  constructor(private readonly options: LpdReceiverOptions) {
    this.limits = { ...DEFAULT_LPD_LIMITS, ...options.limits };
    const queues = options.queues;
    if (typeof queues === 'function') this.acceptsQueue = queues;
    else {
      const names = new Set(queues.map((q) => q.toLowerCase()));
      this.acceptsQueue = (q) => names.has(q.toLowerCase());
    }
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const server = net.createServer({ allowHalfOpen: true }, (socket) =>
      this.handle(socket, `${socket.remoteAddress}:${socket.remotePort}`),
    );
    server.maxConnections = this.options.maxConnections ?? 16;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as net.AddressInfo;
    this.options.logger.info('LPD receiver listening', { host: addr.address, port: addr.port });
    return { host: addr.address, port: addr.port };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Serves one connection (a TCP socket, or any duplex stream in tests). */
  handle(socket: Duplex, peer: string): void {
    const id = ++this.connections;
    const log = this.options.logger.child({ component: 'lpd', connId: id, peer });
    this.sockets.add(socket);
    const connection = new LpdConnection(
      {
        write: (bytes) => socket.write(bytes),
        close: (reason) => {
          if (reason !== undefined) log.warn('LPD connection closed', { reason });
          socket.end();
        },
        acceptsQueue: this.acceptsQueue,
        queueState: (queue, long) =>
          this.acceptsQueue(queue)
            ? `${queue}: ready${long ? ', no jobs waiting' : ''}\nno entries\n`
            : `${queue}: unknown printer\n`,
      },
      this.limits,
    );
    if (socket instanceof net.Socket) {
      socket.setTimeout(this.options.idleTimeoutMs ?? 30000, () => {
        log.warn('LPD connection idle, dropped');
        socket.destroy();
      });
    }
    socket.on('data', (chunk: Buffer) => connection.feed(chunk));
    socket.on('error', (err) => log.debug('LPD socket error', { error: err.message }));
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('end', () => {
      // The sender is done: the callback may take its time without the idle timer firing.
      if (socket instanceof net.Socket) socket.setTimeout(0);
      const job = connection.end();
      if (!job) {
        socket.end();
        return;
      }
      log.info('LPD job received', {
        queue: job.queue,
        controlFile: job.controlFileName,
        dataFiles: job.dataFiles.map((f) => `${f.name} (${f.data.length} bytes)`),
      });
      Promise.resolve()
        .then(() => this.options.onJob(job, peer))
        .catch((err: unknown) => log.error('LPD job callback failed', { error: String(err) }))
        .finally(() => socket.end());
    });
  }
}
