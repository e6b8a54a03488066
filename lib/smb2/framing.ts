/**
 * Direct TCP transport framing — [MS-SMB2] 2.1: every SMB2 message is preceded by a 4-byte
 * header: one zero byte, then a 24-bit big-endian length. A NetBIOS session service header
 * ([RFC 1002] 4.3) has the same shape with a type in the first byte: 0x00 SESSION MESSAGE,
 * 0x81 SESSION REQUEST, 0x85 KEEP ALIVE.
 *
 * FrameDecoder is split-safe (bytes may arrive in any chunking) and enforces a maximum frame
 * size: a peer announcing more is cut off before its bytes are buffered.
 */
import { MalformedPacketError } from '../common/errors';

export const NBSS_SESSION_MESSAGE = 0x00;
export const NBSS_SESSION_REQUEST = 0x81;
export const NBSS_POSITIVE_RESPONSE = 0x82;
export const NBSS_KEEP_ALIVE = 0x85;
export const NBSS_HEADER_SIZE = 4;
export const NBSS_MAX_LENGTH = 0xffffff;

export interface Frame {
  /** NetBIOS session packet type (0x00 for an SMB message). */
  readonly type: number;
  readonly payload: Buffer;
}

/** Raised when a peer announces a frame larger than the limit; the connection must close. */
export class FrameTooLargeError extends MalformedPacketError {
  constructor(
    readonly announced: number,
    readonly limit: number,
  ) {
    super(`frame of ${announced} bytes exceeds the limit of ${limit}`, { field: 'StreamProtocolLength' });
  }
}

export function encodeFrame(payload: Buffer, type = NBSS_SESSION_MESSAGE): Buffer {
  if (payload.length > NBSS_MAX_LENGTH) {
    throw new MalformedPacketError(`payload of ${payload.length} bytes does not fit a 24-bit length`);
  }
  const head = Buffer.alloc(NBSS_HEADER_SIZE);
  head.writeUInt32BE(payload.length, 0);
  head[0] = type;
  return Buffer.concat([head, payload]);
}

/** The 4 bytes in front of a payload of `length` bytes (for writev of header + payload). */
export function frameHeader(length: number, type = NBSS_SESSION_MESSAGE): Buffer {
  if (length > NBSS_MAX_LENGTH)
    throw new MalformedPacketError(`payload of ${length} bytes does not fit a 24-bit length`);
  const head = Buffer.alloc(NBSS_HEADER_SIZE);
  head.writeUInt32BE(length, 0);
  head[0] = type;
  return head;
}

export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** A frame received straight into a buffer of its announced length (beginAssembly). */
  private assembling: { readonly type: number; readonly payload: Buffer; filled: number } | undefined;

  constructor(
    /** Frames announcing more are refused; a connection may raise it once authenticated. */
    public maxFrameSize: number,
  ) {}

  /** Bytes held while waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffered + (this.assembling?.filled ?? 0);
  }

  /** The length its header announces for the frame being received, once that header is in; else undefined. */
  get partialFrameLength(): number | undefined {
    if (this.assembling !== undefined) return this.assembling.payload.length;
    if (this.buffered < NBSS_HEADER_SIZE) return undefined;
    return this.peek(NBSS_HEADER_SIZE).readUInt32BE(0) & 0x00ffffff;
  }

  /**
   * From now on, the frame being received (its header is in) goes straight into one buffer of its
   * announced length instead of a list of chunks copied together at the end: half the memory at
   * the peak, and nothing left for the collector but the socket's read buffers. The caller decides
   * when that buffer may be allocated (once the bytes are budgeted), and may supply it (a pool):
   * `allocate` returns a buffer of exactly the length asked; it is shown the payload's first bytes
   * already received (up to 4: the ProtocolId, when they are in), to place the buffer for them.
   */
  beginAssembly(allocate: (length: number, start: Buffer) => Buffer = (n) => Buffer.allocUnsafe(n)): void {
    const length = this.partialFrameLength;
    if (this.assembling !== undefined || length === undefined) return;
    const type = this.peek(NBSS_HEADER_SIZE)[0] ?? 0;
    this.take(NBSS_HEADER_SIZE);
    const payload = allocate(length, this.peek(Math.min(this.buffered, 4)));
    if (payload.length !== length) throw new RangeError(`frame buffer of ${payload.length} bytes for ${length}`);
    const have = this.buffered;
    if (have > 0) this.take(have).copy(payload, 0);
    this.assembling = { type, payload, filled: have };
  }

  /**
   * Where the next bytes of the frame being assembled belong, for a socket that reads straight
   * into it (net's `onread`); undefined when no frame is being assembled. Reads into it must be
   * reported with directFilled().
   */
  directTarget(): Buffer | undefined {
    const a = this.assembling;
    return a === undefined ? undefined : a.payload.subarray(a.filled);
  }

  /** `n` bytes were read into directTarget(); the frame once it is complete. */
  directFilled(n: number): Frame | undefined {
    const a = this.assembling;
    if (a === undefined || n < 0 || a.filled + n > a.payload.length)
      throw new RangeError(`${n} bytes read into a frame that has room for ${a ? a.payload.length - a.filled : 0}`);
    a.filled += n;
    if (a.filled < a.payload.length) return undefined;
    this.assembling = undefined;
    return { type: a.type, payload: a.payload };
  }

  /** Feeds bytes; returns the complete frames. Throws FrameTooLargeError on an oversized announcement. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let rest = chunk;
    const a = this.assembling;
    if (a !== undefined) {
      const n = Math.min(rest.length, a.payload.length - a.filled);
      rest.copy(a.payload, a.filled, 0, n);
      a.filled += n;
      rest = rest.subarray(n);
      if (a.filled < a.payload.length) return frames;
      this.assembling = undefined;
      frames.push({ type: a.type, payload: a.payload });
    }
    if (rest.length > 0) {
      this.chunks.push(rest);
      this.buffered += rest.length;
    }
    for (;;) {
      if (this.buffered < NBSS_HEADER_SIZE) break;
      const head = this.peek(NBSS_HEADER_SIZE);
      const type = head[0] ?? 0;
      const length = head.readUInt32BE(0) & 0x00ffffff;
      // Announcements are checked before buffering the body, so a huge announced frame costs nothing.
      if (length > this.maxFrameSize) throw new FrameTooLargeError(length, this.maxFrameSize);
      if (this.buffered < NBSS_HEADER_SIZE + length) break;
      const all = this.take(NBSS_HEADER_SIZE + length);
      frames.push({ type, payload: all.subarray(NBSS_HEADER_SIZE) });
    }
    return frames;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) return first.subarray(0, n);
    const merged = Buffer.concat(this.chunks);
    this.chunks = [merged];
    return merged.subarray(0, n);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first !== undefined && first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const merged = Buffer.concat(this.chunks);
      out = merged.subarray(0, n);
      this.chunks = merged.length > n ? [merged.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}
