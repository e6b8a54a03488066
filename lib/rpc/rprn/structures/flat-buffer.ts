/**
 * The custom-marshaled INFO buffers of [MS-RPRN] 2.2.2 (PRINTER_INFO_n, DRIVER_INFO_n, JOB_INFO_n,
 * FORM_INFO_1, PORT_INFO_n, ...), described once as field lists and used both ways.
 *
 * Layout of a buffer holding n structures of one level (2.2.2 "Custom-Marshaled Data Types"):
 *
 *   +--------------------------+ 0
 *   | Fixed_Portion[0]         |  pointers become u32 offsets from the start of *this* structure
 *   | Fixed_Portion[1] ...     |  (0 = NULL)
 *   +--------------------------+ n * fixedSize
 *   | (unused)                 |
 *   | Variable_Data[n-1]       |
 *   | ...                      |  packed from the END of the buffer backwards, structure 0 first
 *   | Variable_Data[0]         |  (its first string at the highest address) - as Windows' localspl
 *   +--------------------------+ cbBuf    does, and Samba's NDR_RELATIVE_REVERSE
 *
 * Strings are UTF-16LE with their NUL, 2-aligned; MULTI_SZ end with an extra NUL (an empty list is
 * two NULs); DEVMODE and security descriptors are 4-aligned (the 32-bit wire image).
 */
import { BufferReader } from '../../../common/binary/buffer-reader';
import type { SystemTime } from '../../../common/binary/filetime';
import { MalformedPacketError } from '../../../common/errors';

export type FlatFieldKind =
  | 'dword'
  | 'word'
  | 'string'
  /** An ANSI string with its NUL (FORM_INFO_2's pKeyword). */
  | 'ansiString'
  | 'multiSz'
  | 'filetime'
  | 'qword'
  | 'systemTime'
  | 'devMode'
  | 'securityDescriptor'
  /** Padding to the given alignment inside the fixed portion (DRIVER_INFO_6's PaddingForAlignment). */
  | 'pad8';

export type FlatValue = number | bigint | string | readonly string[] | Buffer | SystemTime | undefined;
export type FlatRecord = Readonly<Record<string, FlatValue>>;

export interface FlatField {
  readonly name: string;
  readonly kind: FlatFieldKind;
}

export interface FlatLayout {
  /** The spec's name, e.g. `_PRINTER_INFO_2`. */
  readonly name: string;
  readonly fields: readonly FlatField[];
}

const FIXED_SIZE: Record<FlatFieldKind, number> = {
  dword: 4,
  word: 2,
  string: 4,
  ansiString: 4,
  multiSz: 4,
  filetime: 8,
  qword: 8,
  systemTime: 16,
  devMode: 4,
  securityDescriptor: 4,
  pad8: 0,
};

/** Size of one fixed portion, with the qword alignment the 2.2.2.4.6 diagrams show. */
export function fixedSize(layout: FlatLayout): number {
  let size = 0;
  let maxAlign = 4;
  for (const f of layout.fields) {
    if (f.kind === 'pad8' || f.kind === 'qword') {
      size = alignUp(size, 8);
      maxAlign = 8;
    }
    size += FIXED_SIZE[f.kind];
  }
  return alignUp(size, maxAlign);
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function utf16z(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf16le');
}

export function multiSzBytes(list: readonly string[]): Buffer {
  if (list.length === 0) return Buffer.alloc(4);
  return Buffer.from(list.map((s) => `${s}\0`).join('') + '\0', 'utf16le');
}

/** The variable bytes of a field and their alignment, or undefined for NULL. */
function variablePart(kind: FlatFieldKind, v: FlatValue, field: string): { bytes: Buffer; align: number } | undefined {
  if (v === undefined) return undefined;
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') throw new TypeError(`${field}: string expected`);
      return { bytes: utf16z(v), align: 2 };
    case 'ansiString':
      if (typeof v !== 'string') throw new TypeError(`${field}: string expected`);
      return { bytes: Buffer.from(`${v}\0`, 'latin1'), align: 2 };
    case 'multiSz':
      if (!Array.isArray(v)) throw new TypeError(`${field}: string list expected`);
      return { bytes: multiSzBytes(v as readonly string[]), align: 2 };
    case 'devMode':
    case 'securityDescriptor':
      if (!Buffer.isBuffer(v)) throw new TypeError(`${field}: Buffer expected`);
      return v.length === 0 ? undefined : { bytes: v, align: 4 };
    case 'dword':
    case 'word':
    case 'filetime':
    case 'qword':
    case 'systemTime':
    case 'pad8':
      return undefined;
  }
}

/**
 * Packs `records` into a buffer of `size` bytes (or measures when `out` is undefined) with the
 * variable data ending at `end`. Returns the lowest address the variable data reached.
 */
function pack(layout: FlatLayout, records: readonly FlatRecord[], end: number, out: Buffer | undefined): number {
  const fixed = fixedSize(layout);
  let low = end;
  records.forEach((rec, i) => {
    const base = i * fixed;
    let at = base;
    for (const f of layout.fields) {
      if (f.kind === 'pad8' || f.kind === 'qword') at = base + alignUp(at - base, 8);
      const v = rec[f.name];
      switch (f.kind) {
        case 'dword':
          out?.writeUInt32LE(typeof v === 'number' ? v >>> 0 : 0, at);
          break;
        case 'word':
          out?.writeUInt16LE(typeof v === 'number' ? v & 0xffff : 0, at);
          break;
        case 'qword':
        case 'filetime':
          out?.writeBigUInt64LE(typeof v === 'bigint' ? v : BigInt(typeof v === 'number' ? v : 0), at);
          break;
        case 'systemTime': {
          const t = v as SystemTime | undefined;
          if (out && t) {
            [t.year, t.month, t.dayOfWeek, t.day, t.hour, t.minute, t.second, t.milliseconds].forEach((x, k) =>
              out.writeUInt16LE(x & 0xffff, at + 2 * k),
            );
          }
          break;
        }
        case 'pad8':
          break;
        case 'string':
        case 'ansiString':
        case 'multiSz':
        case 'devMode':
        case 'securityDescriptor': {
          const part = variablePart(f.kind, v, f.name);
          if (part === undefined) {
            out?.writeUInt32LE(0, at);
            break;
          }
          low -= part.bytes.length;
          low -= low % part.align;
          if (out) {
            part.bytes.copy(out, low);
            out.writeUInt32LE(low - base, at);
          }
          break;
        }
      }
      at += FIXED_SIZE[f.kind];
    }
  });
  return low;
}

/** pcbNeeded for these records: fixed portions plus variable data with its alignment, a multiple of 4. */
export function measureFlat(layout: FlatLayout, records: readonly FlatRecord[]): number {
  if (records.length === 0) return 0;
  const virtualEnd = 0x40000000;
  const low = pack(layout, records, virtualEnd, undefined);
  return alignUp(fixedSize(layout) * records.length + (virtualEnd - low), 4);
}

/** Lays the records out in a buffer of `cbBuf` bytes (cbBuf >= measureFlat), as Windows does. */
export function packFlat(layout: FlatLayout, records: readonly FlatRecord[], cbBuf: number): Buffer {
  const out = Buffer.alloc(cbBuf);
  const end = cbBuf - (cbBuf % 4);
  const low = pack(layout, records, end, out);
  if (low < fixedSize(layout) * records.length) throw new RangeError(`${layout.name}: ${cbBuf} bytes too small`);
  return out;
}

/** Reads `count` structures of `layout` from a custom-marshaled buffer (the client side). */
export function unpackFlat(layout: FlatLayout, buf: Buffer, count: number): FlatRecord[] {
  const fixed = fixedSize(layout);
  const reader = new BufferReader(buf);
  if (count * fixed > buf.length)
    throw new MalformedPacketError(`${layout.name}: ${count} structures do not fit ${buf.length} bytes`, {
      field: layout.name,
    });
  const out: FlatRecord[] = [];
  for (let i = 0; i < count; i++) {
    const base = i * fixed;
    const rec: Record<string, FlatValue> = {};
    let at = base;
    for (const f of layout.fields) {
      if (f.kind === 'pad8' || f.kind === 'qword') at = base + alignUp(at - base, 8);
      const r = new BufferReader(buf, at);
      switch (f.kind) {
        case 'dword':
          rec[f.name] = r.u32(f.name);
          break;
        case 'word':
          rec[f.name] = r.u16(f.name);
          break;
        case 'qword':
        case 'filetime':
          rec[f.name] = r.u64(f.name);
          break;
        case 'systemTime': {
          const [year, month, dayOfWeek, day, hour, minute, second, milliseconds] = Array.from({ length: 8 }, () =>
            r.u16(f.name),
          );
          rec[f.name] = {
            year: year ?? 0,
            month: month ?? 0,
            dayOfWeek: dayOfWeek ?? 0,
            day: day ?? 0,
            hour: hour ?? 0,
            minute: minute ?? 0,
            second: second ?? 0,
            milliseconds: milliseconds ?? 0,
          };
          break;
        }
        case 'pad8':
          break;
        case 'string':
        case 'ansiString':
        case 'multiSz':
        case 'devMode':
        case 'securityDescriptor': {
          const offset = r.u32(f.name);
          if (offset === 0) {
            rec[f.name] = undefined;
            break;
          }
          const target = new BufferReader(buf, 0).seek(base + offset, f.name);
          if (f.kind === 'string') rec[f.name] = target.utf16z(f.name);
          else if (f.kind === 'ansiString') rec[f.name] = readAnsiZ(target, f.name);
          else if (f.kind === 'multiSz') rec[f.name] = readMultiSz(target, f.name);
          else if (f.kind === 'devMode')
            rec[f.name] = Buffer.from(target.bytes(devModeLength(reader, base + offset), f.name));
          else rec[f.name] = Buffer.from(target.bytes(securityDescriptorLength(reader, base + offset), f.name));
          break;
        }
      }
      at += FIXED_SIZE[f.kind];
    }
    out.push(rec);
  }
  return out;
}

function readAnsiZ(r: BufferReader, field: string): string {
  const bytes: number[] = [];
  for (let b = r.u8(field); b !== 0; b = r.u8(field)) bytes.push(b);
  return Buffer.from(bytes).toString('latin1');
}

function readMultiSz(r: BufferReader, field: string): string[] {
  const list: string[] = [];
  for (;;) {
    const s = r.utf16z(field);
    if (s.length === 0) return list;
    list.push(s);
  }
}

/** DEVMODEW: dmSize (u16 at 68) + dmDriverExtra (u16 at 70) — [MS-RPRN] 2.2.2.1. */
export function devModeLength(r: BufferReader, at: number): number {
  const head = r.slice(at, 72, 'DEVMODE');
  return head.readUInt16LE(68) + head.readUInt16LE(70);
}

/** Length of a self-relative SECURITY_DESCRIPTOR — [MS-DTYP] 2.4.6: the furthest of its parts. */
export function securityDescriptorLength(r: BufferReader, at: number): number {
  const head = r.slice(at, 20, 'SECURITY_DESCRIPTOR');
  let end = 20;
  const sid = (off: number): void => {
    if (off === 0) return;
    const n = r.slice(at + off + 1, 1, 'SID')[0] ?? 0;
    end = Math.max(end, off + 8 + 4 * n);
  };
  const acl = (off: number): void => {
    if (off === 0) return;
    end = Math.max(end, off + r.slice(at + off + 2, 2, 'ACL').readUInt16LE(0));
  };
  sid(head.readUInt32LE(4));
  sid(head.readUInt32LE(8));
  acl(head.readUInt32LE(12));
  acl(head.readUInt32LE(16));
  r.slice(at, end, 'SECURITY_DESCRIPTOR');
  return end;
}
