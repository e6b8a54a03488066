/**
 * The shapes [MS-RRP] methods share (2.2):
 *
 *   RRP_UNICODE_STRING (2.2.4): RPC_UNICODE_STRING whose Length counts the terminating NUL, and
 *     whose buffer (max_count = MaximumLength/2, actual_count = Length/2) is a caller-sized
 *     output area in EnumKey and EnumValue: the server answers into the client's MaximumLength.
 *   FILETIME: u32 dwLowDateTime | u32 dwHighDateTime.
 *   [unique] DWORD*: referent id then u32.
 *   [unique, size_is(*lpcbData), length_is(*lpcbLen)] BYTE* lpData: referent id, max_count,
 *     offset, actual_count, the bytes.
 */
import { MalformedPacketError } from '../../../common/errors';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';

/** A string as a client sends it: its text (NULs dropped), and the room it offers (bytes). */
export interface RrpString {
  readonly value: string | undefined;
  readonly maximumLength: number;
}

function readRrpStringBody(r: NdrReader, field: string, out: { value?: string; maximumLength: number }): void {
  r.align(4);
  const length = r.u16(`${field}.Length`);
  out.maximumLength = r.u16(`${field}.MaximumLength`);
  if (length % 2 !== 0 || length > out.maximumLength)
    throw new MalformedPacketError(`${field}: Length ${length} / MaximumLength ${out.maximumLength}`, { field });
  r.pointer(
    () => {
      const max = r.maxCount(0, field);
      const { offset, actual } = r.variance(max, field);
      if (offset !== 0 || actual * 2 !== length)
        throw new MalformedPacketError(`${field}: actual_count ${actual} disagrees with Length ${length}`, { field });
      out.value = r
        .bytes(actual * 2, field)
        .toString('utf16le')
        .replace(/\0+$/, '');
    },
    true,
    field,
  );
}

/** Writes `value` (a NUL appended) into a buffer of `maximumLength` bytes. */
function writeRrpStringBody(w: NdrWriter, s: RrpString): void {
  const bytes = s.value === undefined ? 0 : (s.value.length + 1) * 2;
  w.align(4).u16(bytes).u16(s.maximumLength);
  w.pointer(
    s.value,
    (v) => {
      w.u32(s.maximumLength / 2)
        .u32(0)
        .u32(v.length + 1);
      w.bytes(Buffer.from(`${v}\0`, 'utf16le'));
    },
    true,
  );
}

/** An RRP_UNICODE_STRING by value (or through a [ref] pointer): the structure, then its buffer. */
export function rrpString(field: string): NdrParam<RrpString> {
  return {
    read(r) {
      const out: { value?: string; maximumLength: number } = { maximumLength: 0 };
      readRrpStringBody(r, field, out);
      r.flushDeferred();
      return { value: out.value, maximumLength: out.maximumLength };
    },
    write(w, s) {
      writeRrpStringBody(w, s);
      w.flushDeferred();
    },
  };
}

/** A [unique] PRRP_UNICODE_STRING. */
export function uniqueRrpString(field: string): NdrParam<RrpString | undefined> {
  const inner = rrpString(field);
  return {
    read(r) {
      let v: RrpString | undefined;
      r.pointer(() => (v = inner.read(r)), false, field);
      return v;
    },
    write(w, v) {
      w.pointer(v, (s) => inner.write(w, s), false);
    },
  };
}

/** A [unique] DWORD*. */
export function uniqueDword(field: string): NdrParam<number | undefined> {
  return {
    read(r) {
      let v: number | undefined;
      r.pointer(() => (v = r.u32(field)), false, field);
      return v;
    },
    write(w, v) {
      w.pointer(v, (x) => w.u32(x), false);
    },
  };
}

/** FILETIME as a 64-bit count of 100 ns since 1601. */
export const fileTime = (field: string): NdrParam<bigint> => ({
  read(r) {
    const low = r.u32(`${field}.dwLowDateTime`);
    const high = r.u32(`${field}.dwHighDateTime`);
    return (BigInt(high) << 32n) | BigInt(low);
  },
  write(w, v) {
    w.u32(Number(v & 0xffffffffn)).u32(Number(v >> 32n));
  },
});

export function uniqueFileTime(field: string): NdrParam<bigint | undefined> {
  const inner = fileTime(field);
  return {
    read(r) {
      let v: bigint | undefined;
      r.pointer(() => (v = inner.read(r)), false, field);
      return v;
    },
    write(w, v) {
      w.pointer(v, (x) => inner.write(w, x), false);
    },
  };
}

/** The value data area: the room the client offers (max_count) and the bytes in it. */
export interface DataArea {
  readonly size: number;
  readonly data: Buffer;
}

/** [unique, size_is(*lpcbData), length_is(*lpcbLen)] BYTE* lpData. */
export function uniqueDataArea(field: string): NdrParam<DataArea | undefined> {
  return {
    read(r) {
      let v: DataArea | undefined;
      r.pointer(
        () => {
          const size = r.maxCount(0, field);
          const { offset, actual } = r.variance(size, field);
          if (offset !== 0) throw new MalformedPacketError(`${field}: offset ${offset}`, { field });
          v = { size, data: Buffer.from(r.bytes(actual, field)) };
        },
        false,
        field,
      );
      return v;
    },
    write(w, v) {
      w.pointer(
        v,
        (a) => {
          w.u32(a.size).u32(0).u32(a.data.length);
          w.bytes(a.data);
        },
        false,
      );
    },
  };
}
