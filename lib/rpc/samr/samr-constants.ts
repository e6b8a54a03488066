/**
 * [MS-SAMR] constants: the interface (12345778-1234-abcd-ef00-0123456789ac v1.0, 2.1), opnums
 * (3.1.5) and the write rights of server and domain handles (2.2.1.3, 2.2.1.4).
 */
import type { SyntaxId } from '../constants';

export const MSRPC_UUID_SAMR: SyntaxId = { uuid: '12345778-1234-abcd-ef00-0123456789ac', major: 1, minor: 0 };

export const SamrOpnum = {
  SamrConnect: 0,
  SamrCloseHandle: 1,
  SamrLookupDomainInSamServer: 5,
  SamrEnumerateDomainsInSamServer: 6,
  SamrOpenDomain: 7,
  SamrLookupNamesInDomain: 17,
  SamrLookupIdsInDomain: 18,
  SamrConnect2: 57,
  SamrConnect5: 64,
} as const;

/** SAM_SERVER_SHUTDOWN | SAM_SERVER_INITIALIZE | SAM_SERVER_CREATE_DOMAIN. */
export const SAM_SERVER_WRITE_RIGHTS = 0x00000002 | 0x00000010 | 0x00000008;
/**
 * DOMAIN_WRITE_PASSWORD_PARAMS | DOMAIN_WRITE_OTHER_PARAMETERS | DOMAIN_CREATE_USER |
 * DOMAIN_CREATE_GROUP | DOMAIN_CREATE_ALIAS | DOMAIN_ADMINISTER_SERVER.
 */
export const DOMAIN_WRITE_RIGHTS = 0x00000002 | 0x00000008 | 0x00000010 | 0x00000020 | 0x00000040 | 0x00000400;
/** Every specific right and READ_CONTROL: what reading needs. */
export const SAM_READ_RIGHTS = 0x0000ffff | 0x00020000 | 0x80000000 | 0x20000000;

/** SAMPR_REVISION_INFO_V1 ([MS-SAMR] 2.2.3.15): revision 3, no extra features. */
export const SAM_REVISION = 3;

/** [MS-SAMR] 3.1.5.11.2: at most 1000 names or RIDs per lookup. */
export const SAM_MAX_LOOKUP = 1000;
