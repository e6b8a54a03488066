/**
 * The [MS-DTYP] structures the LSA, SAMR and winreg interfaces share, in NDR 2.0:
 *
 *   RPC_UNICODE_STRING (2.3.10): u16 Length (bytes, no NUL) | u16 MaximumLength |
 *     [unique, size_is(MaximumLength/2), length_is(Length/2)] wchar* Buffer
 *     -> deferred: u32 max_count | u32 offset | u32 actual_count | actual_count UTF-16 units
 *   RPC_SID (2.4.2.3): a conformant structure, its max_count hoisted before it:
 *     u32 max_count | u8 Revision | u8 SubAuthorityCount | u8[6] IdentifierAuthority (big-endian) |
 *     u32 SubAuthority[SubAuthorityCount]
 * Pure codec: bounds-checked through NdrReader, MalformedPacketError on anything inconsistent.
 */
import { MalformedPacketError } from '../../common/errors';
import type { NdrReader } from './ndr-reader';
import type { NdrWriter } from './ndr-writer';

/** [MS-DTYP] 2.4.2.3: at most 15 sub-authorities. */
export const SID_MAX_SUB_AUTHORITIES = 15;

/**
 * An embedded RPC_UNICODE_STRING: the two lengths now, the buffer deferred. `set` receives the
 * string (undefined for a NULL buffer) once the deferred part is read.
 */
export function readUnicodeString(r: NdrReader, field: string, set: (value: string | undefined) => void): void {
  r.align(4); // the structure holds a pointer: 4-aligned
  const length = r.u16(`${field}.Length`);
  const maximumLength = r.u16(`${field}.MaximumLength`);
  if (length % 2 !== 0 || length > maximumLength)
    throw new MalformedPacketError(`${field}: Length ${length} / MaximumLength ${maximumLength}`, { field });
  const present = r.pointer(
    () => {
      const max = r.maxCount(0, field);
      const { offset, actual } = r.variance(max, field);
      if (offset !== 0 || actual * 2 !== length)
        throw new MalformedPacketError(`${field}: actual_count ${actual} disagrees with Length ${length}`, { field });
      set(r.bytes(actual * 2, field).toString('utf16le'));
    },
    true,
    field,
  );
  if (!present) set(undefined);
}

/** An embedded RPC_UNICODE_STRING (the buffer deferred); undefined writes a NULL buffer. */
export function writeUnicodeString(w: NdrWriter, value: string | undefined): void {
  const bytes = value === undefined ? 0 : Buffer.byteLength(value, 'utf16le');
  w.align(4).u16(bytes).u16(bytes);
  w.pointer(
    value,
    (v) => {
      w.u32(v.length).u32(0).u32(v.length);
      w.bytes(Buffer.from(v, 'utf16le'));
    },
    true,
  );
}

/** The pointee of a PRPC_SID, as "S-1-5-21-...". */
export function readSid(r: NdrReader, field = 'Sid'): string {
  const max = r.maxCount(4, field);
  const revision = r.u8(`${field}.Revision`);
  const count = r.u8(`${field}.SubAuthorityCount`);
  if (count !== max || count > SID_MAX_SUB_AUTHORITIES || revision !== 1)
    throw new MalformedPacketError(`${field}: revision ${revision}, ${count} sub-authorities (max_count ${max})`, {
      field,
    });
  const authority = r.bytes(6, `${field}.IdentifierAuthority`).readUIntBE(0, 6);
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(r.u32(`${field}.SubAuthority`));
  return ['S', '1', String(authority), ...subs.map(String)].join('-');
}

/** The parts of a SID string; throws for anything that is not one. */
export function parseSid(sid: string): { authority: number; subAuthorities: number[] } {
  const parts = sid.toUpperCase().split('-');
  if (parts[0] !== 'S' || parts[1] !== '1' || parts.length < 3 || !parts.slice(2).every((p) => /^\d{1,15}$/.test(p)))
    throw new MalformedPacketError(`not a SID: ${sid}`, { field: 'sid' });
  const subAuthorities = parts.slice(3).map(Number);
  if (subAuthorities.length > SID_MAX_SUB_AUTHORITIES || subAuthorities.some((s) => s > 0xffffffff))
    throw new MalformedPacketError(`not a SID: ${sid}`, { field: 'sid' });
  return { authority: Number(parts[2]), subAuthorities };
}

/** The pointee of a PRPC_SID. */
export function writeSid(w: NdrWriter, sid: string): void {
  const { authority, subAuthorities } = parseSid(sid);
  w.u32(subAuthorities.length);
  w.u8(1).u8(subAuthorities.length);
  const auth = Buffer.alloc(6);
  auth.writeUIntBE(authority, 0, 6);
  w.bytes(auth);
  for (const s of subAuthorities) w.u32(s);
}

/** The SID of a domain and a relative id. */
export function sidWithRid(domainSid: string, rid: number): string {
  return `${domainSid}-${rid >>> 0}`;
}

/** The domain part and the RID of a SID with at least one sub-authority. */
export function splitSid(sid: string): { domainSid: string; rid: number } | undefined {
  const { authority, subAuthorities } = parseSid(sid);
  const rid = subAuthorities.at(-1);
  if (rid === undefined) return undefined;
  return { domainSid: ['S', '1', String(authority), ...subAuthorities.slice(0, -1)].join('-'), rid };
}
