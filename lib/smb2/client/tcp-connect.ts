/**
 * The client's TCP connection to port 445 ([MS-SMB2] 2.1 Direct TCP transport): connect within
 * a time limit, Nagle off (requests are written whole, and waiting only delays the answer).
 * With `onread`, the socket reads into the buffers it supplies instead of emitting 'data' (the
 * client reads a large response straight into its frame: no copy).
 */
import * as net from 'node:net';
import { Smb2ConnectionError, Smb2TimeoutError } from './client-errors';

export interface DirectRead {
  /** The buffer the next read fills. */
  readonly buffer: () => Uint8Array;
  /** `n` bytes were read into it; false pauses the socket. */
  readonly callback: (n: number, buffer: Uint8Array) => boolean;
}

export function connectTcp(host: string, port: number, timeoutMs: number, onread?: DirectRead): Promise<net.Socket> {
  const peer = `${host}:${port}`;
  return new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port, ...(onread !== undefined && { onread }) });
    let connected = false;
    const timer = setTimeout(() => {
      // As for a request's limit (client-connection.ts): Node runs expired timers before it polls
      // the sockets, so a starved process would call a connect that the kernel completed in time
      // a timeout. setImmediate decides after this turn's poll, which takes the 'connect'.
      setImmediate(() => {
        if (connected) return;
        s.destroy();
        reject(new Smb2TimeoutError(`connecting to ${peer} took more than ${timeoutMs} ms`));
      });
    }, timeoutMs);
    s.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      s.removeAllListeners('error');
      s.setNoDelay(true);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(new Smb2ConnectionError(`cannot connect to ${peer}: ${err.message}`, { cause: err }));
    });
  });
}
