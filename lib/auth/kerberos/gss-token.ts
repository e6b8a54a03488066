/**
 * The Kerberos V5 GSS-API mechanism's token framing — RFC 1964 1.1 / RFC 4121 4.1 and RFC 2743 3.1:
 *
 *   InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech OID, innerContextToken }
 *   innerContextToken   ::= TOK_ID (2 bytes: 01 00 AP-REQ, 02 00 AP-REP, 03 00 KRB-ERROR) || DER message
 *
 * Windows offers the mechanism under two OIDs: 1.2.840.113554.1.2.2 (RFC 1964) and its historical
 * 1.2.840.48018.1.2.2 ([MS-KILE] 3.1.5.11, the "MS KRB5" OID); both frame the same tokens. The inner
 * token is not DER, so the framing is read by hand.
 *
 * Also the authenticator checksum of RFC 4121 4.1.1 (cksumtype 0x8003), little-endian:
 *   Lgth (4) = 16 | Bnd (16, channel-binding hash) | Flags (4) | [DlgOpt (2) | Dlgth (2) | Deleg] | [Exts]
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';

export const KRB5_OID = '1.2.840.113554.1.2.2';
export const MS_KRB5_OID = '1.2.840.48018.1.2.2';

// DER of each OID (tag 06, length 9, value).
const OID_BYTES = new Map<string, Buffer>([
  [KRB5_OID, Buffer.from('06092a864886f712010202', 'hex')],
  [MS_KRB5_OID, Buffer.from('06092a864882f712010202', 'hex')],
]);

export const GssTokenId = {
  KRB_AP_REQ: 0x0100,
  KRB_AP_REP: 0x0200,
  KRB_ERROR: 0x0300,
} as const;
export type GssTokenId = (typeof GssTokenId)[keyof typeof GssTokenId];

export interface GssKrb5Token {
  readonly mechOid: string;
  readonly tokenId: number;
  /** The DER Kerberos message after TOK_ID. */
  readonly message: Buffer;
}

function malformed(message: string, offset?: number): MalformedPacketError {
  return new MalformedPacketError(`GSS krb5 token: ${message}`, {
    field: 'InitialContextToken',
    ...(offset !== undefined && { offset }),
  });
}

/** A DER definite length (short or long form, at most 4 length bytes). */
function readLength(r: BufferReader): number {
  const first = r.u8('length');
  if (first < 0x80) return first;
  const n = first & 0x7f;
  if (n === 0 || n > 4) throw malformed(`unsupported length form 0x${first.toString(16)}`, r.offset - 1);
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + r.u8('length');
  return len;
}

function writeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Whether `token` starts like a krb5 InitialContextToken (for sniffing raw, non-SPNEGO tokens). */
export function isGssKrb5Token(token: Uint8Array): boolean {
  try {
    decodeGssKrb5Token(Buffer.from(token));
    return true;
  } catch {
    return false;
  }
}

export function decodeGssKrb5Token(token: Buffer): GssKrb5Token {
  const r = new BufferReader(token);
  if (r.u8('tag') !== 0x60) throw malformed('not [APPLICATION 0]', 0);
  const length = readLength(r);
  if (length !== r.remaining) throw malformed(`length ${length} but ${r.remaining} bytes follow`);
  const oidStart = r.offset;
  if (r.u8('thisMech tag') !== 0x06) throw malformed('thisMech is not an OID', oidStart);
  const oidLength = readLength(r);
  r.skip(oidLength, 'thisMech');
  const oidDer = token.subarray(oidStart, r.offset);
  const mechOid = [...OID_BYTES].find(([, der]) => der.equals(oidDer))?.[0];
  if (mechOid === undefined) throw malformed(`mechanism ${oidDer.toString('hex')} is not Kerberos V5`, oidStart);
  const tokenId = r.u16be('TOK_ID');
  if (r.remaining === 0) throw malformed('no Kerberos message after TOK_ID');
  return { mechOid, tokenId, message: Buffer.from(r.bytes(r.remaining)) };
}

export function encodeGssKrb5Token(mechOid: string, tokenId: GssTokenId, message: Buffer): Buffer {
  const oid = OID_BYTES.get(mechOid);
  if (!oid) throw new RangeError(`${mechOid} is not a Kerberos mechanism OID`);
  const id = Buffer.alloc(2);
  id.writeUInt16BE(tokenId);
  const body = Buffer.concat([oid, id, message]);
  return Buffer.concat([Buffer.from([0x60]), writeLength(body.length), body]);
}

export interface GssAuthenticatorChecksum {
  readonly channelBindingHash: Buffer;
  readonly flags: number;
  /** KRB-CRED of a delegated TGT (GSS_C_DELEG_FLAG), ignored by pointprint. */
  readonly delegation?: Buffer;
}

export function decodeGssAuthenticatorChecksum(bytes: Buffer): GssAuthenticatorChecksum {
  const r = new BufferReader(bytes);
  const lgth = r.u32('Lgth');
  if (lgth !== 16) throw new MalformedPacketError(`GSS checksum: Lgth ${lgth}, expected 16`, { field: 'Lgth' });
  const channelBindingHash = Buffer.from(r.bytes(16, 'Bnd'));
  const flags = r.u32('Flags');
  let delegation: Buffer | undefined;
  if ((flags & 1) !== 0 && r.remaining >= 4) {
    r.u16('DlgOpt');
    delegation = Buffer.from(r.bytes(r.u16('Dlgth'), 'Deleg'));
  }
  return { channelBindingHash, flags, ...(delegation && { delegation }) };
}

export function encodeGssAuthenticatorChecksum(flags: number, channelBindingHash = Buffer.alloc(16)): Buffer {
  return new BufferWriter(24).u32(16).bytes(channelBindingHash).u32(flags).finish();
}
