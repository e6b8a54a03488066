/**
 * What the server's unit tests share: a server configuration as Smb2Server builds it, sessions
 * with a real acceptor, and an Open that records how it was released.
 */
import { GssAcceptor } from '../../../../lib/auth/gss-acceptor';
import { createSilentLogger } from '../../../../lib/common/logger';
import type { FileBasics } from '../../../../lib/smb2/messages/file-information';
import { Open } from '../../../../lib/smb2/server/open';
import { createServerBudgets } from '../../../../lib/smb2/server/resource-budgets';
import type { ServerContext, ServerLimits } from '../../../../lib/smb2/server/server-context';
import { resolveServerLimits } from '../../../../lib/smb2/server/server-limits';
import { Session } from '../../../../lib/smb2/server/session';

export const LIMITS: ServerLimits = resolveServerLimits({ idleTimeoutMs: 60_000, maxOpens: 4, maxSessions: 2 });

export function serverContext(overrides: Partial<ServerContext> = {}): ServerContext {
  let next = 0x100000001n;
  return {
    serverName: 'NTPRINT',
    domain: 'WORKGROUP',
    serverGuid: Buffer.from('10b8a76bad9dd11180b400c04fd430c8', 'hex'),
    signingRequired: false,
    allowGuest: false,
    allowAnonymous: true,
    allowNtlmV1: false,
    limits: LIMITS,
    budgets: createServerBudgets(LIMITS, createSilentLogger()),
    logger: createSilentLogger(),
    lookupUser: () => undefined,
    findShare: () => undefined,
    allocateSessionId: () => (next += 0x10000n),
    ...overrides,
  };
}

export function newSession(sessionId: bigint): Session {
  const s = serverContext();
  return new Session(
    sessionId,
    new GssAcceptor({
      serverName: s.serverName,
      domain: s.domain,
      lookupUser: s.lookupUser,
      allowNtlmV1: false,
      allowGuest: false,
      allowAnonymous: true,
    }),
  );
}

/** An open of nothing in particular that counts its CLOSE and its release without CLOSE. */
export class RecordingOpen extends Open {
  readonly isDirectory = false;
  closes = 0;
  abandons = 0;

  constructor(
    name: string,
    private readonly failAbandon = false,
  ) {
    super(name, 0);
  }

  basics(): FileBasics {
    return {
      creationTime: 0n,
      lastAccessTime: 0n,
      lastWriteTime: 0n,
      changeTime: 0n,
      allocationSize: 0n,
      endOfFile: 0n,
      fileAttributes: 0,
    };
  }

  override close(): Promise<void> {
    this.closes++;
    return Promise.resolve();
  }

  override abandon(): Promise<void> {
    this.abandons++;
    return this.failAbandon ? Promise.reject(new Error('device gone')) : Promise.resolve();
  }
}
