/**
 * A dumb, independent builder of SMB2 responses for the client tests ([MS-SMB2] 2.2.1 header
 * written field by field), and an in-memory duplex pair standing in for a socket.
 */
import { Duplex } from 'node:stream';

export interface HeaderFields {
  readonly command: number;
  readonly messageId: bigint;
  readonly status?: number;
  readonly credits?: number;
  readonly flags?: number;
  readonly nextCommand?: number;
  readonly asyncId?: bigint;
  readonly treeId?: number;
  readonly sessionId?: bigint;
  readonly creditCharge?: number;
}

export const SERVER_TO_REDIR = 0x1;
export const ASYNC = 0x2;
export const SIGNED = 0x8;

export function header(h: HeaderFields): Buffer {
  const b = Buffer.alloc(64);
  b.write('fe534d42', 0, 'hex'); // ProtocolId 0xFE 'S' 'M' 'B'
  b.writeUInt16LE(64, 4); // StructureSize
  b.writeUInt16LE(h.creditCharge ?? 1, 6);
  b.writeUInt32LE(h.status ?? 0, 8);
  b.writeUInt16LE(h.command, 12);
  b.writeUInt16LE(h.credits ?? 1, 14);
  const flags = (h.flags ?? 0) | SERVER_TO_REDIR | (h.asyncId !== undefined ? ASYNC : 0);
  b.writeUInt32LE(flags, 16);
  b.writeUInt32LE(h.nextCommand ?? 0, 20);
  b.writeBigUInt64LE(h.messageId, 24);
  if (h.asyncId !== undefined) b.writeBigUInt64LE(h.asyncId, 32);
  else b.writeUInt32LE(h.treeId ?? 0, 36);
  b.writeBigUInt64LE(h.sessionId ?? 0n, 40);
  return b;
}

/** ECHO response body: StructureSize 4, Reserved 2. */
export const ECHO_BODY = Buffer.from('04000000', 'hex');
/** ERROR response body: StructureSize 9, ErrorContextCount 0, Reserved 0, ByteCount 0, one pad byte. */
export const ERROR_BODY = Buffer.from('090000000000000000', 'hex');

/** Frames a payload for direct TCP: 0x00 then a 24-bit big-endian length. */
export function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

/** Parses the client's frames: every complete message in `data`. */
export function splitFrames(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 4 <= data.length;) {
    const length = data.readUInt32BE(at) & 0xffffff;
    out.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

export function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (peer: () => Duplex | undefined): Duplex =>
    new Duplex({
      read() {
        // Data is pushed by the peer's write.
      },
      write(chunk: Buffer, _enc, cb) {
        peer()?.push(chunk);
        cb();
      },
      final(cb) {
        peer()?.push(null);
        cb();
      },
    });
  const a = make(() => ends[1]);
  const b = make(() => ends[0]);
  ends.push(a, b);
  return [a, b];
}
