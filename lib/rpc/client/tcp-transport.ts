/**
 * An RpcPipeTransport over a TCP connection (ncacn_ip_tcp, [MS-RPCE] 2.1.1.1): writes go to the
 * socket, reads return what has arrived (any cut: the caller's framer reassembles PDUs), an empty
 * buffer once the server has closed. A read waits at most `readTimeoutMs`.
 */
import * as net from 'node:net';
import { PointPrintError } from '../../common/errors';
import type { RpcPipeTransport } from './exchange';

/** The TCP connection could not be made (refused, unreachable, timed out). */
export class RpcConnectError extends PointPrintError {
  override readonly code = 'ERR_RPC_CONNECT';
  constructor(
    message: string,
    readonly errno: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface TcpTransport extends RpcPipeTransport {
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

export interface TcpTransportOptions {
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
}

export async function connectTcpTransport(
  host: string,
  port: number,
  options: TcpTransportOptions = {},
): Promise<TcpTransport> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new RpcConnectError(`${host}:${port} did not answer`, 'ETIMEDOUT'));
    }, options.connectTimeoutMs ?? 10_000);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new RpcConnectError(`${host}:${port}: ${err.message}`, err.code, { cause: err }));
    });
  });
  socket.setNoDelay(true);
  const queue: Buffer[] = [];
  let waiter: ((data: Buffer) => void) | undefined;
  let failure: Error | undefined;
  let ended = false;
  const wake = (): void => {
    const w = waiter;
    if (w === undefined) return;
    const next = queue.shift();
    if (next !== undefined) {
      waiter = undefined;
      w(next);
    } else if (ended) {
      waiter = undefined;
      w(Buffer.alloc(0));
    }
  };
  socket.on('data', (data: Buffer) => {
    queue.push(data);
    wake();
  });
  socket.on('error', (err) => {
    failure = err;
  });
  socket.on('close', () => {
    ended = true;
    wake();
  });
  const read = (): Promise<Buffer> => {
    const next = queue.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (ended) return Promise.resolve(Buffer.alloc(0));
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        reject(new PointPrintError(`no answer from ${host}:${port} in time`));
      }, options.readTimeoutMs ?? 60_000);
      waiter = (data) => {
        clearTimeout(timer);
        resolve(data);
      };
    });
  };
  const write = (data: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      if (failure !== undefined || ended) {
        reject(failure ?? new PointPrintError(`${host}:${port} closed the connection`));
        return;
      }
      socket.write(data, (err) => (err ? reject(err) : resolve()));
    });
  return {
    localAddress: socket.localAddress ?? '',
    remoteAddress: socket.remoteAddress ?? host,
    remotePort: port,
    async transceive(data) {
      await write(data);
      return read();
    },
    write,
    read,
    close() {
      return new Promise((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      });
    },
  };
}
