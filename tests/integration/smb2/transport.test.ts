/**
 * The transport of a connection ([MS-SMB2] 2.1 Direct TCP, [RFC 1002] 4.3 NetBIOS): frame limits
 * checked on the announcement, the NetBIOS session service, connection limits and idle timeouts.
 * A good session on another connection keeps working throughout.
 */
import * as net from 'node:net';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { PASSWORD, USER, closesOn, goodSession, startHarness, type Harness } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';

describe('SMB2 server transport', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('closes as soon as a frame announces more than the maximum, without waiting for the bytes', async () => {
    expect(await closesOn(h, Buffer.from([0x00, 0xff, 0xff, 0xff]))).toBe(true);
  });

  it('accepts only small frames until a session is established', async () => {
    // 512 KiB is fine for an authenticated READ response size but not for an anonymous peer.
    expect(await closesOn(h, Buffer.from([0x00, 0x08, 0x00, 0x00]))).toBe(true);
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const big = c.build(Smb2Command.ECHO, (w) => {
      encodeEchoRequest(w);
      w.zeros(512 * 1024);
    });
    expect((await c.sendBuilt(big.bytes, big.messageId)).status).toBe(0);
  });

  it('drops a truncated frame when the peer goes away', async () => {
    expect(await closesOn(h, Buffer.from([0, 0, 0, 100, 0xfe, 0x53, 0x4d, 0x42]), true)).toBe(true);
    await new Promise((r) => setImmediate(r));
    // Only the good session's connection is left.
    expect(h.server.connectionCount).toBe(1);
  });

  it('answers a NetBIOS session request with a positive response, ignores keep-alives, then speaks SMB2', async () => {
    const c = h.connect();
    const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
    c.writeRaw(Buffer.concat([Buffer.from([0x81, 0, 0, 4]), Buffer.from('  \0\0', 'latin1')]));
    expect(await reply).toEqual(Buffer.from([0x82, 0, 0, 0]));
    c.writeRaw(Buffer.from([0x85, 0, 0, 0]));
    expect((await c.negotiate()).status).toBe(0);
  });

  it('refuses connections beyond maxConnections and closes idle ones', async () => {
    await h.close();
    h = await startHarness({
      maxConnections: 3,
      idleTimeoutMs: 300,
      limits: { maxUnauthenticatedConnectionsPerPeer: 3 },
    });
    const idle = [h.connect(), h.connect(), h.connect()];
    const extra = h.connect();
    expect(await extra.waitClosed(500)).toBe(true);
    expect(h.server.connectionCount).toBe(3);
    expect((await Promise.all(idle.map((c) => c.waitClosed(2000)))).every(Boolean)).toBe(true);
    expect(h.server.connectionCount).toBe(0);
    await goodSession(h);
  });

  it('keeps serving another address over TCP while hundreds of idle sockets are open', async () => {
    await h.close();
    h = await startHarness({ maxConnections: 300 });
    const { port } = await h.server.listen(0, '127.0.0.1');
    const sockets = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(port, '127.0.0.1', () => resolve(s));
          }),
      ),
    );
    const tcp = new RawSmb2Client(net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' }));
    await tcp.login(USER, PASSWORD, 'PRINT$');
    const f = await tcp.create('color\\Hpclrlsr.icm');
    expect(f.response.status).toBe(0);
    for (const s of sockets) s.destroy();
    tcp.stream.destroy();
  });
});
