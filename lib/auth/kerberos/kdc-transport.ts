/**
 * Talking to a KDC over TCP — RFC 4120 7.2.2: each message is preceded by its length as a 4-byte
 * big-endian integer (the high bit reserved, must be 0). One request, one reply, then the
 * connection closes. Every wait is bounded; replies over 1 MiB are refused.
 */
import * as net from 'node:net';
import { AuthenticationError } from '../../common/errors';

export interface KdcAddress {
  readonly host: string;
  readonly port: number;
}

const MAX_REPLY = 1024 * 1024;

export function sendToKdc(kdc: KdcAddress, request: Buffer, timeoutMs = 10000): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = net.connect({ host: kdc.host, port: kdc.port });
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error: Error | undefined, reply?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply ?? Buffer.alloc(0));
    };
    const timer = setTimeout(
      () => finish(new AuthenticationError(`the KDC at ${kdc.host}:${kdc.port} did not answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(request.length);
      socket.write(Buffer.concat([length, request]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      const all = Buffer.concat(chunks);
      if (all.length < 4) return;
      const length = all.readUInt32BE(0);
      if (length > MAX_REPLY)
        return finish(new AuthenticationError(`the KDC announced a ${length}-byte reply (high bit or too large)`));
      if (received >= 4 + length) finish(undefined, all.subarray(4, 4 + length));
    });
    socket.on('error', (e) =>
      finish(new AuthenticationError(`cannot reach the KDC at ${kdc.host}:${kdc.port}: ${e.message}`, { cause: e })),
    );
    socket.on('close', () =>
      finish(new AuthenticationError(`the KDC at ${kdc.host}:${kdc.port} closed without a reply`)),
    );
  });
}
