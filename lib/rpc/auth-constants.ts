/**
 * DCE/RPC authentication constants — [MS-RPCE] 2.2.1.1.7 (security providers), 2.2.1.1.8
 * (authentication levels), 2.2.2.3 (PFC_SUPPORT_HEADER_SIGN), 2.2.2.5 (bind_nak reasons),
 * 2.2.2.11 (sec_trailer); fault codes from C706 appendix N and [MS-ERREF] as Windows and Samba
 * (librpc/idl/dcerpc.idl) send them. Beside constants.ts until the integrator folds them in.
 */
import { reverseLookup } from '../common/constants';

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

/** bind_nak reasons [MS-RPCE] 2.2.2.5 adds for authentication (Samba: DCERPC_BIND_NAK_REASON_*). */
export const AuthBindNakReason = {
  REASON_NOT_SPECIFIED: 0,
  PROTOCOL_VERSION_NOT_SUPPORTED: 4,
  AUTHENTICATION_TYPE_NOT_RECOGNIZED: 8,
  INVALID_CHECKSUM: 9,
} as const;

/** Fault status codes of authenticated calls (C706 appendix N, [MS-ERREF] 2.2). */
export const AuthFaultStatus = {
  /** A request whose sec_trailer disagrees with its context, or a second context on one connection. */
  RPC_S_ACCESS_DENIED: 0x00000005,
  /** The signature or the seal did not verify (Samba: DCERPC_FAULT_SEC_PKG_ERROR). */
  RPC_S_SEC_PKG_ERROR: 0x00000721,
  NCA_S_PROTO_ERROR: 0x1c01000b,
  /** A malformed rpc_auth_3 (what Windows answers, per Samba's dcesrv_auth_prepare_auth3). */
  NCA_S_FAULT_REMOTE_NO_MEMORY: 0x1c00001b,
  NCA_S_UNSUPPORTED_AUTHN_LEVEL: 0x1c00001d,
  /** No manager for the object UUID's type; a Windows client reports RPC_S_UNSUPPORTED_TYPE (1732). */
  NCA_S_UNSUPPORTED_TYPE: 0x1c010017,
} as const;
export const authFaultStatusName = reverseLookup(AuthFaultStatus);
