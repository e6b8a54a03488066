/**
 * What every connection shares with its server: configuration, identity, shares, limits.
 */
import type { UserAccount } from '../../common/identity';
import type { KerberosAcceptorSettings } from '../../auth/kerberos/kerberos-acceptor';
import type { Logger } from '../../common/logger';
import type { Share } from './shares/share';

export interface ServerLimits {
  readonly maxTransactSize: number;
  readonly maxReadSize: number;
  readonly maxWriteSize: number;
  /** Largest frame accepted: MaxTransactSize plus room for headers ([MS-SMB2] 3.3.5.2). */
  readonly maxFrameSize: number;
  /** Largest frame accepted before a session is established. */
  readonly maxUnauthenticatedFrameSize: number;
  readonly idleTimeoutMs: number;
  /** Frames queued on one connection before its input is paused. */
  readonly maxQueuedFrames: number;
  /** Opens one connection may hold. */
  readonly maxOpens: number;
  readonly maxSessions: number;
}

export interface ServerContext {
  readonly serverName: string;
  readonly domain: string;
  readonly serverGuid: Buffer;
  readonly signingRequired: boolean;
  readonly allowGuest: boolean;
  readonly allowAnonymous: boolean;
  readonly allowNtlmV1: boolean;
  /** Keytab and replay cache: SPNEGO offers Kerberos when set. */
  readonly kerberos?: KerberosAcceptorSettings;
  readonly limits: ServerLimits;
  readonly logger: Logger;
  lookupUser(userName: string, domain: string): UserAccount | undefined;
  /** Case-insensitive share lookup; undefined for an unknown share. */
  findShare(name: string): Share | undefined;
  /** A new, server-wide unique, non-zero SessionId. */
  allocateSessionId(): bigint;
}
