/**
 * The LSA interface on `\pipe\lsarpc` — [MS-LSAD] and [MS-LSAT] share one interface
 * (12345778-1234-abcd-ef00-0123456789ab v0.0): opnums ([MS-LSAD] 3.1.4, [MS-LSAT] 3.1.4),
 * POLICY_INFORMATION_CLASS ([MS-LSAD] 2.2.4.1), LSAP_LOOKUP_LEVEL ([MS-LSAT] 2.2.16) and the
 * policy access rights ([MS-LSAD] 2.2.1.1.2).
 */
import type { SyntaxId } from '../constants';

export const MSRPC_UUID_LSARPC: SyntaxId = { uuid: '12345778-1234-abcd-ef00-0123456789ab', major: 0, minor: 0 };

export const LsarOpnum = {
  LsarClose: 0,
  LsarOpenPolicy: 6,
  LsarQueryInformationPolicy: 7,
  LsarLookupNames: 14,
  LsarLookupSids: 15,
  LsarOpenPolicy2: 44,
  LsarQueryInformationPolicy2: 46,
  LsarLookupSids2: 57,
  LsarLookupNames2: 58,
  LsarLookupNames3: 68,
} as const;

export const PolicyInformationClass = {
  PolicyPrimaryDomainInformation: 3,
  PolicyAccountDomainInformation: 5,
  PolicyLsaServerRoleInformation: 6,
  PolicyDnsDomainInformation: 12,
  PolicyDnsDomainInformationInt: 13,
  PolicyLocalAccountDomainInformation: 14,
} as const;

/** POLICY_LSA_SERVER_ROLE ([MS-LSAD] 2.2.4.3): a server that is no domain controller. */
export const PolicyServerRoleBackup = 2;

export const POLICY_VIEW_LOCAL_INFORMATION = 0x00000001;
export const POLICY_LOOKUP_NAMES = 0x00000800;

/** [MS-LSAT] 3.1.4.5: at most 1000 names, 20480 SIDs per call (range() of the IDL). */
export const LSA_MAX_LOOKUP_NAMES = 1000;
export const LSA_MAX_LOOKUP_SIDS = 20480;
