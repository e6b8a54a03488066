/**
 * The client's TCP connection to port 445 ([MS-SMB2] 2.1 Direct TCP transport): connect within
 * a time limit, Nagle off (requests are written whole, and waiting only delays the answer).
 */
import * as net from 'node:net';
import { Smb2ConnectionError, Smb2TimeoutError } from './client-errors';

export function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const peer = `${host}:${port}`;
  return new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Smb2TimeoutError(`connecting to ${peer} took more than ${timeoutMs} ms`));
    }, timeoutMs);
    s.once('connect', () => {
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
