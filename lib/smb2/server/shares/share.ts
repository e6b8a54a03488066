/**
 * A share as the SMB2 server exposes it — [MS-SMB2] 3.3.1.6 — and its srvsvc view
 * ([MS-SRVS] 2.2.2.4 share types).
 */
import type { AuthenticatedUser } from '../../../common/identity';
import type { CreateRequest } from '../../messages/create';
import type { Open } from '../open';

/** [MS-SRVS] 2.2.2.4 Share types. */
export const ShareTypeSrvsvc = {
  STYPE_DISKTREE: 0x00000000,
  STYPE_PRINTQ: 0x00000001,
  STYPE_DEVICE: 0x00000002,
  STYPE_IPC: 0x00000003,
  STYPE_SPECIAL: 0x80000000,
  STYPE_TEMPORARY: 0x40000000,
} as const;

export interface ShareRequestContext {
  readonly user: AuthenticatedUser;
  readonly connectionId: string;
  readonly serverName: string;
  /** The client's machine name (NTLM workstation), or its address. */
  readonly clientName: string;
}

export interface CreateResult {
  readonly open: Open;
  readonly createAction: number;
}

export interface Share {
  readonly name: string;
  /** SMB2_SHARE_TYPE_DISK / _PIPE / _PRINT. */
  readonly shareType: number;
  readonly shareFlags: number;
  /** MaximalAccess in the TREE_CONNECT response. */
  readonly maximalAccess: number;
  /** MaximalAccess for this user, where the share's ACL gives users different rights. */
  maximalAccessFor?(user: AuthenticatedUser): number;
  /** The srvsvc type (STYPE_*). */
  readonly netShareType: number;
  readonly comment: string;
  create(request: CreateRequest, context: ShareRequestContext): Promise<CreateResult>;
}
