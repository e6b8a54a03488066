/**
 * The endpoint mapper's constants — C706 appendix L (tower protocol identifiers) and appendix O
 * (ept interface), [MS-RPCE] 2.2.1.2 (what Windows keeps of them: status codes, inquiry types,
 * version options, ranges), 3.1.3.5.3 (at most six floors).
 */
import { reverseLookup } from '../../common/constants';
import type { SyntaxId } from '../constants';

/** The ept interface, on ncacn_ip_tcp port 135 ([MS-RPCE] 2.1.1.1). */
export const EPMAPPER_SYNTAX: SyntaxId = { uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa', major: 3, minor: 0 };
export const EPMAPPER_TCP_PORT = 135;

export const EpmOpnum = {
  ept_insert: 0,
  ept_delete: 1,
  ept_lookup: 2,
  ept_map: 3,
  ept_lookup_handle_free: 4,
  ept_inq_object: 5,
  ept_mgmt_delete: 6,
} as const;
export const epmOpnumName = reverseLookup(EpmOpnum);

/** Tower floor protocol identifiers (C706 appendix I and L; Samba's epm_protocol). */
export const TowerProtocol = {
  /** lhs: UUID (16) + u16 major version; rhs: u16 minor version (interface and transfer syntax). */
  EPM_PROTOCOL_UUID: 0x0d,
  /** Connection-oriented RPC (ncacn); rhs: u16 minor version. */
  EPM_PROTOCOL_NCACN: 0x0b,
  /** Connectionless RPC (ncadg). */
  EPM_PROTOCOL_NCADG: 0x0a,
  /** Local RPC (ncalrpc). */
  EPM_PROTOCOL_NCALRPC: 0x0c,
  /** rhs: u16 port, big-endian. */
  EPM_PROTOCOL_TCP: 0x07,
  EPM_PROTOCOL_UDP: 0x08,
  /** rhs: IPv4 address, 4 bytes in network order. */
  EPM_PROTOCOL_IP: 0x09,
  /** rhs: the pipe name, NUL-terminated ("\PIPE\spoolss"). */
  EPM_PROTOCOL_SMB: 0x0f,
  /** rhs: the NetBIOS host name, NUL-terminated ("\\NTPRINT"). */
  EPM_PROTOCOL_NETBIOS: 0x11,
  /** ncacn_http: rhs u16 port, big-endian. */
  EPM_PROTOCOL_HTTP: 0x1f,
} as const;
export const towerProtocolName = reverseLookup(TowerProtocol);

/** [MS-RPCE] 3.1.3.5.3: towers with more floors SHOULD be rejected. */
export const MAX_TOWER_FLOORS = 6;
/** [MS-RPCE] 2.2.1.2.2: twr_t.tower_length is [range(0,2000)]. */
export const MAX_TOWER_LENGTH = 2000;
/** [MS-RPCE] 2.2.1.2.4/2.2.1.2.5: max_ents and max_towers are [range(0,500)]. */
export const MAX_EPT_RESULTS = 500;
/** C706 appendix O: ept_entry_t.annotation is char[ept_max_annotation_size = 64], NUL included. */
export const EPT_MAX_ANNOTATION_SIZE = 64;

/** ept_lookup inquiry_type ([MS-RPCE] 2.2.1.2.4). */
export const RpcEpInquiry = {
  RPC_C_EP_ALL_ELTS: 0,
  RPC_C_EP_MATCH_BY_IF: 1,
  RPC_C_EP_MATCH_BY_OBJ: 2,
  RPC_C_EP_MATCH_BY_BOTH: 3,
} as const;

/** ept_lookup vers_option ([MS-RPCE] 2.2.1.2.4). */
export const RpcVersOption = {
  RPC_C_VERS_ALL: 1,
  RPC_C_VERS_COMPATIBLE: 2,
  RPC_C_VERS_EXACT: 3,
  RPC_C_VERS_MAJOR_ONLY: 4,
  RPC_C_VERS_UPTO: 5,
} as const;

/** error_status values of ept_map and ept_lookup ([MS-RPCE] 2.2.1.2.1, 2.2.1.2.4, C706 appendix N). */
export const EptStatus = {
  RPC_S_OK: 0x00000000,
  /** [MS-RPCE] 2.2.1.2.1: general failure. */
  EPT_S_CANT_PERFORM_OP: 0x000006d8,
  /** No element matches (DCE's ept_s_not_registered). */
  EPT_S_NOT_REGISTERED: 0x16c9a0d6,
} as const;
export const eptStatusName = reverseLookup(EptStatus);
