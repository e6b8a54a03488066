/**
 * What every connection shares with its server: configuration, identity, shares, limits and the
 * budgets all connections draw from.
 */
import type { UserAccount } from '../../common/identity';
import type { KerberosAcceptorSettings } from '../../auth/kerberos/kerberos-acceptor';
import type { Logger } from '../../common/logger';
import type { ServerBudgets } from './resource-budgets';
import type { ServerLimits } from './server-limits';
import type { Share } from './shares/share';

export type { ServerLimits } from './server-limits';

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
  /** Opens, pipes and received bytes, per user and for the whole server. */
  readonly budgets: ServerBudgets;
  readonly logger: Logger;
  lookupUser(userName: string, domain: string): UserAccount | undefined;
  /** Case-insensitive share lookup; undefined for an unknown share. */
  findShare(name: string): Share | undefined;
  /** A new, server-wide unique, non-zero SessionId. */
  allocateSessionId(): bigint;
}
