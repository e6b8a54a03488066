/**
 * The sessions of one connection — [MS-SMB2] 3.3.1.7 Connection.SessionTable: sessions by
 * SessionId, from the first SESSION_SETUP until LOGOFF, a failed authentication or the end of
 * the connection (one connection per session: no multichannel binding).
 */
import type { Session } from './session';

export class SessionTable {
  private readonly sessions = new Map<bigint, Session>();

  constructor(
    /** Sessions one connection may hold (beyond: STATUS_INSUFFICIENT_RESOURCES at SESSION_SETUP). */
    readonly maxSessions: number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get isFull(): boolean {
    return this.sessions.size >= this.maxSessions;
  }

  find(sessionId: bigint): Session | undefined {
    return this.sessions.get(sessionId);
  }

  add(session: Session): void {
    this.sessions.set(session.sessionId, session);
  }

  remove(session: Session): void {
    this.sessions.delete(session.sessionId);
  }

  /** LOGOFF: the session expires, leaves the table and forgets its trees. */
  logoff(session: Session): void {
    session.state = 'expired';
    this.sessions.delete(session.sessionId);
    session.trees.clear();
  }

  /** The connection closed: every session expires. */
  expireAll(): void {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of sessions) s.state = 'expired';
  }
}
