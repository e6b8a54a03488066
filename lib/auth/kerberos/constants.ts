/**
 * Kerberos V5 constants — RFC 4120 (5.10 message types, 6.2 name types, 7.5.1 key usages,
 * 7.5.9 error codes, 5.2.9 ticket flags), RFC 3961 8 and RFC 3962 (encryption and checksum
 * types), RFC 4757 (RC4-HMAC), RFC 4121 (GSS-API key usages and flags).
 */

export const KRB5_PVNO = 5;

// RFC 4120 5.10: the application tag of each message.
export const KrbMessageType = {
  KRB_AS_REQ: 10,
  KRB_AS_REP: 11,
  KRB_TGS_REQ: 12,
  KRB_TGS_REP: 13,
  KRB_AP_REQ: 14,
  KRB_AP_REP: 15,
  KRB_ERROR: 30,
} as const;

// Application tags of the encrypted parts (RFC 4120 5.3, 5.4.2, 5.5.1, 5.5.2).
export const KrbApplicationTag = {
  TICKET: 1,
  AUTHENTICATOR: 2,
  ENC_TICKET_PART: 3,
  ENC_AS_REP_PART: 25,
  ENC_TGS_REP_PART: 26,
  ENC_AP_REP_PART: 27,
} as const;

// RFC 4120 6.2.
export const KrbNameType = {
  NT_UNKNOWN: 0,
  NT_PRINCIPAL: 1,
  NT_SRV_INST: 2,
  NT_SRV_HST: 3,
  NT_ENTERPRISE: 10,
} as const;

// RFC 3961 8, RFC 3962 7, RFC 4757.
export const EncryptionType = {
  AES128_CTS_HMAC_SHA1_96: 17,
  AES256_CTS_HMAC_SHA1_96: 18,
  RC4_HMAC: 23,
} as const;
export type EncryptionType = (typeof EncryptionType)[keyof typeof EncryptionType];

export const ChecksumType = {
  HMAC_SHA1_96_AES128: 15,
  HMAC_SHA1_96_AES256: 16,
  /** RFC 4757's KERB_CHECKSUM_HMAC_MD5. */
  HMAC_MD5: -138,
  /** RFC 4121 4.1.1: the GSS-API authenticator checksum (not a cryptographic checksum). */
  GSS_KRB5_AUTHENTICATOR: 0x8003,
} as const;

// RFC 4120 7.5.1 (and RFC 4121 2 for 22..25).
export const KeyUsage = {
  AS_REQ_PA_ENC_TIMESTAMP: 1,
  KDC_REP_TICKET: 2,
  AS_REP_ENC_PART: 3,
  TGS_REQ_AUTH_DATA_SESSION_KEY: 4,
  TGS_REQ_AUTH_DATA_SUBKEY: 5,
  TGS_REQ_AP_REQ_AUTH_CKSUM: 6,
  TGS_REQ_AP_REQ_AUTH: 7,
  TGS_REP_ENC_PART_SESSION_KEY: 8,
  TGS_REP_ENC_PART_SUBKEY: 9,
  AP_REQ_AUTH_CKSUM: 10,
  AP_REQ_AUTH: 11,
  AP_REP_ENC_PART: 12,
  KG_USAGE_ACCEPTOR_SEAL: 22,
  KG_USAGE_ACCEPTOR_SIGN: 23,
  KG_USAGE_INITIATOR_SEAL: 24,
  KG_USAGE_INITIATOR_SIGN: 25,
} as const;

// RFC 4120 7.5.2 padata types.
export const PaDataType = {
  PA_TGS_REQ: 1,
  PA_ENC_TIMESTAMP: 2,
  PA_ETYPE_INFO2: 19,
  PA_PAC_REQUEST: 128,
} as const;

// RFC 4120 5.2.1 AuthorizationData types ([MS-PAC] 2.3 for the PAC).
export const AuthDataType = {
  AD_IF_RELEVANT: 1,
  AD_WIN2K_PAC: 128,
} as const;

// RFC 4120 5.5.1 APOptions bits (bit 0 is the most significant bit of the first byte).
export const ApOption = {
  USE_SESSION_KEY: 1,
  MUTUAL_REQUIRED: 2,
} as const;

// RFC 4120 5.4.1 KDCOptions bits.
export const KdcOption = {
  FORWARDABLE: 1,
  RENEWABLE: 8,
  CANONICALIZE: 15,
  RENEWABLE_OK: 27,
} as const;

// RFC 4120 5.3 TicketFlags bits.
export const TicketFlag = {
  FORWARDABLE: 1,
  FORWARDED: 2,
  PROXIABLE: 3,
  PROXY: 4,
  MAY_POSTDATE: 5,
  POSTDATED: 6,
  INVALID: 7,
  RENEWABLE: 8,
  INITIAL: 9,
  PRE_AUTHENT: 10,
  HW_AUTHENT: 11,
  TRANSITED_POLICY_CHECKED: 12,
  OK_AS_DELEGATE: 13,
} as const;

// RFC 4120 7.5.9 error codes (those an application server or our client meets).
export const KrbErrorCode = {
  KDC_ERR_NONE: 0,
  KDC_ERR_C_PRINCIPAL_UNKNOWN: 6,
  KDC_ERR_S_PRINCIPAL_UNKNOWN: 7,
  KDC_ERR_ETYPE_NOSUPP: 14,
  KDC_ERR_PREAUTH_FAILED: 24,
  KDC_ERR_PREAUTH_REQUIRED: 25,
  KRB_AP_ERR_BAD_INTEGRITY: 31,
  KRB_AP_ERR_TKT_EXPIRED: 32,
  KRB_AP_ERR_TKT_NYV: 33,
  KRB_AP_ERR_REPEAT: 34,
  KRB_AP_ERR_NOT_US: 35,
  KRB_AP_ERR_BADMATCH: 36,
  KRB_AP_ERR_SKEW: 37,
  KRB_AP_ERR_BADADDR: 38,
  KRB_AP_ERR_BADVERSION: 39,
  KRB_AP_ERR_MSG_TYPE: 40,
  KRB_AP_ERR_MODIFIED: 41,
  KRB_AP_ERR_BADORDER: 42,
  KRB_AP_ERR_BADKEYVER: 44,
  KRB_AP_ERR_NOKEY: 45,
  KRB_AP_ERR_MUT_FAIL: 46,
  KRB_AP_ERR_INAPP_CKSUM: 50,
  KRB_ERR_GENERIC: 60,
  KRB_ERR_RESPONSE_TOO_BIG: 52,
} as const;
export type KrbErrorCode = (typeof KrbErrorCode)[keyof typeof KrbErrorCode];

const errorNames = new Map<number, string>(Object.entries(KrbErrorCode).map(([k, v]) => [v, k]));

/** `KRB_AP_ERR_SKEW` for 37; `KRB_ERROR_<n>` for codes not in the table. */
export function krbErrorName(code: number): string {
  return errorNames.get(code) ?? `KRB_ERROR_${code}`;
}

// RFC 4121 4.1.1.1 context flags carried in the authenticator checksum.
export const GssFlag = {
  GSS_C_DELEG_FLAG: 1,
  GSS_C_MUTUAL_FLAG: 2,
  GSS_C_REPLAY_FLAG: 4,
  GSS_C_SEQUENCE_FLAG: 8,
  GSS_C_CONF_FLAG: 16,
  GSS_C_INTEG_FLAG: 32,
  /** [MS-KILE] 3.2.5.2 / RFC 4757: DCE-style (three-leg) context. */
  GSS_C_DCE_STYLE: 0x1000,
} as const;

/** The clock skew every Kerberos implementation allows by default (RFC 4120 1.6, [MS-KILE] 3.4.5). */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60 * 1000;
