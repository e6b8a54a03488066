/**
 * Plain NDR structures described once as field lists, with a generic encoder and decoder
 * (C706 14.3.7 structures, 14.3.12 embedded pointers). Used for the MS-RPRN `RPC_*` structures
 * that travel inside containers (SPLCLIENT_INFO_1, DOC_INFO_1, RPC_DRIVER_INFO_n, ...), so the
 * server's decoder and the client's encoder cannot drift apart.
 *
 * Field kinds and their wire form (in the structure / deferred):
 *   u16, u32, u64               the integer, aligned to its size
 *   filetime                    two u32 (FILETIME is a structure of DWORDs: 4-aligned)
 *   ulongPtr                    u32 (ULONG_PTR on the 32-bit wire; ignored by servers)
 *   systemTime                  8 x u16
 *   string                      referent id / [string] wchar_t conformant varying string
 *   ansiString                  referent id / [string] char conformant varying string (bytes, NUL)
 *   countedMultiSz              u32 cch + referent id / [size_is(cch)] wchar_t[] (max_count, chars)
 */
import { MalformedPacketError } from '../../common/errors';
import type { SystemTime } from '../../common/binary/filetime';
import type { NdrReader } from './ndr-reader';
import type { NdrWriter } from './ndr-writer';

export type NdrFieldKind =
  'u16' | 'u32' | 'u64' | 'filetime' | 'ulongPtr' | 'systemTime' | 'string' | 'ansiString' | 'countedMultiSz';
export type NdrValue = number | bigint | string | readonly string[] | SystemTime | undefined;
export type NdrRecord = Readonly<Record<string, NdrValue>>;

export interface NdrField {
  readonly name: string;
  readonly kind: NdrFieldKind;
}

export interface NdrStruct {
  readonly name: string;
  readonly fields: readonly NdrField[];
}

export function structAlignment(s: NdrStruct): number {
  let a = 2;
  for (const f of s.fields) {
    if (f.kind === 'u64') return 8;
    if (f.kind !== 'u16' && f.kind !== 'systemTime') a = 4;
  }
  return a;
}

export function decodeNdrStruct(r: NdrReader, s: NdrStruct): NdrRecord {
  r.align(structAlignment(s));
  const out: Record<string, NdrValue> = {};
  for (const f of s.fields) {
    const field = `${s.name}.${f.name}`;
    switch (f.kind) {
      case 'u16':
        out[f.name] = r.u16(field);
        break;
      case 'u32':
      case 'ulongPtr':
        out[f.name] = r.u32(field);
        break;
      case 'u64':
        out[f.name] = r.u64(field);
        break;
      case 'filetime': {
        const low = r.u32(field);
        const high = r.u32(field);
        out[f.name] = (BigInt(high) << 32n) | BigInt(low);
        break;
      }
      case 'systemTime': {
        const v = Array.from({ length: 8 }, () => r.u16(field));
        out[f.name] = {
          year: v[0] ?? 0,
          month: v[1] ?? 0,
          dayOfWeek: v[2] ?? 0,
          day: v[3] ?? 0,
          hour: v[4] ?? 0,
          minute: v[5] ?? 0,
          second: v[6] ?? 0,
          milliseconds: v[7] ?? 0,
        };
        break;
      }
      case 'string':
        out[f.name] = undefined;
        r.pointer(() => (out[f.name] = r.string(field)), true, field);
        break;
      case 'ansiString':
        out[f.name] = undefined;
        r.pointer(
          () => {
            const raw = r.conformantVaryingBytes(field).toString('latin1');
            const nul = raw.indexOf('\0');
            out[f.name] = nul === -1 ? raw : raw.slice(0, nul);
          },
          true,
          field,
        );
        break;
      case 'countedMultiSz': {
        const cch = r.u32(`${field}.cch`);
        out[f.name] = undefined;
        r.pointer(
          () => {
            const n = r.maxCount(2, field);
            if (n !== cch)
              throw new MalformedPacketError(`${field}: max_count ${n} differs from cch ${cch}`, { field });
            out[f.name] = splitMultiSz(r.bytes(n * 2, field).toString('utf16le'));
          },
          true,
          field,
        );
        break;
      }
    }
  }
  return out;
}

export function encodeNdrStruct(w: NdrWriter, s: NdrStruct, v: NdrRecord): void {
  w.align(structAlignment(s));
  for (const f of s.fields) {
    const value = v[f.name];
    switch (f.kind) {
      case 'u16':
        w.u16(typeof value === 'number' ? value : 0);
        break;
      case 'u32':
      case 'ulongPtr':
        w.u32(typeof value === 'number' ? value : 0);
        break;
      case 'u64':
        w.u64(typeof value === 'bigint' || typeof value === 'number' ? value : 0n);
        break;
      case 'filetime': {
        const ft = typeof value === 'bigint' ? value : 0n;
        w.u32(Number(ft & 0xffffffffn)).u32(Number(ft >> 32n));
        break;
      }
      case 'systemTime': {
        const t = value as SystemTime | undefined;
        for (const x of t
          ? [t.year, t.month, t.dayOfWeek, t.day, t.hour, t.minute, t.second, t.milliseconds]
          : [0, 0, 0, 0, 0, 0, 0, 0])
          w.u16(x);
        break;
      }
      case 'string':
        w.pointer(typeof value === 'string' ? value : undefined, (s2) => w.string(s2), true);
        break;
      case 'ansiString':
        w.pointer(
          typeof value === 'string' ? Buffer.from(`${value}\0`, 'latin1') : undefined,
          (b) => w.u32(b.length).u32(0).u32(b.length).bytes(b),
          true,
        );
        break;
      case 'countedMultiSz': {
        const list = Array.isArray(value) ? (value as readonly string[]) : undefined;
        const chars =
          list === undefined ? undefined : Buffer.from(list.map((x) => `${x}\0`).join('') + '\0', 'utf16le');
        w.u32(chars === undefined ? 0 : chars.length / 2);
        w.pointer(chars, (b) => w.u32(b.length / 2).bytes(b), true);
        break;
      }
    }
  }
}

function splitMultiSz(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split('\0')) {
    if (part === '') break;
    out.push(part);
  }
  return out;
}
