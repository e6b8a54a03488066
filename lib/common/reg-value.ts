/**
 * Typed registry values with Windows' numeric types — [MS-RPRN] 2.2.2.11 / winnt.h REG_*.
 * Each value keeps its data in the form a person reads; `encodeRegData` / `decodeRegData`
 * give the raw bytes a REG_* value has on the wire and in a .reg `hex(n):` line.
 *
 * Windows keeps a value's bytes as they were set, whatever its type says: a REG_MULTI_SZ of one
 * empty string (4 bytes, `00 00 00 00`), a REG_SZ without its NUL, bytes after the terminator.
 * A string value decoded from bytes that its canonical encoding would not give back keeps them
 * in `raw`, and `encodeRegData` returns them, so what SetPrinterDataEx wrote reads back byte for
 * byte (GetPrinterDataEx, EnumPrinterDataEx, winreg, the persisted .reg). A value made from
 * another with a new `value` leaves `raw` out (the bytes belong to the old one).
 */
import { reverseLookup } from './constants';
import { MalformedPacketError } from './errors';

export const RegType = {
  REG_NONE: 0,
  REG_SZ: 1,
  REG_EXPAND_SZ: 2,
  REG_BINARY: 3,
  REG_DWORD: 4,
  REG_DWORD_BIG_ENDIAN: 5,
  REG_LINK: 6,
  REG_MULTI_SZ: 7,
  REG_RESOURCE_LIST: 8,
  REG_FULL_RESOURCE_DESCRIPTOR: 9,
  REG_RESOURCE_REQUIREMENTS_LIST: 10,
  REG_QWORD: 11,
} as const;
export type RegType = (typeof RegType)[keyof typeof RegType];
export const regTypeName = reverseLookup(RegType);

export type RegValueData =
  | { readonly type: typeof RegType.REG_SZ; readonly value: string; readonly raw?: Buffer }
  | { readonly type: typeof RegType.REG_EXPAND_SZ; readonly value: string; readonly raw?: Buffer }
  | { readonly type: typeof RegType.REG_MULTI_SZ; readonly value: readonly string[]; readonly raw?: Buffer }
  | { readonly type: typeof RegType.REG_DWORD; readonly value: number }
  | { readonly type: typeof RegType.REG_QWORD; readonly value: bigint }
  /** Any other type (REG_BINARY, REG_NONE, REG_LINK, resource lists, unknown numbers): raw bytes. */
  | { readonly type: number; readonly value: Buffer };

/** A named value. The default value of a key has the name "" (`@` in .reg files). */
export type RegValue = RegValueData & { readonly name: string };

export const regSz = (name: string, value: string): RegValue => ({ name, type: RegType.REG_SZ, value });
export const regExpandSz = (name: string, value: string): RegValue => ({ name, type: RegType.REG_EXPAND_SZ, value });
export const regMultiSz = (name: string, value: readonly string[]): RegValue => ({
  name,
  type: RegType.REG_MULTI_SZ,
  value,
});
export const regDword = (name: string, value: number): RegValue => ({
  name,
  type: RegType.REG_DWORD,
  value: value >>> 0,
});
export const regQword = (name: string, value: bigint): RegValue => ({ name, type: RegType.REG_QWORD, value });
export const regBinary = (name: string, value: Buffer, type: number = RegType.REG_BINARY): RegValue => ({
  name,
  type,
  value,
});

export function isStringValue(v: RegValueData): v is Extract<RegValueData, { readonly value: string }> {
  return v.type === RegType.REG_SZ || v.type === RegType.REG_EXPAND_SZ;
}

export function isMultiSzValue(v: RegValueData): v is Extract<RegValueData, { readonly value: readonly string[] }> {
  return v.type === RegType.REG_MULTI_SZ;
}

/** The bytes of a value as Windows stores them (UTF-16LE strings with their NULs, LE integers). */
export function encodeRegData(v: RegValueData): Buffer {
  const raw = rawBytesOf(v);
  return raw === undefined ? canonicalRegData(v) : Buffer.from(raw);
}

/** The bytes a string value was set with, when its canonical encoding differs from them. */
export function rawBytesOf(v: RegValueData): Buffer | undefined {
  return 'raw' in v && Buffer.isBuffer(v.raw) ? v.raw : undefined;
}

/** The bytes a value's decoded form encodes to (strings NUL-terminated, lists double-NUL). */
function canonicalRegData(v: RegValueData): Buffer {
  switch (v.type) {
    case RegType.REG_SZ:
    case RegType.REG_EXPAND_SZ:
      return Buffer.from(`${v.value as string}\0`, 'utf16le');
    case RegType.REG_MULTI_SZ: {
      const list = v.value as readonly string[];
      return Buffer.from(list.map((s) => `${s}\0`).join('') + '\0', 'utf16le');
    }
    case RegType.REG_DWORD: {
      const b = Buffer.alloc(4);
      b.writeUInt32LE((v.value as number) >>> 0);
      return b;
    }
    case RegType.REG_QWORD: {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(v.value as bigint);
      return b;
    }
    default:
      return Buffer.from(v.value as Buffer);
  }
}

/**
 * Decodes raw bytes of a given type; string data without a terminator is accepted (Windows does).
 * String data its decoded form would not encode back to is kept as `raw`.
 */
export function decodeRegData(type: number, data: Buffer): RegValueData {
  switch (type) {
    case RegType.REG_SZ:
      return keepBytes({ type: RegType.REG_SZ, value: utf16UpToNul(data) }, data);
    case RegType.REG_EXPAND_SZ:
      return keepBytes({ type: RegType.REG_EXPAND_SZ, value: utf16UpToNul(data) }, data);
    case RegType.REG_MULTI_SZ:
      return keepBytes({ type: RegType.REG_MULTI_SZ, value: splitMultiSz(data) }, data);
    case RegType.REG_DWORD:
      if (data.length !== 4)
        throw new MalformedPacketError(`REG_DWORD needs 4 bytes, got ${data.length}`, { field: 'data' });
      return { type: RegType.REG_DWORD, value: data.readUInt32LE(0) };
    case RegType.REG_QWORD:
      if (data.length !== 8)
        throw new MalformedPacketError(`REG_QWORD needs 8 bytes, got ${data.length}`, { field: 'data' });
      return { type: RegType.REG_QWORD, value: data.readBigUInt64LE(0) };
    default:
      return { type, value: Buffer.from(data) };
  }
}

function keepBytes<T extends RegValueData>(v: T, data: Buffer): T {
  return canonicalRegData(v).equals(data) ? v : { ...v, raw: Buffer.from(data) };
}

function utf16UpToNul(data: Buffer): string {
  const even = data.subarray(0, data.length - (data.length % 2));
  const s = even.toString('utf16le');
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

/** A MULTI_SZ ends at the first empty string (double NUL); trailing garbage is ignored as Windows does. */
function splitMultiSz(data: Buffer): string[] {
  const even = data.subarray(0, data.length - (data.length % 2));
  const s = even.toString('utf16le');
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nul = s.indexOf('\0', start);
    const item = nul === -1 ? s.slice(start) : s.slice(start, nul);
    if (item.length === 0) break;
    out.push(item);
    if (nul === -1) break;
    start = nul + 1;
  }
  return out;
}

/** A short human form for traces and CLI output. */
export function formatRegValue(v: RegValueData): string {
  switch (v.type) {
    case RegType.REG_SZ:
    case RegType.REG_EXPAND_SZ:
      return JSON.stringify(v.value);
    case RegType.REG_MULTI_SZ:
      return `[${(v.value as readonly string[]).map((s) => JSON.stringify(s)).join(', ')}]`;
    case RegType.REG_DWORD:
      return `0x${(v.value as number).toString(16).padStart(8, '0')} (${v.value as number})`;
    case RegType.REG_QWORD:
      return `0x${(v.value as bigint).toString(16).padStart(16, '0')}`;
    default:
      return `hex:${(v.value as Buffer).toString('hex')}`;
  }
}
