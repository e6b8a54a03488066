/**
 * SMB2 constants under the names of [MS-SMB2] 2.2 (and [MS-FSCC] for info classes and FSCTLs).
 * One table per field; reverse lookups give names for logs.
 */
import { reverseLookup } from '../common/constants';

/** [MS-SMB2] 2.2.1 ProtocolId values (as read little-endian from the first 4 bytes). */
export const SMB2_PROTOCOL_ID = 0x424d53fe; // 0xFE 'S' 'M' 'B'
export const SMB1_PROTOCOL_ID = 0x424d53ff; // 0xFF 'S' 'M' 'B'
export const SMB2_TRANSFORM_PROTOCOL_ID = 0x424d53fd; // 0xFD 'S' 'M' 'B' (encrypted; not supported)
export const SMB2_HEADER_SIZE = 64;

/** [MS-SMB2] 2.2.1.2 Command. */
export const Smb2Command = {
  NEGOTIATE: 0x0000,
  SESSION_SETUP: 0x0001,
  LOGOFF: 0x0002,
  TREE_CONNECT: 0x0003,
  TREE_DISCONNECT: 0x0004,
  CREATE: 0x0005,
  CLOSE: 0x0006,
  FLUSH: 0x0007,
  READ: 0x0008,
  WRITE: 0x0009,
  LOCK: 0x000a,
  IOCTL: 0x000b,
  CANCEL: 0x000c,
  ECHO: 0x000d,
  QUERY_DIRECTORY: 0x000e,
  CHANGE_NOTIFY: 0x000f,
  QUERY_INFO: 0x0010,
  SET_INFO: 0x0011,
  OPLOCK_BREAK: 0x0012,
} as const;
export type Smb2Command = (typeof Smb2Command)[keyof typeof Smb2Command];
export const smb2CommandName = reverseLookup(Smb2Command);

/** [MS-SMB2] 2.2.1.2 Flags. */
export const Smb2Flags = {
  SMB2_FLAGS_SERVER_TO_REDIR: 0x00000001,
  SMB2_FLAGS_ASYNC_COMMAND: 0x00000002,
  SMB2_FLAGS_RELATED_OPERATIONS: 0x00000004,
  SMB2_FLAGS_SIGNED: 0x00000008,
  SMB2_FLAGS_PRIORITY_MASK: 0x00000070,
  SMB2_FLAGS_DFS_OPERATIONS: 0x10000000,
  SMB2_FLAGS_REPLAY_OPERATION: 0x20000000,
} as const;

/** [MS-SMB2] 2.2.3 Dialects. 0x02FF is the wildcard answered to an SMB1 "SMB 2.???" offer. */
export const Smb2Dialect = {
  SMB2_0_2: 0x0202,
  SMB2_1: 0x0210,
  SMB3_0: 0x0300,
  SMB3_0_2: 0x0302,
  SMB3_1_1: 0x0311,
  SMB2_WILDCARD: 0x02ff,
} as const;
export type Smb2DialectValue = 0x0202 | 0x0210 | 0x0300 | 0x0302 | 0x0311;
export const smb2DialectName = reverseLookup(Smb2Dialect);
/** The dialects this server implements, most preferred first. */
export const SUPPORTED_DIALECTS: readonly Smb2DialectValue[] = [0x0311, 0x0302, 0x0300, 0x0210, 0x0202];

/** [MS-SMB2] 2.2.3 SecurityMode. */
export const Smb2SecurityMode = {
  SMB2_NEGOTIATE_SIGNING_ENABLED: 0x0001,
  SMB2_NEGOTIATE_SIGNING_REQUIRED: 0x0002,
} as const;

/** [MS-SMB2] 2.2.3 Capabilities. */
export const Smb2Capabilities = {
  SMB2_GLOBAL_CAP_DFS: 0x00000001,
  SMB2_GLOBAL_CAP_LEASING: 0x00000002,
  SMB2_GLOBAL_CAP_LARGE_MTU: 0x00000004,
  SMB2_GLOBAL_CAP_MULTI_CHANNEL: 0x00000008,
  SMB2_GLOBAL_CAP_PERSISTENT_HANDLES: 0x00000010,
  SMB2_GLOBAL_CAP_DIRECTORY_LEASING: 0x00000020,
  SMB2_GLOBAL_CAP_ENCRYPTION: 0x00000040,
} as const;

/** [MS-SMB2] 2.2.3.1 Negotiate context types. */
export const Smb2NegotiateContextType = {
  SMB2_PREAUTH_INTEGRITY_CAPABILITIES: 0x0001,
  SMB2_ENCRYPTION_CAPABILITIES: 0x0002,
  SMB2_COMPRESSION_CAPABILITIES: 0x0003,
  SMB2_NETNAME_NEGOTIATE_CONTEXT_ID: 0x0005,
  SMB2_TRANSPORT_CAPABILITIES: 0x0006,
  SMB2_RDMA_TRANSFORM_CAPABILITIES: 0x0007,
  SMB2_SIGNING_CAPABILITIES: 0x0008,
} as const;
export const smb2NegotiateContextName = reverseLookup(Smb2NegotiateContextType);

/** [MS-SMB2] 2.2.3.1.1 HashAlgorithms. */
export const SMB2_PREAUTH_INTEGRITY_SHA512 = 0x0001;

/** [MS-SMB2] 2.2.3.1.7 SigningAlgorithms. */
export const Smb2SigningAlgorithm = {
  HMAC_SHA256: 0x0000,
  AES_CMAC: 0x0001,
  AES_GMAC: 0x0002,
} as const;

/** [MS-SMB2] 2.2.5 SESSION_SETUP request Flags and SecurityMode; 2.2.6 SessionFlags. */
export const SMB2_SESSION_FLAG_BINDING = 0x01;
export const Smb2SessionFlags = {
  SMB2_SESSION_FLAG_IS_GUEST: 0x0001,
  SMB2_SESSION_FLAG_IS_NULL: 0x0002,
  SMB2_SESSION_FLAG_ENCRYPT_DATA: 0x0004,
} as const;

/** [MS-SMB2] 2.2.10 ShareType. */
export const Smb2ShareType = {
  SMB2_SHARE_TYPE_DISK: 0x01,
  SMB2_SHARE_TYPE_PIPE: 0x02,
  SMB2_SHARE_TYPE_PRINT: 0x03,
} as const;

/** [MS-SMB2] 2.2.10 ShareFlags. */
export const Smb2ShareFlags = {
  SMB2_SHAREFLAG_MANUAL_CACHING: 0x00000000,
  SMB2_SHAREFLAG_AUTO_CACHING: 0x00000010,
  SMB2_SHAREFLAG_VDO_CACHING: 0x00000020,
  SMB2_SHAREFLAG_NO_CACHING: 0x00000030,
  SMB2_SHAREFLAG_DFS: 0x00000001,
  SMB2_SHAREFLAG_DFS_ROOT: 0x00000002,
  SMB2_SHAREFLAG_RESTRICT_EXCLUSIVE_OPENS: 0x00000100,
  SMB2_SHAREFLAG_FORCE_SHARED_DELETE: 0x00000200,
  SMB2_SHAREFLAG_ALLOW_NAMESPACE_CACHING: 0x00000400,
  SMB2_SHAREFLAG_ACCESS_BASED_DIRECTORY_ENUM: 0x00000800,
  SMB2_SHAREFLAG_ENCRYPT_DATA: 0x00008000,
} as const;

/** [MS-SMB2] 2.2.10 Capabilities (of a tree). */
export const Smb2ShareCapabilities = {
  SMB2_SHARE_CAP_DFS: 0x00000008,
  SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY: 0x00000010,
  SMB2_SHARE_CAP_SCALEOUT: 0x00000020,
  SMB2_SHARE_CAP_CLUSTER: 0x00000040,
  SMB2_SHARE_CAP_ASYMMETRIC: 0x00000080,
} as const;

/** [MS-SMB2] 2.2.13.1 Access masks (file/pipe/printer and directory rights, generic rights). */
export const FileAccessMask = {
  FILE_READ_DATA: 0x00000001,
  FILE_LIST_DIRECTORY: 0x00000001,
  FILE_WRITE_DATA: 0x00000002,
  FILE_ADD_FILE: 0x00000002,
  FILE_APPEND_DATA: 0x00000004,
  FILE_ADD_SUBDIRECTORY: 0x00000004,
  FILE_READ_EA: 0x00000008,
  FILE_WRITE_EA: 0x00000010,
  FILE_EXECUTE: 0x00000020,
  FILE_TRAVERSE: 0x00000020,
  FILE_DELETE_CHILD: 0x00000040,
  FILE_READ_ATTRIBUTES: 0x00000080,
  FILE_WRITE_ATTRIBUTES: 0x00000100,
  DELETE: 0x00010000,
  READ_CONTROL: 0x00020000,
  WRITE_DAC: 0x00040000,
  WRITE_OWNER: 0x00080000,
  SYNCHRONIZE: 0x00100000,
  ACCESS_SYSTEM_SECURITY: 0x01000000,
  MAXIMUM_ALLOWED: 0x02000000,
  GENERIC_ALL: 0x10000000,
  GENERIC_EXECUTE: 0x20000000,
  GENERIC_WRITE: 0x40000000,
  GENERIC_READ: 0x80000000,
} as const;

/** Rights that modify a file or its metadata: refused on the read-only PRINT$ share. */
export const WRITE_OR_DELETE_ACCESS =
  FileAccessMask.FILE_WRITE_DATA |
  FileAccessMask.FILE_APPEND_DATA |
  FileAccessMask.FILE_WRITE_EA |
  FileAccessMask.FILE_DELETE_CHILD |
  FileAccessMask.FILE_WRITE_ATTRIBUTES |
  FileAccessMask.DELETE |
  FileAccessMask.WRITE_DAC |
  FileAccessMask.WRITE_OWNER |
  FileAccessMask.GENERIC_ALL |
  FileAccessMask.GENERIC_WRITE;

/** What a read-only open is granted: FILE_GENERIC_READ | FILE_EXECUTE ([MS-SMB2] 2.2.13.1.1). */
export const FILE_GENERIC_READ_EXECUTE = 0x001200a9;

/** FILE_GENERIC_WRITE: what GENERIC_WRITE maps to on a file ([MS-SMB2] 3.3.5.9). */
export const FILE_GENERIC_WRITE = 0x00120116;

/** FILE_ALL_ACCESS: full control, what GENERIC_ALL maps to. */
export const FILE_ALL_ACCESS = 0x001f01ff;

/** GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ | MAXIMUM_ALLOWED: never granted as such. */
export const GENERIC_RIGHTS = 0xf2000000;

/** [MS-SMB2] 2.2.13 ShareAccess. */
export const FileShareAccess = {
  FILE_SHARE_READ: 0x00000001,
  FILE_SHARE_WRITE: 0x00000002,
  FILE_SHARE_DELETE: 0x00000004,
} as const;

/** [MS-SMB2] 2.2.13 CreateDisposition. */
export const CreateDisposition = {
  FILE_SUPERSEDE: 0x00000000,
  FILE_OPEN: 0x00000001,
  FILE_CREATE: 0x00000002,
  FILE_OPEN_IF: 0x00000003,
  FILE_OVERWRITE: 0x00000004,
  FILE_OVERWRITE_IF: 0x00000005,
} as const;
export const createDispositionName = reverseLookup(CreateDisposition);

/** [MS-SMB2] 2.2.13 CreateOptions. */
export const CreateOptions = {
  FILE_DIRECTORY_FILE: 0x00000001,
  FILE_WRITE_THROUGH: 0x00000002,
  FILE_SEQUENTIAL_ONLY: 0x00000004,
  FILE_NO_INTERMEDIATE_BUFFERING: 0x00000008,
  FILE_SYNCHRONOUS_IO_ALERT: 0x00000010,
  FILE_SYNCHRONOUS_IO_NONALERT: 0x00000020,
  FILE_NON_DIRECTORY_FILE: 0x00000040,
  FILE_COMPLETE_IF_OPLOCKED: 0x00000100,
  FILE_NO_EA_KNOWLEDGE: 0x00000200,
  FILE_RANDOM_ACCESS: 0x00000800,
  FILE_DELETE_ON_CLOSE: 0x00001000,
  FILE_OPEN_BY_FILE_ID: 0x00002000,
  FILE_OPEN_FOR_BACKUP_INTENT: 0x00004000,
  FILE_NO_COMPRESSION: 0x00008000,
  FILE_OPEN_REMOTE_INSTANCE: 0x00000400,
  FILE_OPEN_REQUIRING_OPLOCK: 0x00010000,
  FILE_DISALLOW_EXCLUSIVE: 0x00020000,
  FILE_RESERVE_OPFILTER: 0x00100000,
  FILE_OPEN_REPARSE_POINT: 0x00200000,
  FILE_OPEN_NO_RECALL: 0x00400000,
  FILE_OPEN_FOR_FREE_SPACE_QUERY: 0x00800000,
} as const;

/** [MS-SMB2] 2.2.14 CreateAction. */
export const CreateAction = {
  FILE_SUPERSEDED: 0x00000000,
  FILE_OPENED: 0x00000001,
  FILE_CREATED: 0x00000002,
  FILE_OVERWRITTEN: 0x00000003,
} as const;

/** [MS-SMB2] 2.2.13 RequestedOplockLevel / 2.2.14 OplockLevel. */
export const OplockLevel = {
  SMB2_OPLOCK_LEVEL_NONE: 0x00,
  SMB2_OPLOCK_LEVEL_II: 0x01,
  SMB2_OPLOCK_LEVEL_EXCLUSIVE: 0x08,
  SMB2_OPLOCK_LEVEL_BATCH: 0x09,
  SMB2_OPLOCK_LEVEL_LEASE: 0xff,
} as const;

/** [MS-SMB2] 2.2.13 ImpersonationLevel. */
export const ImpersonationLevel = {
  Anonymous: 0x00000000,
  Identification: 0x00000001,
  Impersonation: 0x00000002,
  Delegate: 0x00000003,
} as const;

/** [MS-FSCC] 2.6 File attributes. */
export const FileAttributes = {
  FILE_ATTRIBUTE_READONLY: 0x00000001,
  FILE_ATTRIBUTE_HIDDEN: 0x00000002,
  FILE_ATTRIBUTE_SYSTEM: 0x00000004,
  FILE_ATTRIBUTE_DIRECTORY: 0x00000010,
  FILE_ATTRIBUTE_ARCHIVE: 0x00000020,
  FILE_ATTRIBUTE_NORMAL: 0x00000080,
  FILE_ATTRIBUTE_TEMPORARY: 0x00000100,
  FILE_ATTRIBUTE_SPARSE_FILE: 0x00000200,
  FILE_ATTRIBUTE_REPARSE_POINT: 0x00000400,
  FILE_ATTRIBUTE_COMPRESSED: 0x00000800,
  FILE_ATTRIBUTE_OFFLINE: 0x00001000,
  FILE_ATTRIBUTE_NOT_CONTENT_INDEXED: 0x00002000,
  FILE_ATTRIBUTE_ENCRYPTED: 0x00004000,
} as const;

/** [MS-SMB2] 2.2.15 CLOSE Flags. */
export const SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB = 0x0001;

/** [MS-SMB2] 2.2.19 READ Flags and 2.2.20 response Flags. */
export const SMB2_READFLAG_READ_UNBUFFERED = 0x01;

/** [MS-SMB2] 2.2.31 IOCTL Flags. */
export const SMB2_0_IOCTL_IS_FSCTL = 0x00000001;

/** [MS-FSCC] 2.3 and [MS-SMB2] 2.2.31 CtlCode values. */
export const FsctlCode = {
  FSCTL_DFS_GET_REFERRALS: 0x00060194,
  FSCTL_DFS_GET_REFERRALS_EX: 0x000601b0,
  FSCTL_PIPE_PEEK: 0x0011400c,
  FSCTL_PIPE_WAIT: 0x00110018,
  FSCTL_PIPE_TRANSCEIVE: 0x0011c017,
  FSCTL_SRV_COPYCHUNK: 0x001440f2,
  FSCTL_SRV_COPYCHUNK_WRITE: 0x001480f2,
  FSCTL_SRV_ENUMERATE_SNAPSHOTS: 0x00144064,
  FSCTL_SRV_REQUEST_RESUME_KEY: 0x00140078,
  FSCTL_SRV_READ_HASH: 0x001441bb,
  FSCTL_LMR_REQUEST_RESILIENCY: 0x001401d4,
  FSCTL_QUERY_NETWORK_INTERFACE_INFO: 0x001401fc,
  FSCTL_SET_REPARSE_POINT: 0x000900a4,
  FSCTL_GET_REPARSE_POINT: 0x000900a8,
  FSCTL_CREATE_OR_GET_OBJECT_ID: 0x000900c0,
  FSCTL_VALIDATE_NEGOTIATE_INFO: 0x00140204,
} as const;
export const fsctlName = reverseLookup(FsctlCode);

/** [MS-SMB2] 2.2.33 QUERY_DIRECTORY Flags. */
export const QueryDirectoryFlags = {
  SMB2_RESTART_SCANS: 0x01,
  SMB2_RETURN_SINGLE_ENTRY: 0x02,
  SMB2_INDEX_SPECIFIED: 0x04,
  SMB2_REOPEN: 0x10,
} as const;

/** [MS-SMB2] 2.2.37 InfoType. */
export const InfoType = {
  SMB2_0_INFO_FILE: 0x01,
  SMB2_0_INFO_FILESYSTEM: 0x02,
  SMB2_0_INFO_SECURITY: 0x03,
  SMB2_0_INFO_QUOTA: 0x04,
} as const;
export const infoTypeName = reverseLookup(InfoType);

/** [MS-FSCC] 2.4 File information classes. */
export const FileInformationClass = {
  FileDirectoryInformation: 0x01,
  FileFullDirectoryInformation: 0x02,
  FileBothDirectoryInformation: 0x03,
  FileBasicInformation: 0x04,
  FileStandardInformation: 0x05,
  FileInternalInformation: 0x06,
  FileEaInformation: 0x07,
  FileAccessInformation: 0x08,
  FileNameInformation: 0x09,
  FileRenameInformation: 0x0a,
  FileNamesInformation: 0x0c,
  FileDispositionInformation: 0x0d,
  FilePositionInformation: 0x0e,
  FileFullEaInformation: 0x0f,
  FileModeInformation: 0x10,
  FileAlignmentInformation: 0x11,
  FileAllInformation: 0x12,
  FileAllocationInformation: 0x13,
  FileEndOfFileInformation: 0x14,
  FileAlternateNameInformation: 0x15,
  FileStreamInformation: 0x16,
  FilePipeInformation: 0x17,
  FilePipeLocalInformation: 0x18,
  FilePipeRemoteInformation: 0x19,
  FileCompressionInformation: 0x1c,
  FileNetworkOpenInformation: 0x22,
  FileAttributeTagInformation: 0x23,
  FileIdBothDirectoryInformation: 0x25,
  FileIdFullDirectoryInformation: 0x26,
  FileNormalizedNameInformation: 0x30,
  FileIdInformation: 0x3b,
} as const;
export const fileInformationClassName = reverseLookup(FileInformationClass);

/** [MS-FSCC] 2.5 File system information classes. */
export const FsInformationClass = {
  FileFsVolumeInformation: 0x01,
  FileFsLabelInformation: 0x02,
  FileFsSizeInformation: 0x03,
  FileFsDeviceInformation: 0x04,
  FileFsAttributeInformation: 0x05,
  FileFsControlInformation: 0x06,
  FileFsFullSizeInformation: 0x07,
  FileFsObjectIdInformation: 0x08,
  FileFsSectorSizeInformation: 0x0b,
} as const;
export const fsInformationClassName = reverseLookup(FsInformationClass);

/** [MS-SMB2] 2.2.37 AdditionalInformation for SMB2_0_INFO_SECURITY. */
export const SecurityInformation = {
  OWNER_SECURITY_INFORMATION: 0x00000001,
  GROUP_SECURITY_INFORMATION: 0x00000002,
  DACL_SECURITY_INFORMATION: 0x00000004,
  SACL_SECURITY_INFORMATION: 0x00000008,
  LABEL_SECURITY_INFORMATION: 0x00000010,
} as const;

/** [MS-FSCC] 2.5.10 FileFsDeviceInformation DeviceType, Characteristics. */
export const FILE_DEVICE_DISK = 0x00000007;
export const FILE_DEVICE_NAMED_PIPE = 0x00000011;
export const FILE_REMOTE_DEVICE = 0x00000010;
export const FILE_DEVICE_IS_MOUNTED = 0x00000020;

/** [MS-FSCC] 2.5.1 FileSystemAttributes. */
export const FileSystemAttributes = {
  FILE_CASE_SENSITIVE_SEARCH: 0x00000001,
  FILE_CASE_PRESERVED_NAMES: 0x00000002,
  FILE_UNICODE_ON_DISK: 0x00000004,
  FILE_PERSISTENT_ACLS: 0x00000008,
  FILE_READ_ONLY_VOLUME: 0x00080000,
} as const;

/** The FileId meaning "the file of the previous request" in a related compound ([MS-SMB2] 3.3.5.2.7.2). */
export const RELATED_FILE_ID = 0xffffffffffffffffn;

/** Credits: the most a connection may hold, and what one credit covers ([MS-SMB2] 3.3.1.2, 2.2.1). */
export const CREDIT_PAYLOAD_SIZE = 65536;
