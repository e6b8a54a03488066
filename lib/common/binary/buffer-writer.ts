/**
 * BufferWriter: growable little-endian writer with reserve-and-back-patch for the
 * Offset/Length fields of SMB2 and the conformance counts of NDR (pg-protocol's Writer idea):
 * a length is written once, where it is known, never computed twice.
 */
import { EncodingError } from '../errors';

/**
 * Refuses a value the field cannot hold: silently keeping the low bits would, for example, send a
 * 64 KiB name with a NameLength that names a shorter, different file.
 */
function checkRange(v: number, min: number, max: number, width: string): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new EncodingError(`${v} does not fit a ${width} field`);
}

export interface Patch {
  readonly at: number;
  readonly width: 2 | 4 | 8;
}

export class BufferWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 256) {
    this.buf = Buffer.alloc(Math.max(16, initial));
  }

  get offset(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length;
    while (size < need) size = Math.ceil(size * 1.5) + 16;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): this {
    checkRange(v, -0x80, 0xff, 'u8');
    this.ensure(1);
    this.buf.writeUInt8(v & 0xff, this.pos);
    this.pos += 1;
    return this;
  }

  u16(v: number): this {
    checkRange(v, -0x8000, 0xffff, 'u16');
    this.ensure(2);
    this.buf.writeUInt16LE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }

  u16be(v: number): this {
    checkRange(v, -0x8000, 0xffff, 'u16');
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    checkRange(v, -0x80000000, 0xffffffff, 'u32');
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  u32be(v: number): this {
    checkRange(v, -0x80000000, 0xffffffff, 'u32');
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32LE(v | 0, this.pos);
    this.pos += 4;
    return this;
  }

  u64(v: bigint | number): this {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Pads with zeros to the next multiple of `n`, relative to `base`. */
  align(n: number, base = 0): this {
    const rem = (this.pos - base) % n;
    if (rem !== 0) this.zeros(n - rem);
    return this;
  }

  /** UTF-16LE without terminator. */
  utf16(s: string): this {
    return this.bytes(Buffer.from(s, 'utf16le'));
  }

  /** UTF-16LE with a NUL terminator. */
  utf16z(s: string): this {
    return this.utf16(s).u16(0);
  }

  reserveU16(): Patch {
    const at = this.pos;
    this.u16(0);
    return { at, width: 2 };
  }

  reserveU32(): Patch {
    const at = this.pos;
    this.u32(0);
    return { at, width: 4 };
  }

  reserveU64(): Patch {
    const at = this.pos;
    this.u64(0n);
    return { at, width: 8 };
  }

  patch(p: Patch, value: number | bigint): this {
    if (typeof value === 'number') {
      if (p.width === 2) checkRange(value, 0, 0xffff, 'u16');
      else if (p.width === 4) checkRange(value, 0, 0xffffffff, 'u32');
    }
    if (p.width === 2) this.buf.writeUInt16LE(Number(value) & 0xffff, p.at);
    else if (p.width === 4) this.buf.writeUInt32LE(Number(value) >>> 0, p.at);
    else this.buf.writeBigUInt64LE(BigInt(value), p.at);
    return this;
  }

  /** Overwrites bytes already written (e.g. a signature computed over the message). */
  patchBytes(at: number, b: Uint8Array): this {
    this.buf.set(b, at);
    return this;
  }

  /** A right-sized copy of what was written. */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  /** A view (no copy) of what was written; valid until the next write. */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
