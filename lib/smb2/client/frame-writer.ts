/**
 * The client's sending side of the direct TCP transport ([MS-SMB2] 2.1): one frame, the 4-byte
 * length header, an optional prefix (a TRANSFORM_HEADER, 2.2.41) and the payload. A large payload
 * (a WRITE) follows its headers in one writev instead of being copied behind them.
 */
import type { Duplex } from 'node:stream';
import { frameHeader } from '../framing';

const WRITEV_FROM = 64 * 1024;

export function writeFrame(stream: Duplex, payload: Buffer, prefix?: Buffer): void {
  const head = frameHeader((prefix?.length ?? 0) + payload.length);
  const front = prefix !== undefined ? Buffer.concat([head, prefix]) : head;
  if (payload.length < WRITEV_FROM) {
    stream.write(Buffer.concat([front, payload]));
    return;
  }
  stream.cork();
  stream.write(front);
  stream.write(payload);
  stream.uncork();
}
