/**
 * Hostile and broken input: each gets the right NTSTATUS or a closed connection, and a good
 * session running alongside completes.
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeFrame } from '../../../lib/smb2/framing';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { encodeReadRequest } from '../../../lib/smb2/messages/read';
import { encodeSmb1NegotiateRequest } from '../../../lib/smb2/messages/smb1-negotiate';
import { decodeNegotiateResponse } from '../../../lib/smb2/messages/negotiate';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';

async function goodSession(h: Harness): Promise<void> {
  const c = h.connect();
  await c.login(USER, PASSWORD, 'PRINT$');
  const f = await c.create('color\\Hpclrlsr.icm');
  expect(f.response.status).toBe(0);
  expect((await c.close(f.fileId!)).status).toBe(0);
}

describe('SMB2 server under bad input', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const closes = async (bytes: Buffer, endAfter = false): Promise<boolean> => {
    const c = h.connect();
    const good = goodSession(h);
    c.writeRaw(bytes);
    if (endAfter) c.stream.end();
    const closed = await c.waitClosed();
    await good;
    return closed;
  };

  it('closes on random bytes', async () => {
    expect(await closes(Buffer.concat([Buffer.from([0, 0, 0, 100]), randomBytes(100)]))).toBe(true);
  });

  it('closes on a wrong protocol id', async () => {
    const msg = Buffer.alloc(100);
    msg.write('\xfeSMX', 'latin1');
    expect(await closes(encodeFrame(msg))).toBe(true);
  });

  it('closes on an encrypted (transform) message, which this server does not support', async () => {
    const msg = Buffer.alloc(100);
    msg.write('\xfdSMB', 'latin1');
    expect(await closes(encodeFrame(msg))).toBe(true);
  });

  it('closes as soon as a frame announces more than the maximum, without waiting for the bytes', async () => {
    expect(await closes(Buffer.from([0x00, 0xff, 0xff, 0xff]))).toBe(true);
  });

  it('accepts only small frames until a session is established', async () => {
    // 512 KiB is fine for an authenticated READ response size but not for an anonymous peer.
    expect(await closes(Buffer.from([0x00, 0x08, 0x00, 0x00]))).toBe(true);
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const big = c.build(Smb2Command.ECHO, (w) => {
      encodeEchoRequest(w);
      w.zeros(512 * 1024);
    });
    expect((await c.sendBuilt(big.bytes, big.messageId)).status).toBe(0);
  });

  it('drops a truncated frame when the peer goes away', async () => {
    expect(await closes(Buffer.from([0, 0, 0, 100, 0xfe, 0x53, 0x4d, 0x42]), true)).toBe(true);
    await new Promise((r) => setImmediate(r));
    // Only the good session's connection is left.
    expect(h.server.connectionCount).toBe(1);
  });

  it('closes on a truncated SMB2 header and on a bad header StructureSize', async () => {
    expect(await closes(encodeFrame(Buffer.from('fe534d4240000000', 'hex')))).toBe(true);
    const c = h.connect();
    const { bytes } = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    bytes.writeUInt16LE(63, 4);
    expect(await closes(encodeFrame(bytes))).toBe(true);
  });

  it('closes when a command other than NEGOTIATE comes first, or NEGOTIATE comes twice', async () => {
    const c = h.connect();
    c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w)).catch(() => undefined);
    expect(await c.waitClosed()).toBe(true);
    const d = h.connect();
    await d.negotiate();
    d.negotiate().catch(() => undefined);
    expect(await d.waitClosed()).toBe(true);
    await goodSession(h);
  });

  it('answers a bad body StructureSize and out-of-range offsets with STATUS_INVALID_PARAMETER', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const badSize = await c.send(Smb2Command.ECHO, (w) => w.u16(5).u16(0));
    expect(badSize.status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    // TREE_CONNECT whose PathOffset/PathLength point past the end of the message.
    const outOfRange = await c.send(Smb2Command.TREE_CONNECT, (w) => w.u16(9).u16(0).u16(72).u16(400).u16(0x5c));
    expect(outOfRange.status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    const intoHeader = await c.send(Smb2Command.TREE_CONNECT, (w) => w.u16(9).u16(0).u16(8).u16(4).u16(0x5c));
    expect(intoHeader.status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    const truncatedBody = await c.send(Smb2Command.READ, (w) => w.u16(49).u8(0));
    expect(truncatedBody.status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    const unknownCommand = await c.send(0x0042, (w) => w.u16(4).u16(0));
    expect(unknownCommand.status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    expect((await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w))).status).toBe(0);
  });

  it('answers unknown session, tree and file ids with their statuses', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const f = await c.create('color\\Hpclrlsr.icm');
    const readReq =
      (fileId = f.fileId!) =>
      (w: BufferWriter) =>
        encodeReadRequest(w, {
          padding: 0x50,
          flags: 0,
          length: 10,
          offset: 0n,
          fileId,
          minimumCount: 0,
          channel: 0,
          remainingBytes: 0,
        });
    expect((await c.send(Smb2Command.READ, readReq(), { sessionId: 0x1234n })).status).toBe(
      NtStatus.STATUS_USER_SESSION_DELETED,
    );
    expect((await c.send(Smb2Command.READ, readReq(), { treeId: 999 })).status).toBe(
      NtStatus.STATUS_NETWORK_NAME_DELETED,
    );
    expect((await c.send(Smb2Command.READ, readReq({ persistent: 77n, volatile: 77n }))).status).toBe(
      NtStatus.STATUS_FILE_CLOSED,
    );
    expect((await c.treeConnect('\\\\127.0.0.1\\nosuchshare')).status).toBe(NtStatus.STATUS_BAD_NETWORK_NAME);
    expect((await c.treeConnect('garbage')).status).toBe(NtStatus.STATUS_BAD_NETWORK_NAME);
  });

  it('closes on a MessageId outside the granted window and on a reused MessageId', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD);
    c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w), { messageId: 100000n }).catch(() => undefined);
    expect(await c.waitClosed()).toBe(true);
    const d = h.connect();
    await d.login(USER, PASSWORD);
    d.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w), { messageId: 1n }).catch(() => undefined);
    expect(await d.waitClosed()).toBe(true);
    await goodSession(h);
  });

  it('answers an SMB1 negotiate offering SMB 2.??? with the 0x02FF wildcard, then negotiates SMB2', async () => {
    const c = h.connect();
    const w = new BufferWriter(128);
    encodeSmb1NegotiateRequest(w, { dialects: ['NT LM 0.12', 'SMB 2.002', 'SMB 2.???'] });
    const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
    c.writeRaw(encodeFrame(w.finish()));
    const frame = await reply;
    const { BufferReader } = await import('../../../lib/common/binary/buffer-reader');
    const neg = decodeNegotiateResponse(new BufferReader(frame, 4 + 64), 4);
    expect(neg.dialectRevision).toBe(0x02ff);
    expect(frame.readBigUInt64LE(4 + 24)).toBe(0n);
    c.nextMessageId = 1n;
    const n = await c.negotiate([0x0202, 0x0210]);
    expect(n.status).toBe(0);
    expect(c.dialect).toBe(0x0210);
  });

  it('answers a NetBIOS session request with a positive response, ignores keep-alives, then speaks SMB2', async () => {
    const c = h.connect();
    const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
    c.writeRaw(Buffer.concat([Buffer.from([0x81, 0, 0, 4]), Buffer.from('  \0\0', 'latin1')]));
    expect(await reply).toEqual(Buffer.from([0x82, 0, 0, 0]));
    c.writeRaw(Buffer.from([0x85, 0, 0, 0]));
    expect((await c.negotiate()).status).toBe(0);
  });

  it('answers an unrelated compound with one response per member', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD);
    const first = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    const second = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    const bad = c.build(Smb2Command.ECHO, (w) => w.u16(9).u16(0));
    const pad = (b: Buffer): Buffer => {
      const p = Buffer.concat([b, Buffer.alloc((8 - (b.length % 8)) % 8)]);
      p.writeUInt32LE(p.length, 20);
      return p;
    };
    const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
    c.writeRaw(encodeFrame(Buffer.concat([pad(first.bytes), pad(second.bytes), bad.bytes])));
    const payload = (await reply).subarray(4);
    const statuses: number[] = [];
    const ids: bigint[] = [];
    for (let at = 0; ;) {
      statuses.push(payload.readUInt32LE(at + 8));
      ids.push(payload.readBigUInt64LE(at + 24));
      expect(payload.readUInt32LE(at + 16) & 0x4).toBe(0); // not RELATED
      const next = payload.readUInt32LE(at + 20);
      if (next === 0) break;
      expect(next % 8).toBe(0);
      at += next;
    }
    expect(statuses).toEqual([0, 0, NtStatus.STATUS_INVALID_PARAMETER]);
    expect(ids).toEqual([first.messageId, second.messageId, bad.messageId]);
  });

  it('refuses connections beyond maxConnections and closes idle ones', async () => {
    await h.close();
    h = await startHarness({ maxConnections: 3, idleTimeoutMs: 300 });
    const idle = [h.connect(), h.connect(), h.connect()];
    const extra = h.connect();
    expect(await extra.waitClosed(500)).toBe(true);
    expect(h.server.connectionCount).toBe(3);
    expect((await Promise.all(idle.map((c) => c.waitClosed(2000)))).every(Boolean)).toBe(true);
    expect(h.server.connectionCount).toBe(0);
    await goodSession(h);
  });

  it('keeps serving over TCP while hundreds of idle sockets are open', async () => {
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
    const tcp = new RawSmb2Client(net.connect(port, '127.0.0.1'));
    await tcp.login(USER, PASSWORD, 'PRINT$');
    const f = await tcp.create('color\\Hpclrlsr.icm');
    expect(f.response.status).toBe(0);
    for (const s of sockets) s.destroy();
    tcp.stream.destroy();
  });
});
