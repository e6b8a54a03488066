/**
 * The dispatcher ([MS-SMB2] 3.3.5.2): malformed headers close the connection; bad bodies, unknown
 * commands and unknown session, tree and file ids get the NTSTATUS Windows gives; MessageIds
 * outside the credit window close; an unrelated compound gets one response per member.
 */
import type { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { RELATED_FILE_ID, Smb2Command, Smb2Flags } from '../../../lib/smb2/constants';
import { encodeFrame } from '../../../lib/smb2/framing';
import { encodeCloseRequest } from '../../../lib/smb2/messages/close';
import { encodeCreateRequest } from '../../../lib/smb2/messages/create';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { PASSWORD, USER, closesOn, goodSession, startHarness, type Harness } from './helpers/harness';

describe('SMB2 dispatcher under bad input', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('closes on a truncated SMB2 header and on a bad header StructureSize', async () => {
    expect(await closesOn(h, encodeFrame(Buffer.from('fe534d4240000000', 'hex')))).toBe(true);
    const c = h.connect();
    const { bytes } = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    bytes.writeUInt16LE(63, 4);
    expect(await closesOn(h, encodeFrame(bytes))).toBe(true);
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
        encodeReadRequest(w, plainReadRequest(fileId, 0, 10));
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

  it('closes on a NextCommand that is not 8-aligned or points past the message', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD);
    const echo = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    echo.bytes.writeUInt32LE(66, 20);
    c.writeRaw(encodeFrame(Buffer.concat([echo.bytes, Buffer.alloc(80)])));
    expect(await c.waitClosed()).toBe(true);
    const d = h.connect();
    await d.login(USER, PASSWORD);
    const far = d.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    far.bytes.writeUInt32LE(4096, 20);
    d.writeRaw(encodeFrame(far.bytes));
    expect(await d.waitClosed()).toBe(true);
    await goodSession(h);
  });

  it('fails a related first member, and the related ones after it, with STATUS_INVALID_PARAMETER (smb2.compound.invalid1)', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const related = { flags: Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS };
    const all = { persistent: RELATED_FILE_ID, volatile: RELATED_FILE_ID };
    const create = c.build(
      Smb2Command.CREATE,
      (w, base) =>
        encodeCreateRequest(w, base, {
          securityFlags: 0,
          requestedOplockLevel: 0,
          impersonationLevel: 2,
          smbCreateFlags: 0n,
          desiredAccess: 0x00120089,
          fileAttributes: 0,
          shareAccess: 7,
          createDisposition: 1,
          createOptions: 0,
          name: 'color\\Hpclrlsr.icm',
          createContexts: [],
        }),
      related,
    );
    const relatedClose = c.build(Smb2Command.CLOSE, (w) => encodeCloseRequest(w, { flags: 0, fileId: all }), related);
    const unrelatedClose = c.build(Smb2Command.CLOSE, (w) => encodeCloseRequest(w, { flags: 0, fileId: all }));
    const responses = await c.sendCompound([create, relatedClose, unrelatedClose]);
    expect(responses.map((r) => r.status)).toEqual([
      NtStatus.STATUS_INVALID_PARAMETER,
      NtStatus.STATUS_INVALID_PARAMETER,
      NtStatus.STATUS_FILE_CLOSED,
    ]);
    // The session goes on.
    expect((await c.create('color\\Hpclrlsr.icm')).response.status).toBe(0);
  });
});
