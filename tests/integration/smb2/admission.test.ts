/**
 * Connections before logon (issue 13, item 2) over TCP: one address is served only so many
 * connections before logon (the others wait, unread), idle and slow (one byte at a time) sockets are
 * closed at the deadlines to negotiate and to log on, and a full server makes room for another
 * address (127.0.0.2), which is always served; the server-wide limit is a setting, logged once when
 * reached. The figures with 2,000 sockets are in `npm run bench -- --only
 * limits`; these tests check the behaviour at a small scale.
 */
import * as net from 'node:net';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../lib/common/logger';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import type { Smb2ServerOptions } from '../../../lib/smb2/server/smb2-server';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';

interface Sock {
  readonly socket: net.Socket;
  closed: boolean;
}

describe('SMB2 connections before logon', () => {
  let h: Harness | undefined;
  let port = 0;
  const open: net.Socket[] = [];
  const logLines: string[] = [];

  async function start(overrides: Partial<Smb2ServerOptions>): Promise<void> {
    const stream = new PassThrough();
    stream.setEncoding('utf8').on('data', (d: string) => logLines.push(...d.split('\n').filter(Boolean)));
    h = await startHarness({ logger: createLogger({ level: 'info', format: 'json', stream }), ...overrides });
    port = (await h.server.listen(0, '127.0.0.1')).port;
  }

  /** A TCP connection from `from`, once connected; `closed` turns true when the server closes it. */
  function socketFrom(from: string): Promise<Sock> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: from });
      open.push(socket);
      const s: Sock = { socket, closed: false };
      socket.on('close', () => (s.closed = true));
      socket.on('error', () => undefined);
      socket.once('connect', () => resolve(s));
      socket.once('error', reject);
    });
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  /** A full logon and a file read from `from`. */
  async function served(from: string): Promise<void> {
    const c = new RawSmb2Client(net.connect({ port, host: '127.0.0.1', localAddress: from }));
    open.push(c.stream as net.Socket);
    await c.login(USER, PASSWORD, 'PRINT$');
    const f = await c.create('color\\Hpclrlsr.icm');
    expect(f.response.status).toBe(0);
    c.stream.destroy();
  }

  afterEach(async () => {
    for (const s of open.splice(0)) s.destroy();
    await h?.close();
    h = undefined;
    logLines.length = 0;
  });

  it('serves a capped number of connections per address before logon; the others wait until one logs on', async () => {
    await start({ maxConnections: 50, limits: { maxUnauthenticatedConnectionsPerPeer: 5 } });
    const clients: RawSmb2Client[] = [];
    for (let i = 0; i < 7; i++) {
      const c = new RawSmb2Client(net.connect({ port, host: '127.0.0.1' }));
      open.push(c.stream as net.Socket);
      clients.push(c);
      await new Promise((resolve) => c.stream.once('connect', resolve));
    }
    const negotiations = clients.map((c) => c.negotiate());
    const answered: number[] = [];
    negotiations.forEach(
      (p, i) =>
        void p.then(
          () => answered.push(i),
          () => undefined,
        ),
    );
    await settle();
    expect(answered.sort()).toEqual([0, 1, 2, 3, 4]);
    // Another address is served at once.
    await served('127.0.0.2');
    // The first logs on: the oldest waiting one is served; none was refused.
    expect((await clients[0]!.sessionSetup(USER, PASSWORD)).status).toBe(0);
    await negotiations[5];
    expect(answered).toContain(5);
    expect(answered).not.toContain(6);
    expect(clients.some((c) => c.isClosed)).toBe(false);
    const messages = logLines.map((l) => (JSON.parse(l) as { message: string }).message);
    expect(messages.filter((m) => m === 'connections wait: too many from one address before logon')).toHaveLength(1);
  });

  it('when the server is full of one address, another address takes the place of one of its sockets', async () => {
    await start({ maxConnections: 8, limits: { maxUnauthenticatedConnectionsPerPeer: 4 } });
    const flood = [];
    for (let i = 0; i < 8; i++) flood.push(await socketFrom('127.0.0.1'));
    // More from the flooding address: refused.
    const more = [await socketFrom('127.0.0.1'), await socketFrom('127.0.0.1')];
    await settle();
    expect(more.every((s) => s.closed)).toBe(true);
    expect(flood.some((s) => s.closed)).toBe(false);
    await served('127.0.0.2');
    await settle();
    // A waiting one made room.
    expect(flood.filter((s) => s.closed)).toHaveLength(1);
    expect(flood[4]!.closed).toBe(true);
    const messages = logLines.map((l) => (JSON.parse(l) as { message: string }).message);
    expect(messages.filter((m) => m === 'connection limit reached')).toHaveLength(1);
  });

  it('closes an idle socket, a slowloris and a waiting socket at the deadline to negotiate', async () => {
    await start({
      limits: { negotiateTimeoutMs: 300, authenticationTimeoutMs: 600, maxUnauthenticatedConnectionsPerPeer: 2 },
    });
    const idle = await socketFrom('127.0.0.1');
    const slow = await socketFrom('127.0.0.1');
    // Beyond the cap: it waits, unread, and the same deadline closes it.
    const waiting = await socketFrom('127.0.0.1');
    // A frame header announcing 200 bytes, then one byte every 50 ms: the frame never completes.
    slow.socket.write(Buffer.from([0, 0, 0, 200]));
    const drip = setInterval(() => {
      if (!slow.closed) slow.socket.write(Buffer.from([0xfe]));
    }, 50);
    try {
      const deadline = Date.now() + 5000;
      while (!(idle.closed && slow.closed && waiting.closed) && Date.now() < deadline) await settle();
    } finally {
      clearInterval(drip);
    }
    expect(idle.closed).toBe(true);
    expect(slow.closed).toBe(true);
    expect(waiting.closed).toBe(true);
    await served('127.0.0.2');
  });

  it('closes a connection that negotiated but never logged on, and keeps one that did', async () => {
    await start({ limits: { negotiateTimeoutMs: 200, authenticationTimeoutMs: 400 } });
    const negotiatedOnly = new RawSmb2Client(net.connect({ port, host: '127.0.0.1' }));
    open.push(negotiatedOnly.stream as net.Socket);
    expect((await negotiatedOnly.negotiate()).status).toBe(0);
    const loggedOn = new RawSmb2Client(net.connect({ port, host: '127.0.0.1' }));
    open.push(loggedOn.stream as net.Socket);
    await loggedOn.login(USER, PASSWORD, 'PRINT$');
    expect(await negotiatedOnly.waitClosed(5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loggedOn.isClosed).toBe(false);
    expect((await loggedOn.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w))).status).toBe(0);
  });
});
