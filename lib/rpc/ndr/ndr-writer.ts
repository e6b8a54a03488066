/**
 * NDR 2.0 writer — C706 chapter 14, little-endian. The mirror of NdrReader: alignment from the
 * stub start, referent ids counting from 0x00020000 (what Windows and Samba use), embedded
 * pointees deferred to after the outermost construct, depth first.
 */
import { BufferWriter } from '../../common/binary/buffer-writer';
import type { Patch } from '../../common/binary/buffer-writer';
import { CONTEXT_HANDLE_LENGTH } from './ndr-reader';

export const FIRST_REFERENT_ID = 0x00020000;

export class NdrWriter {
  readonly w = new BufferWriter(256);
  private nextReferent = FIRST_REFERENT_ID;
  private deferred: (() => void)[] = [];

  get offset(): number {
    return this.w.offset;
  }

  align(n: number): this {
    this.w.align(n);
    return this;
  }

  u8(v: number): this {
    this.w.u8(v);
    return this;
  }

  u16(v: number): this {
    this.w.align(2).u16(v);
    return this;
  }

  u32(v: number): this {
    this.w.align(4).u32(v);
    return this;
  }

  i32(v: number): this {
    this.w.align(4).i32(v);
    return this;
  }

  u64(v: bigint | number): this {
    this.w.align(8).u64(v);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.w.bytes(b);
    return this;
  }

  reserveU32(): Patch {
    this.w.align(4);
    return this.w.reserveU32();
  }

  patch(p: Patch, v: number): this {
    this.w.patch(p, v);
    return this;
  }

  contextHandle(handle: Buffer): this {
    if (handle.length !== CONTEXT_HANDLE_LENGTH)
      throw new RangeError(`context handle must be ${CONTEXT_HANDLE_LENGTH} bytes`);
    this.w.align(4).bytes(handle);
    return this;
  }

  /** A fresh non-zero referent id. */
  referentId(): number {
    const id = this.nextReferent;
    this.nextReferent += 4;
    return id;
  }

  /** A [unique] pointer: 0 for undefined; the pointee written now (top level) or deferred (embedded). */
  pointer<T>(value: T | undefined, writePointee: (v: T) => void, embedded: boolean): this {
    if (value === undefined) return this.u32(0);
    this.u32(this.referentId());
    if (embedded) this.deferred.push(() => writePointee(value));
    else {
      writePointee(value);
      this.flushDeferred();
    }
    return this;
  }

  flushDeferred(): void {
    while (this.deferred.length > 0) {
      const list = this.deferred;
      this.deferred = [];
      for (const write of list) {
        write();
        this.flushDeferred();
      }
    }
  }

  /** [size_is(n)] BYTE[]: max_count then the bytes. */
  conformantBytes(b: Uint8Array): this {
    this.u32(b.length);
    this.w.bytes(b);
    return this;
  }

  /** [string] wchar_t*: max_count = actual_count = chars + NUL, offset 0, UTF-16LE with the NUL. */
  string(s: string): this {
    const n = s.length + 1;
    this.u32(n).u32(0).u32(n);
    this.w.utf16z(s);
    return this;
  }

  /** [string, unique] wchar_t* at top level. */
  uniqueString(s: string | undefined): this {
    return this.pointer(s, (v) => this.string(v), false);
  }

  /** [unique, size_is(n)] BYTE* at top level. */
  uniqueConformantBytes(b: Uint8Array | undefined): this {
    return this.pointer(b, (v) => this.conformantBytes(v), false);
  }

  /** An NDR pipe of bytes: chunks of u32 count + bytes, then a 0 count. */
  pipeBytes(data: Uint8Array, chunk = 4096): this {
    for (let at = 0; at < data.length; at += chunk)
      this.conformantBytes(data.subarray(at, Math.min(data.length, at + chunk)));
    return this.u32(0);
  }

  finish(): Buffer {
    this.flushDeferred();
    return this.w.finish();
  }
}
