/**
 * The limits of the SMB2 server: what NEGOTIATE announces, and every budget that keeps one peer,
 * one user or one connection from taking the server's memory or its connection slots.
 *
 *   per connection   frames queued, opens, sessions, response bytes written and not yet sent,
 *                    the idle timeout, the deadlines to NEGOTIATE and to log on
 *   per peer         connections served before logon (by remote address; the others wait)
 *   per user         opens, pipes, bytes of frames received and not yet processed
 *   per server       connections, opens, pipes, bytes of frames received and not yet processed
 *
 * A user is the account a session logged on as (guests share one, anonymous sessions another);
 * before logon the bytes a connection receives count against its peer's address.
 */
import { ConfigError } from '../../common/errors';

export interface ServerLimits {
  readonly maxTransactSize: number;
  readonly maxReadSize: number;
  readonly maxWriteSize: number;
  /** Largest frame accepted: MaxTransactSize plus room for headers ([MS-SMB2] 3.3.5.2). */
  readonly maxFrameSize: number;
  /** Largest frame accepted before a session is established. */
  readonly maxUnauthenticatedFrameSize: number;
  /** A connection that receives no complete frame for this long is closed. */
  readonly idleTimeoutMs: number;
  /** A frame holding received-bytes budget must arrive whole within this time, or its connection is closed. */
  readonly frameReceiveTimeoutMs: number;
  /** A connection that has not negotiated this long after it opened is closed. */
  readonly negotiateTimeoutMs: number;
  /** A connection without an established session this long after it opened is closed. */
  readonly authenticationTimeoutMs: number;
  /** Frames queued on one connection before its input is paused. */
  readonly maxQueuedFrames: number;
  /** Opens one connection may hold. */
  readonly maxOpens: number;
  readonly maxSessions: number;
  /** Response bytes one connection may have handed to its transport and not yet seen written. */
  readonly maxResponseBytesInFlight: number;
  /** Connections the server accepts at once (a setting: `serve --max-connections`). */
  readonly maxConnections: number;
  /** Connections served per remote address before any of them has logged on (the others wait, unread). */
  readonly maxUnauthenticatedConnectionsPerPeer: number;
  readonly maxOpensPerUser: number;
  readonly maxOpensPerServer: number;
  /** Named pipe opens (each one an RPC endpoint with its binds and context handles). */
  readonly maxPipesPerUser: number;
  readonly maxPipesPerServer: number;
  /** Bytes of frames received (or being received) and not yet processed. */
  readonly maxReceiveBytesPerUser: number;
  readonly maxReceiveBytesPerServer: number;
}

/** 8 MiB, as Windows Server 2016+ and Samba announce for LARGE_MTU dialects. */
const MAX_TRANSACT_SIZE = 8 * 1024 * 1024;
/** A WRITE of MaxWriteSize plus its header, or a compound of small requests. */
const MAX_FRAME_SIZE = MAX_TRANSACT_SIZE + 64 * 1024;

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxTransactSize: MAX_TRANSACT_SIZE,
  maxReadSize: MAX_TRANSACT_SIZE,
  maxWriteSize: MAX_TRANSACT_SIZE,
  maxFrameSize: MAX_FRAME_SIZE,
  // Room for a Kerberos-sized SPNEGO token; NTLM needs far less.
  maxUnauthenticatedFrameSize: 256 * 1024,
  // Windows' autodisconnect.
  idleTimeoutMs: 15 * 60 * 1000,
  // 8 MiB at 70 KB/s: a slow link passes, a sender that stalls mid-frame does not hold the budget.
  frameReceiveTimeoutMs: 2 * 60 * 1000,
  negotiateTimeoutMs: 30 * 1000,
  authenticationTimeoutMs: 60 * 1000,
  maxQueuedFrames: 8,
  maxOpens: 4096,
  maxSessions: 64,
  // Two READ responses of MaxReadSize: one being written while the next waits.
  maxResponseBytesInFlight: 2 * MAX_FRAME_SIZE,
  maxConnections: 1024,
  // A quarter of the connections (of maxConnections when that is set alone): a burst from one
  // address waits its turn instead of taking every place.
  maxUnauthenticatedConnectionsPerPeer: 256,
  maxOpensPerUser: 8192,
  maxOpensPerServer: 32768,
  maxPipesPerUser: 2048,
  maxPipesPerServer: 4096,
  maxReceiveBytesPerUser: 4 * MAX_FRAME_SIZE,
  maxReceiveBytesPerServer: 16 * MAX_FRAME_SIZE,
};

/** The defaults with `overrides`; ConfigError for a combination that could never make progress. */
export function resolveServerLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const maxConnections = overrides.maxConnections ?? DEFAULT_SERVER_LIMITS.maxConnections;
  const limits: ServerLimits = {
    ...DEFAULT_SERVER_LIMITS,
    maxUnauthenticatedConnectionsPerPeer: Math.max(1, Math.ceil(maxConnections / 4)),
    ...overrides,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || (value as number) <= 0)
      throw new ConfigError(`SMB2 limit ${name} must be a positive integer, not ${String(value)}`);
  }
  const atLeast = (name: keyof ServerLimits, floor: keyof ServerLimits): void => {
    if (limits[name] < limits[floor])
      throw new ConfigError(`SMB2 limit ${name} (${limits[name]}) must be at least ${floor} (${limits[floor]})`);
  };
  // A frame that could never get its bytes would stall its connection for good.
  atLeast('maxReceiveBytesPerUser', 'maxFrameSize');
  atLeast('maxReceiveBytesPerServer', 'maxReceiveBytesPerUser');
  atLeast('maxOpensPerServer', 'maxOpensPerUser');
  atLeast('maxPipesPerServer', 'maxPipesPerUser');
  atLeast('maxConnections', 'maxUnauthenticatedConnectionsPerPeer');
  return limits;
}
