/**
 * Self-relative SECURITY_DESCRIPTOR — [MS-DTYP] 2.4.6, with SIDs (2.4.2.2), ACLs (2.4.5),
 * ACCESS_ALLOWED_ACE (2.4.4.2) and ACCESS_DENIED_ACE (2.4.4.4). Pure codec, shared by the
 * PRINT$ share (SMB2 QUERY_INFO security) and the spooler (PRINTER_INFO_2/3 pSecurityDescriptor).
 *
 *   Revision 1 | Sbz1 1 | Control 2 | OffsetOwner 4 | OffsetGroup 4 | OffsetSacl 4 | OffsetDacl 4
 *   then Owner SID, Group SID, DACL (offsets from the descriptor start; 0 = absent)
 *   SID: Revision 1 | SubAuthorityCount 1 | IdentifierAuthority 6 (big-endian) | SubAuthority 4*n
 *   ACL: AclRevision 1 | Sbz1 1 | AclSize 2 | AceCount 2 | Sbz2 2 | ACEs
 *   ACE: AceType 1 | AceFlags 1 | AceSize 2 | Mask 4 | Sid
 */
import { BufferReader } from './binary/buffer-reader';
import { BufferWriter } from './binary/buffer-writer';
import { MalformedPacketError } from './errors';

export const SE_DACL_PRESENT = 0x0004;
export const SE_SACL_PRESENT = 0x0010;
export const SE_SELF_RELATIVE = 0x8000;
export const ACCESS_ALLOWED_ACE_TYPE = 0x00;
export const ACCESS_DENIED_ACE_TYPE = 0x01;
export const ACL_REVISION = 2;

/** [MS-DTYP] 2.4.4.1 AceFlags. */
export const AceFlag = {
  OBJECT_INHERIT_ACE: 0x01,
  CONTAINER_INHERIT_ACE: 0x02,
  NO_PROPAGATE_INHERIT_ACE: 0x04,
  INHERIT_ONLY_ACE: 0x08,
  INHERITED_ACE: 0x10,
} as const;

/** [MS-DTYP] 2.4.2.4 well-known SIDs. */
export const WellKnownSid = {
  EVERYONE: 'S-1-1-0',
  CREATOR_OWNER: 'S-1-3-0',
  LOCAL_SYSTEM: 'S-1-5-18',
  BUILTIN_ADMINISTRATORS: 'S-1-5-32-544',
  BUILTIN_USERS: 'S-1-5-32-545',
} as const;

export interface Ace {
  /** ACCESS_ALLOWED_ACE_TYPE (the default) or ACCESS_DENIED_ACE_TYPE. */
  readonly type?: number;
  readonly sid: string;
  readonly mask: number;
  readonly flags: number;
}

export interface SecurityDescriptor {
  readonly owner?: string;
  readonly group?: string;
  readonly dacl?: readonly Ace[];
}

export function encodeSid(w: BufferWriter, sid: string): void {
  const parts = sid.split('-');
  const numeric = parts.slice(1).every((p) => /^\d+$/.test(p));
  if (parts[0] !== 'S' || parts.length < 3 || parts.length > 18 || !numeric)
    throw new MalformedPacketError(`not a SID: ${sid}`, { field: 'sid' });
  const revision = Number(parts[1]);
  const authority = BigInt(parts[2] ?? '0');
  const subs = parts.slice(3).map(Number);
  if (subs.some((s) => s > 0xffffffff)) throw new MalformedPacketError(`not a SID: ${sid}`, { field: 'sid' });
  w.u8(revision).u8(subs.length);
  const auth = Buffer.alloc(8);
  auth.writeBigUInt64BE(authority);
  w.bytes(auth.subarray(2));
  for (const s of subs) w.u32(s);
}

/** Encodes the parts present in `sd`, in the order Windows lays them out (owner, group, DACL). */
export function encodeSecurityDescriptor(sd: SecurityDescriptor): Buffer {
  const w = new BufferWriter(256);
  w.u8(1)
    .u8(0)
    .u16(SE_SELF_RELATIVE | (sd.dacl !== undefined ? SE_DACL_PRESENT : 0));
  const ownerOffset = w.reserveU32();
  const groupOffset = w.reserveU32();
  w.u32(0);
  const daclOffset = w.reserveU32();
  if (sd.owner !== undefined) {
    w.patch(ownerOffset, w.offset);
    encodeSid(w, sd.owner);
  }
  if (sd.group !== undefined) {
    w.patch(groupOffset, w.offset);
    encodeSid(w, sd.group);
  }
  if (sd.dacl !== undefined) {
    w.patch(daclOffset, w.offset);
    const aclStart = w.offset;
    w.u8(ACL_REVISION).u8(0);
    const aclSize = w.reserveU16();
    w.u16(sd.dacl.length).u16(0);
    for (const ace of sd.dacl) {
      const aceStart = w.offset;
      w.u8(ace.type ?? ACCESS_ALLOWED_ACE_TYPE).u8(ace.flags);
      const aceSize = w.reserveU16();
      w.u32(ace.mask >>> 0);
      encodeSid(w, ace.sid);
      w.patch(aceSize, w.offset - aceStart);
    }
    w.patch(aclSize, w.offset - aclStart);
  }
  return w.finish();
}

export function decodeSid(r: BufferReader): string {
  const revision = r.u8('Sid.Revision');
  const count = r.u8('Sid.SubAuthorityCount');
  if (count > 15) throw new MalformedPacketError(`SID with ${count} sub-authorities`, { field: 'Sid' });
  const authority = (BigInt(r.u16be('Sid.IdentifierAuthority')) << 32n) | BigInt(r.u32be('Sid.IdentifierAuthority'));
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(r.u32('Sid.SubAuthority'));
  return ['S', String(revision), authority.toString(), ...subs.map(String)].join('-');
}

/** An ACL at `at`: its allow and deny ACEs in order (the other types are skipped by size). */
function decodeAcl(buf: Buffer, at: number): Ace[] {
  const head = new BufferReader(buf, at);
  head.u8('Acl.AclRevision');
  head.u8('Acl.Sbz1');
  const size = head.u16('Acl.AclSize');
  const count = head.u16('Acl.AceCount');
  head.u16('Acl.Sbz2');
  if (size < 8 || at + size > buf.length)
    throw new MalformedPacketError(`ACL of ${size} bytes at ${at}`, { field: 'Acl.AclSize' });
  const acl = new BufferReader(buf, at, at + size);
  acl.seek(at + 8, 'Acl');
  const aces: Ace[] = [];
  for (let i = 0; i < count; i++) {
    const start = acl.offset;
    const type = acl.u8('Ace.AceType');
    const flags = acl.u8('Ace.AceFlags');
    const aceSize = acl.u16('Ace.AceSize');
    if (aceSize < 8) throw new MalformedPacketError(`ACE of ${aceSize} bytes`, { field: 'Ace.AceSize' });
    const body = new BufferReader(buf, acl.offset, start + aceSize);
    const mask = body.u32('Ace.Mask');
    if (type === ACCESS_ALLOWED_ACE_TYPE || type === ACCESS_DENIED_ACE_TYPE)
      aces.push({ type, flags, mask, sid: decodeSid(body) });
    acl.seek(start + aceSize, 'Ace');
  }
  return aces;
}

/**
 * Decodes a self-relative descriptor: owner, group and DACL (a SACL is checked, not kept). The
 * bytes themselves are what a printer keeps; this is their reading for the access checks.
 */
export function decodeSecurityDescriptor(buf: Buffer): SecurityDescriptor {
  const r = new BufferReader(buf);
  const revision = r.u8('Revision');
  if (revision !== 1) throw new MalformedPacketError(`security descriptor revision ${revision}`, { field: 'Revision' });
  r.u8('Sbz1');
  const control = r.u16('Control');
  if ((control & SE_SELF_RELATIVE) === 0)
    throw new MalformedPacketError('security descriptor is not self-relative', { field: 'Control' });
  const ownerAt = r.u32('OffsetOwner');
  const groupAt = r.u32('OffsetGroup');
  const saclAt = r.u32('OffsetSacl');
  const daclAt = r.u32('OffsetDacl');
  const sidAt = (at: number): string => decodeSid(new BufferReader(buf, at));
  const out: { owner?: string; group?: string; dacl?: Ace[] } = {};
  if (ownerAt !== 0) out.owner = sidAt(ownerAt);
  if (groupAt !== 0) out.group = sidAt(groupAt);
  if ((control & SE_DACL_PRESENT) !== 0 && daclAt !== 0) out.dacl = decodeAcl(buf, daclAt);
  // The SACL is not interpreted, but a stored descriptor's parts must all lie within it.
  if ((control & SE_SACL_PRESENT) !== 0 && saclAt !== 0) decodeAcl(buf, saclAt);
  return out;
}
