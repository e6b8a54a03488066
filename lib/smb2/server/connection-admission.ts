/**
 * Which connections the server takes: at most `maxConnections` at once (a setting), and at most
 * `maxUnauthenticatedConnectionsPerPeer` from one remote address before any of them has logged on.
 * Deadlines to negotiate and to log on (connection.ts) bound how long a connection may stay
 * unauthenticated, so a flood of idle or slow (slowloris) sockets from one address holds a bounded
 * share of the server and for a bounded time.
 *
 * When the server is full, a newcomer from another address takes the place of the oldest
 * connection that has not logged on, from the address holding the most of those (if it holds more
 * than the newcomer's address would): a flood from one address never locks out another. Reaching
 * either limit is logged once per episode, with the count of refusals when it ends.
 */
import type { Logger } from '../../common/logger';

export interface AdmissionLimits {
  readonly maxConnections: number;
  readonly maxUnauthenticatedConnectionsPerPeer: number;
}

/** One admitted connection. */
export interface AdmissionTicket {
  readonly peer: string;
  readonly admittedAt: number;
  /** Whether a session on it has logged on (it no longer counts against its peer's cap). */
  readonly authenticated: boolean;
}

interface Entry extends AdmissionTicket {
  authenticated: boolean;
  released: boolean;
  readonly evict: (reason: string) => void;
}

export type Admission = { readonly ticket: AdmissionTicket } | { readonly refused: string };

/** `::ffff:127.0.0.1` and `127.0.0.1` are one peer. */
export function peerOf(remoteAddress: string): string {
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}

export class ConnectionAdmission {
  private readonly entries = new Set<Entry>();
  /** Unauthenticated connections by peer, oldest first. */
  private readonly unauthenticated = new Map<string, Entry[]>();
  private atLimit = false;
  private refusedAtLimit = 0;
  private readonly peersAtCap = new Map<string, number>();

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Connections admitted and not yet released. */
  get size(): number {
    return this.entries.size;
  }

  /** Connections of `peer` that have not logged on. */
  unauthenticatedOf(peer: string): number {
    return this.unauthenticated.get(peer)?.length ?? 0;
  }

  /** Admits a connection from `remoteAddress`; `evict` closes it if it must make room later. */
  admit(remoteAddress: string, evict: (reason: string) => void): Admission {
    const peer = peerOf(remoteAddress);
    const waiting = this.unauthenticatedOf(peer);
    if (waiting >= this.limits.maxUnauthenticatedConnectionsPerPeer) {
      const refused = (this.peersAtCap.get(peer) ?? 0) + 1;
      this.peersAtCap.set(peer, refused);
      if (refused === 1) {
        this.logger.warn('connections refused: too many from one address before logon', {
          remoteAddress: peer,
          limit: this.limits.maxUnauthenticatedConnectionsPerPeer,
        });
      }
      return { refused: `${peer} has ${waiting} connections that have not logged on` };
    }
    if (this.entries.size >= this.limits.maxConnections) {
      if (!this.atLimit) {
        this.atLimit = true;
        this.logger.warn('connection limit reached', { limit: this.limits.maxConnections, remoteAddress: peer });
      }
      if (!this.evictFor(peer)) {
        this.refusedAtLimit++;
        return { refused: `the server holds its limit of ${this.limits.maxConnections} connections` };
      }
    }
    const entry: Entry = { peer, admittedAt: this.now(), authenticated: false, released: false, evict };
    this.entries.add(entry);
    this.unauthenticatedList(peer).push(entry);
    return { ticket: entry };
  }

  /** A session on the connection logged on: it leaves its peer's unauthenticated count. */
  authenticated(ticket: AdmissionTicket): void {
    const entry = ticket as Entry;
    if (entry.authenticated || entry.released) return;
    entry.authenticated = true;
    this.dropUnauthenticated(entry);
  }

  /** The connection closed (idempotent). */
  release(ticket: AdmissionTicket): void {
    const entry = ticket as Entry;
    if (entry.released) return;
    entry.released = true;
    this.entries.delete(entry);
    if (!entry.authenticated) this.dropUnauthenticated(entry);
    if (this.atLimit && this.entries.size < this.limits.maxConnections) {
      this.atLimit = false;
      this.logger.info('connections below the limit again', {
        limit: this.limits.maxConnections,
        refused: this.refusedAtLimit,
      });
      this.refusedAtLimit = 0;
    }
  }

  /**
   * Closes the oldest unauthenticated connection of the address holding the most of them, if that
   * address holds more than `peer` would with one more; true when a place was freed.
   */
  private evictFor(peer: string): boolean {
    let victim: Entry | undefined;
    let most = this.unauthenticatedOf(peer) + 1;
    for (const [other, list] of this.unauthenticated) {
      if (other !== peer && list.length > most && list[0] !== undefined) {
        most = list.length;
        victim = list[0];
      }
    }
    if (victim === undefined) return false;
    this.logger.info('connection closed to make room for another address', {
      remoteAddress: victim.peer,
      unauthenticated: most,
      for: peer,
    });
    this.release(victim);
    victim.evict(`closed to make room: ${victim.peer} holds ${most} connections that have not logged on`);
    return true;
  }

  private unauthenticatedList(peer: string): Entry[] {
    let list = this.unauthenticated.get(peer);
    if (list === undefined) {
      list = [];
      this.unauthenticated.set(peer, list);
    }
    return list;
  }

  private dropUnauthenticated(entry: Entry): void {
    const list = this.unauthenticated.get(entry.peer);
    if (list === undefined) return;
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.unauthenticated.delete(entry.peer);
    const refused = this.peersAtCap.get(entry.peer);
    if (refused !== undefined && list.length < this.limits.maxUnauthenticatedConnectionsPerPeer) {
      this.peersAtCap.delete(entry.peer);
      this.logger.info('address below its limit of connections before logon again', {
        remoteAddress: entry.peer,
        refused,
      });
    }
  }
}
