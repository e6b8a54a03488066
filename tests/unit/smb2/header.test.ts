import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { MalformedPacketError } from '../../../lib/common/errors';
import { Smb2Command, smb2CommandName } from '../../../lib/smb2/constants';
import { decodeSmb2Header, encodeSmb2Header } from '../../../lib/smb2/header';
import { SMBCLIENT_NEGOTIATE_FRAME, hex } from './fixtures';

// A sync READ response header and an async (interim) header, built by hand.
const SYNC_RESPONSE = hex(`
  fe534d42 4000 0100 05000080 0800 2000     # ProtocolId, 64, CreditCharge 1, STATUS_BUFFER_OVERFLOW, READ, CreditResponse 32
  09000000 00000000 0700000000000000        # Flags SERVER_TO_REDIR|SIGNED, NextCommand 0, MessageId 7
  00000000 05000000 0100000000100000        # Reserved, TreeId 5, SessionId 0x100000000001
  0102030405060708090a0b0c0d0e0f10          # Signature
`);
const ASYNC_HEADER = hex(`
  fe534d42 4000 0000 03010000 0b00 0100     # STATUS_PENDING, IOCTL
  03000000 00000000 0900000000000000        # Flags SERVER_TO_REDIR|ASYNC_COMMAND, MessageId 9
  2a00000000000000 0000000000000000         # AsyncId 42, SessionId 0
  00000000000000000000000000000000
`);

describe('SMB2 header ([MS-SMB2] 2.2.1)', () => {
  it('decodes the header of a real smbclient NEGOTIATE', () => {
    const h = decodeSmb2Header(new BufferReader(SMBCLIENT_NEGOTIATE_FRAME, 4));
    expect(h).toMatchObject({
      command: Smb2Command.NEGOTIATE,
      credits: 31,
      messageId: 0n,
      sessionId: 0n,
      treeId: 0,
      flags: 0,
    });
    expect(smb2CommandName(h.command)).toBe('NEGOTIATE');
  });

  it('decodes sync and async headers', () => {
    expect(decodeSmb2Header(new BufferReader(SYNC_RESPONSE))).toMatchObject({
      creditCharge: 1,
      status: 0x80000005,
      command: Smb2Command.READ,
      credits: 32,
      flags: 9,
      messageId: 7n,
      treeId: 5,
      sessionId: 0x100000000001n,
    });
    const a = decodeSmb2Header(new BufferReader(ASYNC_HEADER));
    expect(a.asyncId).toBe(42n);
    expect(a.treeId).toBe(0);
  });

  it('encodes what it decodes, with a zero signature', () => {
    const w = new BufferWriter();
    encodeSmb2Header(w, {
      creditCharge: 1,
      status: 0x80000005,
      command: 8,
      credits: 32,
      flags: 9,
      messageId: 7n,
      treeId: 5,
      sessionId: 0x100000000001n,
    });
    const expected = Buffer.from(SYNC_RESPONSE);
    expected.fill(0, 48, 64);
    expect(w.finish()).toEqual(expected);
    const aw = new BufferWriter();
    encodeSmb2Header(aw, { status: 0x103, command: 0x0b, credits: 1, flags: 3, messageId: 9n, asyncId: 42n });
    expect(aw.finish()).toEqual(ASYNC_HEADER);
  });

  it('refuses a wrong protocol id, a wrong StructureSize and truncation', () => {
    const bad = Buffer.from(SYNC_RESPONSE);
    bad[0] = 0xff;
    expect(() => decodeSmb2Header(new BufferReader(bad))).toThrow(MalformedPacketError);
    const size = Buffer.from(SYNC_RESPONSE);
    size.writeUInt16LE(65, 4);
    expect(() => decodeSmb2Header(new BufferReader(size))).toThrow(/StructureSize 65/);
    expect(() => decodeSmb2Header(new BufferReader(SYNC_RESPONSE.subarray(0, 63)))).toThrow(MalformedPacketError);
  });
});
