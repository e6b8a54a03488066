/**
 * Which connections the server takes, and which it serves: at most `maxConnections` at once (a
 * setting), and at most `maxUnauthenticatedConnectionsPerPeer` served from one remote address
 * before any of them has logged on. A connection beyond that cap waits, unread, until one of its
 * address's connections logs on or goes (a burst of honest clients behind one address is slowed,
 * not refused); deadlines to negotiate and to log on (connection.ts), counted from arrival, bound
 * how long any of them may stay unauthenticated, waiting or served.
 *
 * When the server is full, a newcomer from another address takes the place of a connection that
 * has not logged on — one waiting if any, else the oldest served — of the address holding the
 * most of those (if it holds more than the newcomer's address would): a flood from one address
 * never locks out another. Reaching either limit is logged once per episode, with the count of
 * refusals when it ends.
 */
import type { Logger } from '../../common/logger';

export interface AdmissionLimits {
  readonly maxConnections: number;
  readonly maxUnauthenticatedConnectionsPerPeer: number;
}

/** One admitted connection. */
export interface AdmissionTicket {
  readonly peer: string;
  /** Whether a session on it has logged on (it no longer counts against its peer's cap). */
  readonly authenticated: boolean;
  /** Whether it is served (false while it waits for its peer's cap). */
  readonly served: boolean;
}

/** What the admission does with a connection. */
export interface AdmittedConnection {
  /** Serve it, once its peer's cap allows (a connection admitted served is started by its owner). */
  readonly start: () => void;
  /** Close it to make room for another address. */
  readonly evict: (reason: string) => void;
}

interface Entry extends AdmissionTicket {
  authenticated: boolean;
  served: boolean;
  released: boolean;
  readonly connection: AdmittedConnection;
}

export type Admission = { readonly ticket: AdmissionTicket } | { readonly refused: string };

/** `::ffff:127.0.0.1` and `127.0.0.1` are one peer. */
export function peerOf(remoteAddress: string): string {
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}

interface PeerState {
  /** Served and not logged on, oldest first. */
  readonly served: Entry[];
  /** Waiting for the cap, oldest first. */
  readonly waiting: Entry[];
  /** Connections that waited in this episode, for the log. */
  waited: number;
}

export class ConnectionAdmission {
  private readonly entries = new Set<Entry>();
  private readonly peers = new Map<string, PeerState>();
  private atLimit = false;
  private refusedAtLimit = 0;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly logger: Logger,
  ) {}

  /** Connections admitted and not yet released. */
  get size(): number {
    return this.entries.size;
  }

  /** Connections of `peer` that have not logged on: served, and waiting. */
  unauthenticatedOf(peer: string): { served: number; waiting: number } {
    const p = this.peers.get(peer);
    return { served: p?.served.length ?? 0, waiting: p?.waiting.length ?? 0 };
  }

  /** Admits a connection from `remoteAddress` (served at once, or later through `start`), or refuses it. */
  admit(remoteAddress: string, connection: AdmittedConnection): Admission {
    const peer = peerOf(remoteAddress);
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
    const entry: Entry = { peer, authenticated: false, served: false, released: false, connection };
    this.entries.add(entry);
    const state = this.peerState(peer);
    if (state.served.length < this.limits.maxUnauthenticatedConnectionsPerPeer) {
      entry.served = true;
      state.served.push(entry);
    } else {
      state.waiting.push(entry);
      if (state.waited++ === 0) {
        this.logger.warn('connections wait: too many from one address before logon', {
          remoteAddress: peer,
          limit: this.limits.maxUnauthenticatedConnectionsPerPeer,
        });
      }
    }
    return { ticket: entry };
  }

  /** A session on the connection logged on: it leaves its peer's count, and a waiting one is served. */
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

  private serveWaiting(state: PeerState, entry: Entry): void {
    entry.served = true;
    state.served.push(entry);
    entry.connection.start();
  }

  /**
   * Closes an unauthenticated connection (waiting first, else the oldest served) of the address
   * holding the most of them, if it holds more than `peer` would with one more; true when a place
   * was freed.
   */
  private evictFor(peer: string): boolean {
    const own = this.unauthenticatedOf(peer);
    let most = own.served + own.waiting + 1;
    let victim: Entry | undefined;
    for (const [other, state] of this.peers) {
      const held = state.served.length + state.waiting.length;
      if (other !== peer && held > most) {
        most = held;
        victim = state.waiting[0] ?? state.served[0];
      }
    }
    if (victim === undefined) return false;
    this.logger.info('connection closed to make room for another address', {
      remoteAddress: victim.peer,
      unauthenticated: most,
      for: peer,
    });
    this.release(victim);
    victim.connection.evict(`closed to make room: ${victim.peer} holds ${most} connections that have not logged on`);
    return true;
  }

  private peerState(peer: string): PeerState {
    let state = this.peers.get(peer);
    if (state === undefined) {
      state = { served: [], waiting: [], waited: 0 };
      this.peers.set(peer, state);
    }
    return state;
  }

  private dropUnauthenticated(entry: Entry): void {
    const state = this.peers.get(entry.peer);
    if (state === undefined) return;
    const list = entry.served ? state.served : state.waiting;
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    // A place is free: the oldest waiting connection of that address is served.
    while (state.served.length < this.limits.maxUnauthenticatedConnectionsPerPeer && state.waiting.length > 0) {
      const next = state.waiting.shift();
      if (next !== undefined) this.serveWaiting(state, next);
    }
    if (state.served.length === 0 && state.waiting.length === 0) {
      if (state.waited > 0)
        this.logger.info('address served again before logon', { remoteAddress: entry.peer, waited: state.waited });
      this.peers.delete(entry.peer);
    }
  }
}
