/**
 * NTLMSSP constants — [MS-NLMP] 2.2.1 (message types), 2.2.2.1 (AV_PAIR ids and MsvAvFlags),
 * 2.2.2.5 (NEGOTIATE flags), 2.2.2.10 (VERSION), 3.4.5 (key magic constants).
 */
import { flagNames, reverseLookup } from '../common/constants';

/** "NTLMSSP\0" — every NTLM message starts with it. */
export const NTLMSSP_SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

export const NtlmMessageType = {
  NtLmNegotiate: 0x00000001,
  NtLmChallenge: 0x00000002,
  NtLmAuthenticate: 0x00000003,
} as const;
export type NtlmMessageType = (typeof NtlmMessageType)[keyof typeof NtlmMessageType];

// [MS-NLMP] 2.2.2.5: bit letters A..W, named as the spec names them.
export const NtlmNegotiateFlag = {
  NTLMSSP_NEGOTIATE_UNICODE: 0x00000001,
  NTLM_NEGOTIATE_OEM: 0x00000002,
  NTLMSSP_REQUEST_TARGET: 0x00000004,
  NTLMSSP_NEGOTIATE_SIGN: 0x00000010,
  NTLMSSP_NEGOTIATE_SEAL: 0x00000020,
  NTLMSSP_NEGOTIATE_DATAGRAM: 0x00000040,
  NTLMSSP_NEGOTIATE_LM_KEY: 0x00000080,
  NTLMSSP_NEGOTIATE_NTLM: 0x00000200,
  NTLMSSP_ANONYMOUS: 0x00000800,
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED: 0x00001000,
  NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED: 0x00002000,
  NTLMSSP_NEGOTIATE_ALWAYS_SIGN: 0x00008000,
  NTLMSSP_TARGET_TYPE_DOMAIN: 0x00010000,
  NTLMSSP_TARGET_TYPE_SERVER: 0x00020000,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY: 0x00080000,
  NTLMSSP_NEGOTIATE_IDENTIFY: 0x00100000,
  NTLMSSP_REQUEST_NON_NT_SESSION_KEY: 0x00400000,
  NTLMSSP_NEGOTIATE_TARGET_INFO: 0x00800000,
  NTLMSSP_NEGOTIATE_VERSION: 0x02000000,
  NTLMSSP_NEGOTIATE_128: 0x20000000,
  NTLMSSP_NEGOTIATE_KEY_EXCH: 0x40000000,
  NTLMSSP_NEGOTIATE_56: 0x80000000,
} as const;

export function ntlmFlagNames(flags: number): string[] {
  return flagNames(NtlmNegotiateFlag, flags);
}

/** True when every bit of `flag` is set in `flags` (the 0x80000000 bit makes `&` negative). */
export function hasNtlmFlag(flags: number, flag: number): boolean {
  return (flags & flag) >>> 0 === flag >>> 0;
}

// [MS-NLMP] 2.2.2.1 AV_PAIR AvId.
export const MsvAv = {
  MsvAvEOL: 0x0000,
  MsvAvNbComputerName: 0x0001,
  MsvAvNbDomainName: 0x0002,
  MsvAvDnsComputerName: 0x0003,
  MsvAvDnsDomainName: 0x0004,
  MsvAvDnsTreeName: 0x0005,
  MsvAvFlags: 0x0006,
  MsvAvTimestamp: 0x0007,
  MsvAvSingleHost: 0x0008,
  MsvAvTargetName: 0x0009,
  MsvAvChannelBindings: 0x000a,
} as const;
export type MsvAv = (typeof MsvAv)[keyof typeof MsvAv];
export const msvAvName = reverseLookup(MsvAv);

// [MS-NLMP] 2.2.2.1 MsvAvFlags value bits.
export const MsvAvFlagBits = {
  ACCOUNT_AUTHENTICATION_CONSTRAINED: 0x00000001,
  MIC_PROVIDED: 0x00000002,
  TARGET_SPN_FROM_UNTRUSTED_SOURCE: 0x00000004,
} as const;

/** [MS-NLMP] 2.2.2.10 VERSION: what we announce (Windows Server 2022, build 20348). */
export const NTLM_VERSION = {
  productMajorVersion: 10,
  productMinorVersion: 0,
  productBuild: 20348,
  ntlmRevisionCurrent: 0x0f, // NTLMSSP_REVISION_W2K3
} as const;

// [MS-NLMP] 3.4.5.2 / 3.4.5.3: the magic constants include their terminating NUL.
export const CLIENT_SIGNING_MAGIC = Buffer.from(
  'session key to client-to-server signing key magic constant\0',
  'latin1',
);
export const SERVER_SIGNING_MAGIC = Buffer.from(
  'session key to server-to-client signing key magic constant\0',
  'latin1',
);
export const CLIENT_SEALING_MAGIC = Buffer.from(
  'session key to client-to-server sealing key magic constant\0',
  'latin1',
);
export const SERVER_SEALING_MAGIC = Buffer.from(
  'session key to server-to-client sealing key magic constant\0',
  'latin1',
);

/** [MS-NLMP] 3.3.1 LMOWFv1 encrypts this with the two halves of the LM password. */
export const LM_MAGIC = Buffer.from('KGS!@#$%', 'latin1');
