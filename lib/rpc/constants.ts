/**
 * DCE/RPC connection-oriented constants — C706 chapter 12 (PDU types, flags, results),
 * [MS-RPCE] 2.2.2 (bind-time feature negotiation), 3.1.1.5.5 / C706 appendix E (fault codes),
 * 2.2.1.1.7-8 (security providers, authentication levels), 2.2.2.11 (sec_trailer).
 * One table per concept, under the specification's names.
 */
import { reverseLookup } from '../common/constants';

/** C706 12.6.3.1 PTYPE. */
export const PacketType = {
  REQUEST: 0,
  PING: 1,
  RESPONSE: 2,
  FAULT: 3,
  WORKING: 4,
  NOCALL: 5,
  REJECT: 6,
  ACK: 7,
  CL_CANCEL: 8,
  FACK: 9,
  CANCEL_ACK: 10,
  BIND: 11,
  BIND_ACK: 12,
  BIND_NAK: 13,
  ALTER_CONTEXT: 14,
  ALTER_CONTEXT_RESP: 15,
  AUTH3: 16,
  SHUTDOWN: 17,
  CO_CANCEL: 18,
  ORPHANED: 19,
} as const;
export const packetTypeName = reverseLookup(PacketType);

/** C706 12.6.3.1 pfc_flags. */
export const PfcFlags = {
  PFC_FIRST_FRAG: 0x01,
  PFC_LAST_FRAG: 0x02,
  /** On bind/bind_ack: PFC_SUPPORT_HEADER_SIGN ([MS-RPCE] 2.2.2.3). */
  PFC_PENDING_CANCEL: 0x04,
  PFC_RESERVED_1: 0x08,
  PFC_CONC_MPX: 0x10,
  PFC_DID_NOT_EXECUTE: 0x20,
  PFC_MAYBE: 0x40,
  PFC_OBJECT_UUID: 0x80,
} as const;

/** packed_drep: little-endian integers, ASCII characters, IEEE floats. */
export const NDR_LITTLE_ENDIAN_DREP = Buffer.from([0x10, 0x00, 0x00, 0x00]);

export const RPC_VERSION = 5;
export const RPC_VERSION_MINOR = 0;
/** Common header (16) + alloc_hint, p_cont_id, opnum / cancel_count (8). */
export const COMMON_HEADER_LENGTH = 16;
export const REQUEST_HEADER_LENGTH = 24;
export const RESPONSE_HEADER_LENGTH = 24;
export const FAULT_PDU_LENGTH = 32;

/** What Samba and impacket answer; never more than the client's own limits. */
export const DEFAULT_MAX_FRAG = 4280;
/** C706 12.6.3.6: the smallest fragment any implementation must accept. */
export const MIN_FRAG = 1432;

/** C706 12.6.3.4 p_cont_def_result_t; 3 is [MS-RPCE] 2.2.2.4 negotiate_ack. */
export const ContextResult = {
  ACCEPTANCE: 0,
  USER_REJECTION: 1,
  PROVIDER_REJECTION: 2,
  NEGOTIATE_ACK: 3,
} as const;

/** C706 12.6.3.4 p_provider_reason_t. */
export const ProviderReason = {
  REASON_NOT_SPECIFIED: 0,
  ABSTRACT_SYNTAX_NOT_SUPPORTED: 1,
  PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED: 2,
  LOCAL_LIMIT_EXCEEDED: 3,
} as const;

/** C706 12.6.3.6 p_reject_reason_t (bind_nak). */
export const BindNakReason = {
  REASON_NOT_SPECIFIED: 0,
  TEMPORARY_CONGESTION: 1,
  LOCAL_LIMIT_EXCEEDED: 2,
  CALLED_PADDR_UNKNOWN: 3,
  PROTOCOL_VERSION_NOT_SUPPORTED: 4,
  DEFAULT_CONTEXT_NOT_SUPPORTED: 5,
  USER_DATA_NOT_READABLE: 6,
  NO_PSAP_AVAILABLE: 7,
  /** [MS-RPCE] 2.2.2.5: the bind carried an auth verifier we do not speak. */
  AUTHENTICATION_TYPE_NOT_RECOGNIZED: 8,
  /** [MS-RPCE] 2.2.2.5: the security provider refused the bind's token. */
  INVALID_CHECKSUM: 9,
} as const;

/** [MS-RPCE] 2.2.2.14 bind-time feature negotiation bits. */
export const BindTimeFeature = {
  SECURITY_CONTEXT_MULTIPLEXING_SUPPORTED: 0x0001,
  KEEP_CONNECTION_ON_ORPHAN_SUPPORTED: 0x0002,
} as const;

/**
 * Fault status codes — C706 appendix E, [MS-RPCE] 3.1.1.5.5, [MS-ERREF] 2.2, as Windows and Samba
 * (librpc/idl/dcerpc.idl) send them.
 */
export const FaultStatus = {
  /**
   * RPC_S_ACCESS_DENIED (Samba: DCERPC_FAULT_ACCESS_DENIED): a request whose sec_trailer disagrees
   * with its context, a second security context, a call below the interface's least auth level.
   */
  NCA_S_FAULT_ACCESS_DENIED: 0x00000005,
  NCA_S_FAULT_NDR: 0x000006f7,
  /** RPC_S_SEC_PKG_ERROR: the signature or the seal did not verify (Samba: DCERPC_FAULT_SEC_PKG_ERROR). */
  RPC_S_SEC_PKG_ERROR: 0x00000721,
  NCA_S_FAULT_UNSPEC: 0x1c000012,
  NCA_S_FAULT_CONTEXT_MISMATCH: 0x1c00001a,
  /** A malformed rpc_auth_3 (what Windows answers, per Samba's dcesrv_auth_prepare_auth3). */
  NCA_S_FAULT_REMOTE_NO_MEMORY: 0x1c00001b,
  NCA_S_UNSUPPORTED_AUTHN_LEVEL: 0x1c00001d,
  NCA_S_OP_RNG_ERROR: 0x1c010002,
  NCA_S_UNK_IF: 0x1c010003,
  NCA_S_PROTO_ERROR: 0x1c01000b,
  /** No manager for the object UUID's type; a Windows client reports RPC_S_UNSUPPORTED_TYPE (1732). */
  NCA_S_UNSUPPORTED_TYPE: 0x1c010017,
} as const;
export const faultStatusName = reverseLookup(FaultStatus);

/** sec_trailer.auth_type ([MS-RPCE] 2.2.1.1.7). */
export const RpcAuthnType = {
  RPC_C_AUTHN_NONE: 0x00,
  RPC_C_AUTHN_GSS_NEGOTIATE: 0x09,
  RPC_C_AUTHN_WINNT: 0x0a,
  RPC_C_AUTHN_GSS_SCHANNEL: 0x0e,
  RPC_C_AUTHN_GSS_KERBEROS: 0x10,
  RPC_C_AUTHN_NETLOGON: 0x44,
  RPC_C_AUTHN_DEFAULT: 0xff,
} as const;
export type RpcAuthnType = (typeof RpcAuthnType)[keyof typeof RpcAuthnType];
export const rpcAuthnTypeName = reverseLookup(RpcAuthnType);

/** sec_trailer.auth_level ([MS-RPCE] 2.2.1.1.8). */
export const RpcAuthnLevel = {
  RPC_C_AUTHN_LEVEL_DEFAULT: 0x00,
  RPC_C_AUTHN_LEVEL_NONE: 0x01,
  RPC_C_AUTHN_LEVEL_CONNECT: 0x02,
  RPC_C_AUTHN_LEVEL_CALL: 0x03,
  RPC_C_AUTHN_LEVEL_PKT: 0x04,
  RPC_C_AUTHN_LEVEL_PKT_INTEGRITY: 0x05,
  RPC_C_AUTHN_LEVEL_PKT_PRIVACY: 0x06,
} as const;
export type RpcAuthnLevel = (typeof RpcAuthnLevel)[keyof typeof RpcAuthnLevel];
export const rpcAuthnLevelName = reverseLookup(RpcAuthnLevel);

/** pfc_flags 0x04 on bind, bind_ack, alter_context, alter_context_resp and rpc_auth_3 ([MS-RPCE] 2.2.2.3). */
export const PFC_SUPPORT_HEADER_SIGN = 0x04;

/** sec_trailer: auth_type, auth_level, auth_pad_length, auth_reserved, auth_context_id. */
export const SEC_TRAILER_LENGTH = 8;
/** The stub is padded so the sec_trailer starts 16-aligned from the stub start ([MS-RPCE] 2.2.2.11). */
export const AUTH_PAD_ALIGNMENT = 16;
/** rpc_auth_3: common header + 4 bytes of pad before the sec_trailer ([MS-RPCE] 2.2.2.10). */
export const AUTH3_HEADER_LENGTH = 20;

export interface SyntaxId {
  readonly uuid: string;
  readonly major: number;
  readonly minor: number;
}

/** NDR 2.0 transfer syntax (C706 14). Version is a u32 on the wire: major 2, minor 0. */
export const NDR20_SYNTAX: SyntaxId = { uuid: '8a885d04-1ceb-11c9-9fe8-08002b104860', major: 2, minor: 0 };
/** NDR64 — refused: we only speak NDR20. */
export const NDR64_SYNTAX: SyntaxId = { uuid: '71710533-beba-4937-8319-b5dbef9ccc36', major: 1, minor: 0 };
/** [MS-RPCE] 3.3.1.5.3: the first 8 bytes of the bind-time feature negotiation "syntax". */
export const BIND_TIME_FEATURE_PREFIX = '6cb71c2c-9812-4540';

export const MSRPC_UUID_RPRN: SyntaxId = { uuid: '12345678-1234-abcd-ef00-0123456789ab', major: 1, minor: 0 };
export const MSRPC_UUID_SRVSVC: SyntaxId = { uuid: '4b324fc8-1670-01d3-1278-5a47bf6ee188', major: 3, minor: 0 };
