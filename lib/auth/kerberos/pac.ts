/**
 * The Privilege Attribute Certificate — [MS-PAC] 2.3-2.8: the user's and groups' SIDs a Windows KDC
 * puts in the ticket's authorization data (AD-IF-RELEVANT { AD-WIN2K-PAC }), and the server
 * signature that proves the PAC came with the ticket (checksum with the service key, usage 17).
 *
 *   PACTYPE (2.3):          u32 cBuffers, u32 Version (0), PAC_INFO_BUFFER[cBuffers]
 *   PAC_INFO_BUFFER (2.4):  u32 ulType, u32 cbBufferSize, u64 Offset (from the PAC start, 8-aligned)
 *   PAC_SIGNATURE_DATA (2.8): u32 SignatureType, Signature (16 bytes HMAC-MD5, 12 bytes AES) [, u16 RODCIdentifier]
 *   KERB_VALIDATION_INFO (2.5): NDR type serialization ([MS-RPCE] 2.2.6): 8-byte common header,
 *     8-byte private header, a top-level pointer, then the structure and its deferred referents.
 *
 * Only what mapping a user needs is read: names, the user and group RIDs, the domain SID,
 * ExtraSids and resource groups. Little-endian throughout.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';
import { AuthDataType } from './constants';
import { parseDer } from './der';
import { checksumProfile } from './enctypes';
import { type AuthorizationDataEntry, type EncryptionKey, decodeAuthorizationData } from './krb-types';

export const PacBufferType = {
  KERB_VALIDATION_INFO: 1,
  PAC_CREDENTIALS_INFO: 2,
  PAC_SERVER_CHECKSUM: 6,
  PAC_PRIVSVR_CHECKSUM: 7,
  PAC_CLIENT_INFO: 10,
  UPN_DNS_INFO: 12,
} as const;

/** [MS-PAC] 2.8.1: the key usage of PAC checksums. */
export const KERB_NON_KERB_CKSUM_SALT = 17;

export interface PacLogonInfo {
  readonly effectiveName: string;
  readonly logonDomainName: string;
  readonly userSid: string;
  /** Every group SID: domain groups, ExtraSids, resource groups. */
  readonly groupSids: readonly string[];
}

export interface Pac {
  readonly buffers: ReadonlyArray<{ readonly type: number; readonly offset: number; readonly data: Buffer }>;
  readonly logonInfo?: PacLogonInfo;
  readonly serverSignature?: { readonly type: number; readonly signature: Buffer; readonly offset: number };
  readonly kdcSignature?: { readonly type: number; readonly signature: Buffer; readonly offset: number };
  /** The PAC bytes as carried (what the signatures cover). */
  readonly raw: Buffer;
}

const MAX_BUFFERS = 64;
const MAX_COUNT = 4096;

function malformed(message: string, offset?: number): MalformedPacketError {
  return new MalformedPacketError(`PAC: ${message}`, { field: 'PAC', ...(offset !== undefined && { offset }) });
}

function signatureData(data: Buffer, offset: number): { type: number; signature: Buffer; offset: number } {
  const r = new BufferReader(data);
  const type = r.i32('SignatureType');
  const length = type === -138 ? 16 : 12;
  return { type, signature: Buffer.from(r.bytes(length, 'Signature')), offset: offset + 4 };
}

export function decodePac(raw: Buffer): Pac {
  const r = new BufferReader(raw);
  const count = r.u32('cBuffers');
  if (r.u32('Version') !== 0) throw malformed('Version is not 0', 4);
  if (count > MAX_BUFFERS) throw malformed(`${count} buffers`, 0);
  const buffers: { type: number; offset: number; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const type = r.u32('ulType');
    const size = r.u32('cbBufferSize');
    const offset = r.u64Number('Offset');
    buffers.push({ type, offset, data: Buffer.from(r.slice(offset, size, `PAC buffer ${type}`)) });
  }
  const find = (type: number): { offset: number; data: Buffer } | undefined => buffers.find((b) => b.type === type);
  const logon = find(PacBufferType.KERB_VALIDATION_INFO);
  const server = find(PacBufferType.PAC_SERVER_CHECKSUM);
  const kdc = find(PacBufferType.PAC_PRIVSVR_CHECKSUM);
  return {
    buffers,
    ...(logon && { logonInfo: decodeKerbValidationInfo(logon.data) }),
    ...(server && { serverSignature: signatureData(server.data, server.offset) }),
    ...(kdc && { kdcSignature: signatureData(kdc.data, kdc.offset) }),
    raw,
  };
}

/**
 * [MS-PAC] 2.8.1: the server signature is a checksum with the service key over the whole PAC,
 * both signatures' bytes zeroed. False when it does not verify or has an unknown type.
 */
export function verifyPacServerSignature(pac: Pac, serviceKey: EncryptionKey): boolean {
  const sig = pac.serverSignature;
  if (!sig) return false;
  const profile = checksumProfile(sig.type);
  if (!profile || profile.etype !== serviceKey.keytype) return false;
  const zeroed = Buffer.from(pac.raw);
  for (const s of [pac.serverSignature, pac.kdcSignature])
    if (s) zeroed.fill(0, s.offset, s.offset + s.signature.length);
  return profile.checksum(serviceKey.keyvalue, KERB_NON_KERB_CKSUM_SALT, zeroed).equals(sig.signature);
}

/** The KDC signature: over the server signature's bytes, with the krbtgt key (only a KDC has it). */
export function verifyPacKdcSignature(pac: Pac, krbtgtKey: EncryptionKey): boolean {
  const { serverSignature, kdcSignature } = pac;
  if (!serverSignature || !kdcSignature) return false;
  const profile = checksumProfile(kdcSignature.type);
  if (!profile || profile.etype !== krbtgtKey.keytype) return false;
  return profile
    .checksum(krbtgtKey.keyvalue, KERB_NON_KERB_CKSUM_SALT, serverSignature.signature)
    .equals(kdcSignature.signature);
}

// ---- KERB_VALIDATION_INFO (NDR) ---------------------------------------------------------

/** An NDR stream: 4-byte alignment relative to the start of the serialized data. */
class NdrReader {
  constructor(
    private readonly r: BufferReader,
    private readonly base: number,
  ) {}
  align4(): void {
    this.r.align(4, this.base, 'NDR alignment');
  }
  u16(field: string): number {
    return this.r.u16(field);
  }
  u32(field: string): number {
    this.align4();
    return this.r.u32(field);
  }
  skip(n: number, field: string): void {
    this.r.skip(n, field);
  }
  /** A conformant-varying UTF-16 string (the referent of an RPC_UNICODE_STRING). */
  string(field: string): string {
    this.u32(`${field} MaxCount`);
    const offset = this.u32(`${field} Offset`);
    const actual = this.u32(`${field} ActualCount`);
    if (offset !== 0 || actual > MAX_COUNT) throw malformed(`${field}: offset ${offset}, ${actual} characters`);
    return this.r.utf16(actual, field);
  }
  /** A conformant RPC_SID ([MS-DTYP] 2.4.2.3) as "S-1-5-21-...". */
  sid(field: string): string {
    const max = this.u32(`${field} MaxCount`);
    const revision = this.r.u8(`${field} Revision`);
    const subCount = this.r.u8(`${field} SubAuthorityCount`);
    if (revision !== 1 || subCount !== max || subCount > 15) throw malformed(`${field}: not a SID`);
    const authority = this.r.bytes(6, `${field} IdentifierAuthority`).readUIntBE(0, 6);
    const subs: number[] = [];
    for (let i = 0; i < subCount; i++) subs.push(this.r.u32(`${field} SubAuthority`));
    return `S-1-${authority}${subs.map((s) => `-${s}`).join('')}`;
  }
}

function decodeKerbValidationInfo(data: Buffer): PacLogonInfo {
  const r = new BufferReader(data);
  // [MS-RPCE] 2.2.6.1/2.2.6.2: common header (version 1, little-endian, 8 bytes), private header.
  if (r.u8('Version') !== 1 || r.u8('Endianness') !== 0x10) throw malformed('not a little-endian type serialization');
  r.skip(6, 'CommonHeader');
  const length = r.u32('ObjectBufferLength');
  r.skip(4, 'Filler');
  const body = r.sub(Math.min(length, r.remaining), 'KERB_VALIDATION_INFO');
  const n = new NdrReader(body, body.offset);
  if (n.u32('referent') === 0) throw malformed('null KERB_VALIDATION_INFO');
  n.skip(6 * 8, 'FILETIMEs');
  const strings: { name: string; ptr: number }[] = [];
  const unicodeString = (name: string): void => {
    n.u16(`${name} Length`);
    n.u16(`${name} MaximumLength`);
    strings.push({ name, ptr: n.u32(`${name} Buffer`) });
  };
  for (const name of ['EffectiveName', 'FullName', 'LogonScript', 'ProfilePath', 'HomeDirectory', 'HomeDirectoryDrive'])
    unicodeString(name);
  n.u16('LogonCount');
  n.u16('BadPasswordCount');
  const userId = n.u32('UserId');
  n.u32('PrimaryGroupId');
  const groupCount = n.u32('GroupCount');
  const groupPtr = n.u32('GroupIds');
  n.u32('UserFlags');
  n.skip(16, 'UserSessionKey');
  unicodeString('LogonServer');
  unicodeString('LogonDomainName');
  const domainSidPtr = n.u32('LogonDomainId');
  n.skip(8, 'Reserved1');
  n.u32('UserAccountControl');
  n.u32('SubAuthStatus');
  n.skip(16, 'LastSuccessfulILogon, LastFailedILogon');
  n.u32('FailedILogonCount');
  n.u32('Reserved3');
  const sidCount = n.u32('SidCount');
  const extraSidsPtr = n.u32('ExtraSids');
  const resourceDomainPtr = n.u32('ResourceGroupDomainSid');
  const resourceCount = n.u32('ResourceGroupCount');
  const resourcePtr = n.u32('ResourceGroupIds');
  if (groupCount > MAX_COUNT || sidCount > MAX_COUNT || resourceCount > MAX_COUNT) throw malformed('too many groups');

  // Deferred referents, in the order their pointers appeared.
  const text = new Map<string, string>();
  const stringAt = (name: string): void => {
    const s = strings.find((x) => x.name === name);
    if (s && s.ptr !== 0) text.set(name, n.string(name));
  };
  for (const name of ['EffectiveName', 'FullName', 'LogonScript', 'ProfilePath', 'HomeDirectory', 'HomeDirectoryDrive'])
    stringAt(name);
  const rids = (ptr: number, count: number, field: string): number[] => {
    if (ptr === 0) return [];
    if (n.u32(`${field} MaxCount`) !== count) throw malformed(`${field}: count mismatch`);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      out.push(n.u32(`${field} RelativeId`));
      n.u32(`${field} Attributes`);
    }
    return out;
  };
  const groupRids = rids(groupPtr, groupCount, 'GroupIds');
  stringAt('LogonServer');
  stringAt('LogonDomainName');
  const domainSid = domainSidPtr !== 0 ? n.sid('LogonDomainId') : undefined;
  const extraSids: string[] = [];
  if (extraSidsPtr !== 0) {
    if (n.u32('ExtraSids MaxCount') !== sidCount) throw malformed('ExtraSids: count mismatch');
    const ptrs: number[] = [];
    for (let i = 0; i < sidCount; i++) {
      ptrs.push(n.u32('ExtraSids Sid'));
      n.u32('ExtraSids Attributes');
    }
    for (const p of ptrs) if (p !== 0) extraSids.push(n.sid('ExtraSids Sid'));
  }
  const resourceDomain = resourceDomainPtr !== 0 ? n.sid('ResourceGroupDomainSid') : undefined;
  const resourceRids = rids(resourcePtr, resourceCount, 'ResourceGroupIds');
  if (domainSid === undefined) throw malformed('no LogonDomainId');
  return {
    effectiveName: text.get('EffectiveName') ?? '',
    logonDomainName: text.get('LogonDomainName') ?? '',
    userSid: `${domainSid}-${userId}`,
    groupSids: [
      ...groupRids.map((rid) => `${domainSid}-${rid}`),
      ...extraSids,
      ...(resourceDomain !== undefined ? resourceRids.map((rid) => `${resourceDomain}-${rid}`) : []),
    ],
  };
}

/**
 * The PAC bytes in a ticket's authorization data: AD-IF-RELEVANT (1) holding AD-WIN2K-PAC (128)
 * ([MS-PAC] 2.1, [MS-KILE] 3.3.5.6.4). Undefined when the ticket carries none.
 */
export function findPacInAuthorizationData(entries: readonly AuthorizationDataEntry[] | undefined): Buffer | undefined {
  for (const entry of entries ?? []) {
    if (entry.adType === AuthDataType.AD_WIN2K_PAC) return entry.adData;
    if (entry.adType === AuthDataType.AD_IF_RELEVANT) {
      const inner = findPacInAuthorizationData(
        decodeAuthorizationData(parseDer(entry.adData, 'AD-IF-RELEVANT'), 'AD-IF-RELEVANT'),
      );
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Well-known SIDs and domain RIDs that become the server's group names ([MS-DTYP] 2.4.2.4). */
const WELL_KNOWN_GROUPS: Readonly<Record<string, string>> = {
  'S-1-5-32-544': 'Administrators',
  'S-1-5-32-545': 'Users',
  'S-1-5-32-546': 'Guests',
  'S-1-5-32-550': 'Print Operators',
};
// On a domain member, Domain Admins are local Administrators and Domain Users local Users.
const DOMAIN_RID_GROUPS: Readonly<Record<number, string>> = { 512: 'Administrators', 513: 'Users', 514: 'Guests' };

/** Group names for the PAC's SIDs: well-known ones, then `sidGroups` ("S-1-5-21-...-1107": "Printer Admins"). */
export function groupsFromPac(info: PacLogonInfo, sidGroups: Readonly<Record<string, string>> = {}): string[] {
  const out = new Set<string>();
  for (const sid of info.groupSids) {
    const rid = Number(sid.slice(sid.lastIndexOf('-') + 1));
    const name =
      sidGroups[sid] ?? WELL_KNOWN_GROUPS[sid] ?? (sid.startsWith('S-1-5-21-') ? DOMAIN_RID_GROUPS[rid] : undefined);
    if (name !== undefined) out.add(name);
  }
  return [...out];
}
