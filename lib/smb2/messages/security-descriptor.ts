/**
 * Self-relative SECURITY_DESCRIPTOR — [MS-DTYP] 2.4.6, with SIDs (2.4.2.2), ACLs (2.4.5) and
 * ACCESS_ALLOWED_ACEs (2.4.4.2), for QUERY_INFO SMB2_0_INFO_SECURITY.
 *
 *   Revision 1 | Sbz1 1 | Control 2 | OffsetOwner 4 | OffsetGroup 4 | OffsetSacl 4 | OffsetDacl 4
 *   then Owner SID, Group SID, DACL (offsets from the descriptor start; 0 = absent)
 *   SID: Revision 1 | SubAuthorityCount 1 | IdentifierAuthority 6 (big-endian) | SubAuthority 4*n
 *   ACL: AclRevision 1 | Sbz1 1 | AclSize 2 | AceCount 2 | Sbz2 2 | ACEs
 *   ACE: AceType 1 | AceFlags 1 | AceSize 2 | Mask 4 | Sid
 */
import { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';

export const SE_DACL_PRESENT = 0x0004;
export const SE_SELF_RELATIVE = 0x8000;
export const ACCESS_ALLOWED_ACE_TYPE = 0x00;
export const ACL_REVISION = 2;

export const WellKnownSid = {
  EVERYONE: 'S-1-1-0',
  LOCAL_SYSTEM: 'S-1-5-18',
  BUILTIN_ADMINISTRATORS: 'S-1-5-32-544',
  BUILTIN_USERS: 'S-1-5-32-545',
} as const;

export interface Ace {
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
  if (parts[0] !== 'S' || parts.length < 3) throw new MalformedPacketError(`not a SID: ${sid}`, { field: 'sid' });
  const revision = Number(parts[1]);
  const authority = BigInt(parts[2] ?? '0');
  const subs = parts.slice(3).map(Number);
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
      w.u8(ACCESS_ALLOWED_ACE_TYPE).u8(ace.flags);
      const aceSize = w.reserveU16();
      w.u32(ace.mask);
      encodeSid(w, ace.sid);
      w.patch(aceSize, w.offset - aceStart);
    }
    w.patch(aclSize, w.offset - aclStart);
  }
  return w.finish();
}
