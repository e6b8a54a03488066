import { PassThrough } from 'node:stream';
import { createLogger } from '../../../../lib/common/logger';
import {
  ConnectionAdmission,
  peerOf,
  type Admission,
  type AdmittedConnection,
} from '../../../../lib/smb2/server/connection-admission';

function logged(): {
  logger: ReturnType<typeof createLogger>;
  messages: () => Array<{ message: string; refused?: number; waited?: number }>;
} {
  const stream = new PassThrough();
  const out: string[] = [];
  stream.setEncoding('utf8').on('data', (d: string) => out.push(...d.split('\n').filter(Boolean)));
  return {
    logger: createLogger({ level: 'info', format: 'json', stream }),
    messages: () => out.map((l) => JSON.parse(l) as { message: string; refused?: number; waited?: number }),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A connection that records what the admission did with it. */
function conn(events: string[], name: string): AdmittedConnection {
  return { start: () => events.push(`start ${name}`), evict: (reason) => events.push(`evict ${name}: ${reason}`) };
}

function ticketOf(a: Admission) {
  if (!('ticket' in a)) throw new Error(`refused: ${a.refused}`);
  return a.ticket;
}

describe('ConnectionAdmission (connections before logon, per peer and for the server)', () => {
  it('serves a capped number per address before logon; the others wait, and are served as places free', async () => {
    const { logger, messages } = logged();
    const admission = new ConnectionAdmission({ maxConnections: 10, maxUnauthenticatedConnectionsPerPeer: 2 }, logger);
    const events: string[] = [];
    const a = ticketOf(admission.admit('127.0.0.1', conn(events, 'a')));
    const b = ticketOf(admission.admit('::ffff:127.0.0.1', conn(events, 'b')));
    const c = ticketOf(admission.admit('127.0.0.1', conn(events, 'c')));
    const d = ticketOf(admission.admit('127.0.0.1', conn(events, 'd')));
    expect([a.served, b.served, c.served, d.served]).toEqual([true, true, false, false]);
    // Another address is not held back.
    expect(ticketOf(admission.admit('127.0.0.2', conn(events, 'e'))).served).toBe(true);
    // a logs on: c is served; b goes away: d is served.
    admission.authenticated(a);
    admission.release(b);
    expect(events).toEqual(['start c', 'start d']);
    expect(admission.unauthenticatedOf('127.0.0.1')).toEqual({ served: 2, waiting: 0 });
    expect(admission.size).toBe(4);
    await tick();
    expect(
      messages().filter((m) => m.message === 'connections wait: too many from one address before logon'),
    ).toHaveLength(1);
  });

  it('when full, makes room for another address by closing a connection of the biggest holder, a waiting one first', async () => {
    const { logger, messages } = logged();
    const admission = new ConnectionAdmission({ maxConnections: 4, maxUnauthenticatedConnectionsPerPeer: 2 }, logger);
    const events: string[] = [];
    for (const n of ['1', '2', '3', '4']) ticketOf(admission.admit('10.0.0.1', conn(events, n)));
    // The flooding address itself is refused.
    expect('refused' in admission.admit('10.0.0.1', conn(events, '5'))).toBe(true);
    expect(ticketOf(admission.admit('10.0.0.2', conn(events, 'x'))).served).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^evict 3: closed to make room/);
    expect(admission.size).toBe(4);
    await tick();
    const m = messages().map((x) => x.message);
    expect(m.filter((x) => x === 'connection limit reached')).toHaveLength(1);
    expect(m).toContain('connection closed to make room for another address');
  });

  it('logs the limit once when reached and the refusals when it ends; release is idempotent', async () => {
    const { logger, messages } = logged();
    const admission = new ConnectionAdmission({ maxConnections: 2, maxUnauthenticatedConnectionsPerPeer: 2 }, logger);
    const events: string[] = [];
    const a = ticketOf(admission.admit('10.0.0.1', conn(events, 'a')));
    admission.authenticated(a);
    const b = ticketOf(admission.admit('10.0.0.1', conn(events, 'b')));
    admission.authenticated(b);
    // Nobody unauthenticated to close: refused.
    for (let i = 0; i < 3; i++) expect('refused' in admission.admit('10.0.0.2', conn(events, 'n'))).toBe(true);
    admission.release(a);
    admission.release(a);
    expect(admission.size).toBe(1);
    await tick();
    const all = messages();
    expect(all.filter((l) => l.message === 'connection limit reached')).toHaveLength(1);
    expect(all.find((l) => l.message === 'connections below the limit again')?.refused).toBe(3);
  });

  it('treats IPv4-mapped addresses as the IPv4 peer', () => {
    expect(peerOf('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(peerOf('::1')).toBe('::1');
  });
});
