/**
 * [MS-SRVS] constants: opnums (3.1.4), share types (2.2.2.4), server types (2.2.2.7),
 * platform ids (2.2.2.6).
 */
export const SrvsvcOpnum = {
  NetrShareEnum: 15,
  NetrServerGetInfo: 21,
} as const;

export const ShareType = {
  STYPE_DISKTREE: 0x00000000,
  STYPE_PRINTQ: 0x00000001,
  STYPE_DEVICE: 0x00000002,
  STYPE_IPC: 0x00000003,
  STYPE_SPECIAL: 0x80000000,
} as const;

export const ServerType = {
  SV_TYPE_WORKSTATION: 0x00000001,
  SV_TYPE_SERVER: 0x00000002,
  SV_TYPE_PRINTQ_SERVER: 0x00000200,
  SV_TYPE_NT: 0x00001000,
  SV_TYPE_SERVER_NT: 0x00008000,
} as const;

export const PLATFORM_ID_NT = 500;
/** What a Windows Server 2016+ reports in SERVER_INFO_101. */
export const SERVER_VERSION_MAJOR = 10;
export const SERVER_VERSION_MINOR = 0;
