/**
 * NDR 2.0 reader — C706 chapter 14 (little-endian drep only). Alignment is counted from the start
 * of the reassembled stub. Every read goes through BufferReader, so a conformance count larger
 * than the stub, a truncated string or a bad offset throws MalformedPacketError (the pipe turns
 * it into the fault nca_s_fault_ndr) before anything is allocated.
 *
 * Pointers (C706 14.3.10-14.3.12): a [unique]/[ptr] pointer is a u32 referent id (0 = NULL);
 * top-level pointees follow at once; pointees of pointers embedded in structures and arrays are
 * deferred to after the outermost construct, depth first. `pointer(..., embedded=true)` queues
 * the pointee; `flushDeferred()` reads the queue in order.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';

export const CONTEXT_HANDLE_LENGTH = 20;

export class NdrReader {
  readonly r: BufferReader;
  private deferred: (() => void)[] = [];
  /** Full pointers already seen: the pointee is not on the wire twice (C706 14.3.11.3). */
  private readonly fullPointers = new Set<number>();

  constructor(readonly stub: Buffer) {
    this.r = new BufferReader(stub);
  }

  get offset(): number {
    return this.r.offset;
  }

  get remaining(): number {
    return this.r.remaining;
  }

  align(n: number): this {
    this.r.align(n);
    return this;
  }

  u8(field?: string): number {
    return this.r.u8(field);
  }

  u16(field?: string): number {
    this.r.align(2, 0, field);
    return this.r.u16(field);
  }

  u32(field?: string): number {
    this.r.align(4, 0, field);
    return this.r.u32(field);
  }

  i32(field?: string): number {
    this.r.align(4, 0, field);
    return this.r.i32(field);
  }

  u64(field?: string): bigint {
    this.r.align(8, 0, field);
    return this.r.u64(field);
  }

  bytes(n: number, field?: string): Buffer {
    return this.r.bytes(n, field);
  }

  /** A context handle (C706 / [MS-RPCE] 2.2.4.2): u32 attributes + 16-byte uuid, as raw 20 bytes. */
  contextHandle(field = 'context_handle'): Buffer {
    this.r.align(4, 0, field);
    return Buffer.from(this.r.bytes(CONTEXT_HANDLE_LENGTH, field));
  }

  /** A referent id: 0 for NULL. */
  referentId(field?: string): number {
    return this.u32(field ?? 'referent_id');
  }

  /**
   * A [unique] pointer. Reads the referent id; when non-NULL the pointee is read at once
   * (top level) or queued (embedded). Returns whether the pointer was non-NULL.
   */
  pointer(readPointee: () => void, embedded: boolean, field?: string): boolean {
    const id = this.referentId(field);
    if (id === 0) return false;
    if (embedded) this.deferred.push(readPointee);
    else {
      readPointee();
      this.flushDeferred();
    }
    return true;
  }

  /** A [ptr] (full) pointer: a repeated referent id points at a pointee already read. */
  fullPointer(readPointee: () => void, embedded: boolean, field?: string): number {
    const id = this.referentId(field);
    if (id === 0 || this.fullPointers.has(id)) return id;
    this.fullPointers.add(id);
    if (embedded) this.deferred.push(readPointee);
    else {
      readPointee();
      this.flushDeferred();
    }
    return id;
  }

  /** Reads the deferred pointees, each followed by its own deferred pointees (depth first). */
  flushDeferred(): void {
    while (this.deferred.length > 0) {
      const list = this.deferred;
      this.deferred = [];
      for (const read of list) {
        read();
        this.flushDeferred();
      }
    }
  }

  /** Conformance: u32 max_count, checked against what the stub can still hold (`unit` bytes each). */
  maxCount(unit: number, field: string): number {
    const at = this.r.offset;
    const n = this.u32(`${field}.max_count`);
    if (n * unit > this.r.remaining) {
      throw new MalformedPacketError(`${field}: max_count ${n} larger than the stub`, {
        offset: at,
        field,
        need: n * unit,
        have: this.r.remaining,
      });
    }
    return n;
  }

  /** Variance: u32 offset, u32 actual_count, with 0 <= offset + actual <= max. */
  variance(max: number, field: string): { offset: number; actual: number } {
    const at = this.r.offset;
    const offset = this.u32(`${field}.offset`);
    const actual = this.u32(`${field}.actual_count`);
    if (offset + actual > max) {
      throw new MalformedPacketError(`${field}: offset ${offset} + actual_count ${actual} exceeds max_count ${max}`, {
        offset: at,
        field,
      });
    }
    return { offset, actual };
  }

  /** [size_is(n)] BYTE[]: u32 max_count then the bytes. */
  conformantBytes(field: string): Buffer {
    const n = this.maxCount(1, field);
    return Buffer.from(this.r.bytes(n, field));
  }

  /** Conformant varying byte array (max, offset, actual, bytes). */
  conformantVaryingBytes(field: string): Buffer {
    const max = this.maxCount(0, field);
    const { actual } = this.variance(max, field);
    return Buffer.from(this.r.bytes(actual, field));
  }

  /**
   * [string] wchar_t* — conformant varying string: max_count, offset, actual_count (characters,
   * NUL included), UTF-16LE. The value stops at the first NUL.
   */
  string(field = 'string'): string {
    const max = this.maxCount(0, field);
    const { actual } = this.variance(max, field);
    const raw = this.r.bytes(actual * 2, field).toString('utf16le');
    const nul = raw.indexOf('\0');
    return nul === -1 ? raw : raw.slice(0, nul);
  }

  /** [in, string, unique] wchar_t* at top level: referent id then the string. */
  uniqueString(field = 'string'): string | undefined {
    let value: string | undefined;
    this.pointer(() => (value = this.string(field)), false, field);
    return value;
  }

  /** [in, unique, size_is(n)] BYTE* at top level, followed by the separate size parameter. */
  uniqueConformantBytes(field: string): Buffer | undefined {
    let value: Buffer | undefined;
    this.pointer(() => (value = this.conformantBytes(field)), false, field);
    return value;
  }

  /** An NDR pipe of bytes (C706 14.3.6.1): chunks of u32 count + bytes, ended by a 0 count. */
  pipeBytes(field = 'pipe', maxTotal = 64 * 1024 * 1024): Buffer {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = this.maxCount(1, `${field}.chunk`);
      if (n === 0) break;
      total += n;
      if (total > maxTotal) throw new MalformedPacketError(`${field}: more than ${maxTotal} bytes`, { field });
      chunks.push(this.r.bytes(n, field));
    }
    return Buffer.concat(chunks);
  }

  /** A non-encapsulated union's discriminant (u32 here: MS-RPRN switches on DWORD levels). */
  unionTag(expected: number | undefined, field: string): number {
    const at = this.r.offset;
    const tag = this.u32(`${field}.tag`);
    if (expected !== undefined && tag !== expected) {
      throw new MalformedPacketError(`${field}: union tag ${tag} does not match level ${expected}`, {
        offset: at,
        field,
      });
    }
    return tag;
  }
}
