/**
 * BufferReader: the one bounds-checked reader every decoder of untrusted bytes uses.
 * Little-endian (SMB2 and NDR20 with drep 0x10 are). Every read checks the bounds and
 * throws MalformedPacketError naming the field — never RangeError, never undefined.
 */
import { MalformedPacketError } from '../errors';

export class BufferReader {
  private pos: number;
  private readonly end: number;

  /**
   * @param buf     the bytes
   * @param start   where reading starts (offsets stay relative to `buf`)
   * @param end     one past the last readable byte (defaults to buf.length)
   */
  constructor(
    readonly buf: Buffer,
    start = 0,
    end = buf.length,
  ) {
    if (start < 0 || end > buf.length || start > end) {
      throw new MalformedPacketError(`reader window ${start}..${end} outside buffer of ${buf.length}`, {
        offset: start,
      });
    }
    this.pos = start;
    this.end = end;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  get length(): number {
    return this.end;
  }

  /** Throws unless `n` bytes can be read from the current position. */
  need(n: number, field?: string): void {
    if (!Number.isInteger(n) || n < 0 || this.pos + n > this.end) {
      throw new MalformedPacketError(
        `truncated${field ? ` ${field}` : ''}: need ${n} bytes at ${this.pos}, have ${this.remaining}`,
        {
          offset: this.pos,
          ...(field !== undefined && { field }),
          need: n,
          have: this.remaining,
        },
      );
    }
  }

  seek(offset: number, field?: string): this {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.end) {
      throw new MalformedPacketError(`offset ${offset} out of range${field ? ` for ${field}` : ''}`, {
        offset,
        ...(field !== undefined && { field }),
      });
    }
    this.pos = offset;
    return this;
  }

  skip(n: number, field?: string): this {
    this.need(n, field);
    this.pos += n;
    return this;
  }

  /** Advances to the next multiple of `n` (relative to `base`), checking the padding exists. */
  align(n: number, base = 0, field = 'alignment padding'): this {
    const rem = (this.pos - base) % n;
    if (rem !== 0) this.skip(n - rem, field);
    return this;
  }

  u8(field?: string): number {
    this.need(1, field);
    return this.buf.readUInt8(this.pos++);
  }

  u16(field?: string): number {
    this.need(2, field);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u16be(field?: string): number {
    this.need(2, field);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(field?: string): number {
    this.need(4, field);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u32be(field?: string): number {
    this.need(4, field);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  i32(field?: string): number {
    this.need(4, field);
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(field?: string): bigint {
    this.need(8, field);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A u64 that must fit a JS number exactly (sizes, offsets). */
  u64Number(field?: string): number {
    const at = this.pos;
    const v = this.u64(field);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new MalformedPacketError(`${field ?? 'u64'} too large: ${v}`, {
        offset: at,
        ...(field !== undefined && { field }),
      });
    }
    return Number(v);
  }

  /** A view (no copy) of the next `n` bytes. */
  bytes(n: number, field?: string): Buffer {
    this.need(n, field);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A view of `length` bytes at absolute `offset`, without moving; bounds-checked against the window. */
  slice(offset: number, length: number, field?: string): Buffer {
    if (
      !Number.isInteger(offset) ||
      !Number.isInteger(length) ||
      offset < 0 ||
      length < 0 ||
      offset + length > this.end
    ) {
      throw new MalformedPacketError(`${field ?? 'range'} ${offset}+${length} outside ${this.end} bytes`, {
        offset,
        ...(field !== undefined && { field }),
        need: length,
        have: Math.max(0, this.end - offset),
      });
    }
    return this.buf.subarray(offset, offset + length);
  }

  /** `nChars` UTF-16LE code units. */
  utf16(nChars: number, field?: string): string {
    return this.bytes(nChars * 2, field).toString('utf16le');
  }

  /** UTF-16LE up to and including a NUL code unit; the NUL is consumed, not returned. */
  utf16z(field?: string): string {
    const start = this.pos;
    for (let p = start; p + 1 < this.end; p += 2) {
      if (this.buf[p] === 0 && this.buf[p + 1] === 0) {
        this.pos = p + 2;
        return this.buf.toString('utf16le', start, p);
      }
    }
    throw new MalformedPacketError(`unterminated UTF-16 string${field ? ` ${field}` : ''} at ${start}`, {
      offset: start,
      ...(field !== undefined && { field }),
    });
  }

  /** A sub-reader over the next `n` bytes (offsets stay absolute in `buf`). */
  sub(n: number, field?: string): BufferReader {
    this.need(n, field);
    const r = new BufferReader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
}
