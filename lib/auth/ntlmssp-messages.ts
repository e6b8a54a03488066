/**
 * NTLMSSP message codecs — [MS-NLMP] 2.2.1.1 NEGOTIATE, 2.2.1.2 CHALLENGE, 2.2.1.3 AUTHENTICATE,
 * 2.2.2.1 AV_PAIR, 2.2.2.10 VERSION. Pure: bytes in, values out; every read goes through
 * BufferReader. Offsets in the *Fields are relative to the start of the message.
 *
 *   Fields (8 bytes): Len u16 | MaxLen u16 | BufferOffset u32
 *   VERSION (8): ProductMajor u8 | ProductMinor u8 | ProductBuild u16 | Reserved[3] | NTLMRevision u8
 *
 *   NEGOTIATE     0 Signature "NTLMSSP\0" | 8 MessageType=1 | 12 NegotiateFlags
 *                16 DomainNameFields | 24 WorkstationFields | 32 Version | 40 Payload (OEM strings)
 *   CHALLENGE     0 Signature | 8 MessageType=2 | 12 TargetNameFields | 20 NegotiateFlags
 *                24 ServerChallenge[8] | 32 Reserved[8] | 40 TargetInfoFields | 48 Version | 56 Payload
 *   AUTHENTICATE  0 Signature | 8 MessageType=3 | 12 LmChallengeResponseFields | 20 NtChallengeResponseFields
 *                28 DomainNameFields | 36 UserNameFields | 44 WorkstationFields
 *                52 EncryptedRandomSessionKeyFields | 60 NegotiateFlags | 64 Version | 72 MIC[16] | 88 Payload
 *   Older clients (ntlm@0.1 used by @marsaud/smb2) end the AUTHENTICATE header at 64: the Version
 *   and MIC are present only when the payload starts after them.
 *   AV_PAIR: AvId u16 | AvLen u16 | Value[AvLen]; the list ends with MsvAvEOL (0, 0).
 */
import { BufferReader } from '../common/binary/buffer-reader';
import { BufferWriter, type Patch } from '../common/binary/buffer-writer';
import { MalformedPacketError } from '../common/errors';
import { MsvAv, NTLMSSP_SIGNATURE, NtlmMessageType, NtlmNegotiateFlag, hasNtlmFlag } from './ntlm-constants';

export interface NtlmVersion {
  readonly productMajorVersion: number;
  readonly productMinorVersion: number;
  readonly productBuild: number;
  readonly ntlmRevisionCurrent: number;
}

export interface AvPair {
  readonly id: number;
  readonly value: Buffer;
}

export interface NtlmNegotiateMessage {
  readonly flags: number;
  readonly domainName: string;
  readonly workstation: string;
  readonly version?: NtlmVersion;
}

export interface NtlmChallengeMessage {
  readonly flags: number;
  readonly targetName: string;
  readonly serverChallenge: Buffer;
  /** Decoded AV pairs, MsvAvEOL excluded. */
  readonly targetInfo: readonly AvPair[];
  /** The TargetInfo bytes as carried (NTLMv2 clients echo them in their blob). */
  readonly targetInfoBytes: Buffer;
  readonly version?: NtlmVersion;
}

export interface NtlmAuthenticateMessage {
  readonly flags: number;
  readonly lmChallengeResponse: Buffer;
  readonly ntChallengeResponse: Buffer;
  readonly domainName: string;
  readonly userName: string;
  readonly workstation: string;
  readonly encryptedRandomSessionKey: Buffer;
  readonly version?: NtlmVersion;
  /** The 16-byte MIC field, when the message has one (header reaches offset 88). */
  readonly mic?: Buffer;
}

/** Where the MIC sits in an AUTHENTICATE message that carries one. */
export const AUTHENTICATE_MIC_OFFSET = 72;
const AUTHENTICATE_FIXED = 64;

export function isNtlmssp(token: Buffer): boolean {
  return token.length >= 12 && token.subarray(0, 8).equals(NTLMSSP_SIGNATURE);
}

/** The MessageType of an NTLMSSP message (throws MalformedPacketError if it is not one). */
export function ntlmMessageType(token: Buffer): number {
  const r = new BufferReader(token);
  readSignature(r);
  return r.u32('MessageType');
}

function readSignature(r: BufferReader): void {
  const sig = r.bytes(8, 'Signature');
  if (!sig.equals(NTLMSSP_SIGNATURE))
    throw new MalformedPacketError('not an NTLMSSP message', { offset: 0, field: 'Signature' });
}

function expectType(r: BufferReader, type: NtlmMessageType): void {
  const at = r.offset;
  const got = r.u32('MessageType');
  if (got !== type)
    throw new MalformedPacketError(`NTLMSSP MessageType ${got}, expected ${type}`, {
      offset: at,
      field: 'MessageType',
    });
}

interface FieldRef {
  readonly length: number;
  readonly offset: number;
}

function readFields(r: BufferReader, field: string): FieldRef {
  const length = r.u16(`${field}Len`);
  r.u16(`${field}MaxLen`);
  const offset = r.u32(`${field}BufferOffset`);
  return { length, offset };
}

function payload(r: BufferReader, ref: FieldRef, field: string): Buffer {
  if (ref.length === 0) return Buffer.alloc(0);
  return Buffer.from(r.slice(ref.offset, ref.length, field));
}

function decodeString(r: BufferReader, ref: FieldRef, unicode: boolean, field: string): string {
  const bytes = payload(r, ref, field);
  if (!unicode) return bytes.toString('latin1');
  if (bytes.length % 2 !== 0)
    throw new MalformedPacketError(`${field}: odd UTF-16 length ${bytes.length}`, { offset: ref.offset, field });
  return bytes.toString('utf16le');
}

function readVersion(r: BufferReader): NtlmVersion {
  const productMajorVersion = r.u8('ProductMajorVersion');
  const productMinorVersion = r.u8('ProductMinorVersion');
  const productBuild = r.u16('ProductBuild');
  r.skip(3, 'Version.Reserved');
  const ntlmRevisionCurrent = r.u8('NTLMRevisionCurrent');
  return { productMajorVersion, productMinorVersion, productBuild, ntlmRevisionCurrent };
}

function writeVersion(w: BufferWriter, v: NtlmVersion | undefined): void {
  if (!v) {
    w.zeros(8);
    return;
  }
  w.u8(v.productMajorVersion).u8(v.productMinorVersion).u16(v.productBuild).zeros(3).u8(v.ntlmRevisionCurrent);
}

/** Lowest BufferOffset among non-empty fields: where the fixed header really ends. */
function payloadStart(refs: readonly FieldRef[], messageLength: number): number {
  let start = messageLength;
  for (const ref of refs) if (ref.length > 0 && ref.offset < start) start = ref.offset;
  return start;
}

// ---- AV pairs ---------------------------------------------------------------------------

export function decodeAvPairs(bytes: Buffer): AvPair[] {
  const r = new BufferReader(bytes);
  const pairs: AvPair[] = [];
  for (;;) {
    if (r.remaining === 0) return pairs; // tolerated: some clients omit the EOL
    const id = r.u16('AvId');
    const len = r.u16('AvLen');
    const value = Buffer.from(r.bytes(len, 'AV_PAIR Value'));
    if (id === MsvAv.MsvAvEOL) return pairs;
    pairs.push({ id, value });
  }
}

/** Encodes the pairs and the closing MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const w = new BufferWriter(128);
  for (const p of pairs) {
    if (p.id === MsvAv.MsvAvEOL) continue;
    w.u16(p.id).u16(p.value.length).bytes(p.value);
  }
  w.u16(MsvAv.MsvAvEOL).u16(0);
  return w.finish();
}

export function findAvPair(pairs: readonly AvPair[], id: number): Buffer | undefined {
  return pairs.find((p) => p.id === id)?.value;
}

// ---- NEGOTIATE --------------------------------------------------------------------------

export function decodeNtlmNegotiate(token: Buffer): NtlmNegotiateMessage {
  const r = new BufferReader(token);
  readSignature(r);
  expectType(r, NtlmMessageType.NtLmNegotiate);
  const flags = r.u32('NegotiateFlags');
  // Some clients (ntlm@0.1) end the header right after the flags or the fields.
  const domain = r.remaining >= 8 ? readFields(r, 'DomainName') : { length: 0, offset: 0 };
  const workstation = r.remaining >= 8 ? readFields(r, 'Workstation') : { length: 0, offset: 0 };
  const start = payloadStart([domain, workstation], token.length);
  const version =
    hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_VERSION) && start >= 40 && r.remaining >= 8
      ? readVersion(r)
      : undefined;
  return {
    flags,
    domainName: decodeString(r, domain, false, 'DomainName'),
    workstation: decodeString(r, workstation, false, 'Workstation'),
    ...(version && { version }),
  };
}

export function encodeNtlmNegotiate(msg: NtlmNegotiateMessage): Buffer {
  const w = new BufferWriter(64);
  w.bytes(NTLMSSP_SIGNATURE).u32(NtlmMessageType.NtLmNegotiate).u32(msg.flags);
  const domain = reserveFields(w);
  const workstation = reserveFields(w);
  writeVersion(w, msg.version);
  fillFields(w, domain, Buffer.from(msg.domainName, 'latin1'));
  fillFields(w, workstation, Buffer.from(msg.workstation, 'latin1'));
  return w.finish();
}

interface ReservedFields {
  readonly len: Patch;
  readonly maxLen: Patch;
  readonly offset: Patch;
}

function reserveFields(w: BufferWriter): ReservedFields {
  return { len: w.reserveU16(), maxLen: w.reserveU16(), offset: w.reserveU32() };
}

function fillFields(w: BufferWriter, f: ReservedFields, bytes: Buffer): void {
  w.patch(f.len, bytes.length).patch(f.maxLen, bytes.length).patch(f.offset, w.offset);
  w.bytes(bytes);
}

function encodeString(s: string, unicode: boolean): Buffer {
  return Buffer.from(s, unicode ? 'utf16le' : 'latin1');
}

// ---- CHALLENGE --------------------------------------------------------------------------

export function decodeNtlmChallenge(token: Buffer): NtlmChallengeMessage {
  const r = new BufferReader(token);
  readSignature(r);
  expectType(r, NtlmMessageType.NtLmChallenge);
  const targetNameRef = readFields(r, 'TargetName');
  const flags = r.u32('NegotiateFlags');
  const serverChallenge = Buffer.from(r.bytes(8, 'ServerChallenge'));
  // Reserved and TargetInfoFields are missing from the shortest (NTLMv1-era) CHALLENGE messages.
  let targetInfoRef: FieldRef = { length: 0, offset: 0 };
  if (r.remaining >= 16 && payloadStart([targetNameRef], token.length) >= 48) {
    r.skip(8, 'Reserved');
    targetInfoRef = readFields(r, 'TargetInfo');
  }
  const start = payloadStart([targetNameRef, targetInfoRef], token.length);
  const version =
    hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_VERSION) && start >= 56 && r.remaining >= 8
      ? readVersion(r)
      : undefined;
  const unicode = hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE);
  const targetInfoBytes = payload(r, targetInfoRef, 'TargetInfo');
  return {
    flags,
    targetName: decodeString(r, targetNameRef, unicode, 'TargetName'),
    serverChallenge,
    targetInfo: decodeAvPairs(targetInfoBytes),
    targetInfoBytes,
    ...(version && { version }),
  };
}

export interface NtlmChallengeInput {
  readonly flags: number;
  readonly targetName: string;
  readonly serverChallenge: Buffer;
  readonly targetInfo: readonly AvPair[];
  readonly version?: NtlmVersion;
}

export function encodeNtlmChallenge(msg: NtlmChallengeInput): Buffer {
  const unicode = hasNtlmFlag(msg.flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE);
  const w = new BufferWriter(256);
  w.bytes(NTLMSSP_SIGNATURE).u32(NtlmMessageType.NtLmChallenge);
  const targetName = reserveFields(w);
  w.u32(msg.flags).bytes(msg.serverChallenge).zeros(8);
  const targetInfo = reserveFields(w);
  writeVersion(w, msg.version);
  fillFields(w, targetName, encodeString(msg.targetName, unicode));
  fillFields(w, targetInfo, encodeAvPairs(msg.targetInfo));
  return w.finish();
}

// ---- AUTHENTICATE -----------------------------------------------------------------------

export function decodeNtlmAuthenticate(token: Buffer): NtlmAuthenticateMessage {
  const r = new BufferReader(token);
  readSignature(r);
  expectType(r, NtlmMessageType.NtLmAuthenticate);
  const lm = readFields(r, 'LmChallengeResponse');
  const nt = readFields(r, 'NtChallengeResponse');
  const domain = readFields(r, 'DomainName');
  const user = readFields(r, 'UserName');
  const workstation = readFields(r, 'Workstation');
  const sessionKey = readFields(r, 'EncryptedRandomSessionKey');
  const flags = r.u32('NegotiateFlags');
  const start = payloadStart([lm, nt, domain, user, workstation, sessionKey], token.length);
  if (start < AUTHENTICATE_FIXED) {
    throw new MalformedPacketError(`AUTHENTICATE payload at ${start} overlaps the header`, {
      offset: start,
      field: 'BufferOffset',
    });
  }
  let version: NtlmVersion | undefined;
  let mic: Buffer | undefined;
  if (start >= AUTHENTICATE_MIC_OFFSET) {
    const v = readVersion(r);
    if (hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_VERSION)) version = v;
    if (start >= AUTHENTICATE_MIC_OFFSET + 16) mic = Buffer.from(r.bytes(16, 'MIC'));
  }
  const unicode = hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE);
  return {
    flags,
    lmChallengeResponse: payload(r, lm, 'LmChallengeResponse'),
    ntChallengeResponse: payload(r, nt, 'NtChallengeResponse'),
    domainName: decodeString(r, domain, unicode, 'DomainName'),
    userName: decodeString(r, user, unicode, 'UserName'),
    workstation: decodeString(r, workstation, unicode, 'Workstation'),
    encryptedRandomSessionKey: payload(r, sessionKey, 'EncryptedRandomSessionKey'),
    ...(version && { version }),
    ...(mic && { mic }),
  };
}

export interface NtlmAuthenticateInput {
  readonly flags: number;
  readonly lmChallengeResponse: Buffer;
  readonly ntChallengeResponse: Buffer;
  readonly domainName: string;
  readonly userName: string;
  readonly workstation: string;
  readonly encryptedRandomSessionKey: Buffer;
  readonly version?: NtlmVersion;
  /** Reserve the 16-byte MIC field (zeroed; the caller patches it at AUTHENTICATE_MIC_OFFSET). */
  readonly withMic: boolean;
}

export function encodeNtlmAuthenticate(msg: NtlmAuthenticateInput): Buffer {
  const unicode = hasNtlmFlag(msg.flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE);
  const w = new BufferWriter(512);
  w.bytes(NTLMSSP_SIGNATURE).u32(NtlmMessageType.NtLmAuthenticate);
  const lm = reserveFields(w);
  const nt = reserveFields(w);
  const domain = reserveFields(w);
  const user = reserveFields(w);
  const workstation = reserveFields(w);
  const sessionKey = reserveFields(w);
  w.u32(msg.flags);
  writeVersion(w, msg.version);
  if (msg.withMic) w.zeros(16);
  // Windows' order: domain, user, workstation, LM, NT, session key.
  fillFields(w, domain, encodeString(msg.domainName, unicode));
  fillFields(w, user, encodeString(msg.userName, unicode));
  fillFields(w, workstation, encodeString(msg.workstation, unicode));
  fillFields(w, lm, msg.lmChallengeResponse);
  fillFields(w, nt, msg.ntChallengeResponse);
  fillFields(w, sessionKey, msg.encryptedRandomSessionKey);
  return w.finish();
}
