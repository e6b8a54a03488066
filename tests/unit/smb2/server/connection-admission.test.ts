import { PassThrough } from 'node:stream';
import { createLogger } from '../../../../lib/common/logger';
import { ConnectionAdmission, peerOf, type Admission } from '../../../../lib/smb2/server/connection-admission';

function logged(): { logger: ReturnType<typeof createLogger>; lines: () => string[] } {
  const stream = new PassThrough();
  const out: string[] = [];
  stream.setEncoding('utf8').on('data', (d: string) => out.push(...d.split('\n').filter(Boolean)));
  return { logger: createLogger({ level: 'info', format: 'json', stream }), lines: () => out };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function ticketOf(a: Admission) {
  if (!('ticket' in a)) throw new Error(`refused: ${a.refused}`);
  return a.ticket;
}

describe('ConnectionAdmission (connections before logon, per peer and for the server)', () => {
  it('caps connections that have not logged on per address; logging on frees the place', () => {
    const { logger } = logged();
    const admission = new ConnectionAdmission({ maxConnections: 10, maxUnauthenticatedConnectionsPerPeer: 2 }, logger);
    const a = ticketOf(admission.admit('127.0.0.1', () => undefined));
    ticketOf(admission.admit('::ffff:127.0.0.1', () => undefined));
    expect('refused' in admission.admit('127.0.0.1', () => undefined)).toBe(true);
    // Another address is not held back.
    ticketOf(admission.admit('127.0.0.2', () => undefined));
    admission.authenticated(a);
    expect(admission.unauthenticatedOf('127.0.0.1')).toBe(1);
    ticketOf(admission.admit('127.0.0.1', () => undefined));
    expect(admission.size).toBe(4);
  });

  it('when full, makes room for another address by closing the oldest unauthenticated connection of the biggest holder', async () => {
    const { logger, lines } = logged();
    const admission = new ConnectionAdmission({ maxConnections: 4, maxUnauthenticatedConnectionsPerPeer: 4 }, logger);
    const evicted: string[] = [];
    for (let i = 0; i < 4; i++) ticketOf(admission.admit('10.0.0.1', (reason) => evicted.push(`${i}: ${reason}`)));
    // The flooding address itself is refused; its oldest connection stays.
    expect('refused' in admission.admit('10.0.0.1', () => undefined)).toBe(true);
    ticketOf(admission.admit('10.0.0.2', () => undefined));
    expect(evicted).toHaveLength(1);
    expect(evicted[0]).toMatch(/^0: closed to make room/);
    expect(admission.size).toBe(4);
    await tick();
    const messages = lines().map((l) => (JSON.parse(l) as { message: string }).message);
    expect(messages.filter((m) => m === 'connection limit reached')).toHaveLength(1);
    expect(messages).toContain('connection closed to make room for another address');
  });

  it('logs the limit once when reached and the refusals when it ends; release is idempotent', async () => {
    const { logger, lines } = logged();
    const admission = new ConnectionAdmission({ maxConnections: 2, maxUnauthenticatedConnectionsPerPeer: 2 }, logger);
    const a = ticketOf(admission.admit('10.0.0.1', () => undefined));
    admission.authenticated(a);
    const b = ticketOf(admission.admit('10.0.0.1', () => undefined));
    admission.authenticated(b);
    // Nobody unauthenticated to close: refused.
    for (let i = 0; i < 3; i++) expect('refused' in admission.admit('10.0.0.2', () => undefined)).toBe(true);
    admission.release(a);
    admission.release(a);
    expect(admission.size).toBe(1);
    await tick();
    const parsed = lines().map((l) => JSON.parse(l) as { message: string; refused?: number; limit?: number });
    expect(parsed.filter((l) => l.message === 'connection limit reached')).toHaveLength(1);
    expect(parsed.find((l) => l.message === 'connections below the limit again')?.refused).toBe(3);
  });

  it('treats IPv4-mapped addresses as the IPv4 peer', () => {
    expect(peerOf('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(peerOf('::1')).toBe('::1');
  });
});
