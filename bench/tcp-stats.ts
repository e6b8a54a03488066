/**
 * The kernel's TCP listen-queue counters (/proc/net/netstat, TcpExt): a storm opens thousands of
 * connections at once, and when a server does not accept them as fast as they come the accept
 * queue (its listen backlog) overflows. The client then sees a connect or a first request that
 * takes seconds (the SYN or the SYN-ACK is retransmitted after 1, 2, 4, 8... s). The counters are
 * machine-wide, so other jobs may add to them, but little else overflows a listen queue.
 */
import { readFileSync } from 'node:fs';

export interface ListenCounters {
  /** Handshakes completed while the accept queue was full (dropped, retried by the peer). */
  readonly listenOverflows: number;
  /** SYNs dropped at a listener for any reason (overflows included). */
  readonly listenDrops: number;
  /** SYN cookies sent because the SYN queue was full. */
  readonly syncookiesSent: number;
}

/** The TcpExt counters of /proc/net/netstat text (a header line, then a values line). */
export function parseNetstat(text: string): ListenCounters {
  const lines = text.split('\n').filter((l) => l.startsWith('TcpExt:'));
  const names = lines[0]?.split(/\s+/).slice(1) ?? [];
  const values = lines[1]?.split(/\s+/).slice(1).map(Number) ?? [];
  const get = (name: string): number => {
    const i = names.indexOf(name);
    return i >= 0 && values[i] !== undefined ? values[i] : Number.NaN;
  };
  return {
    listenOverflows: get('ListenOverflows'),
    listenDrops: get('ListenDrops'),
    syncookiesSent: get('SyncookiesSent'),
  };
}

export function readListenCounters(): ListenCounters {
  try {
    return parseNetstat(readFileSync('/proc/net/netstat', 'latin1'));
  } catch {
    return { listenOverflows: Number.NaN, listenDrops: Number.NaN, syncookiesSent: Number.NaN };
  }
}

export function listenCountersSince(before: ListenCounters): ListenCounters {
  const now = readListenCounters();
  return {
    listenOverflows: now.listenOverflows - before.listenOverflows,
    listenDrops: now.listenDrops - before.listenDrops,
    syncookiesSent: now.syncookiesSent - before.syncookiesSent,
  };
}
