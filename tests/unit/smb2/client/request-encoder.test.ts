import { Smb2Command } from '../../../../lib/smb2/constants';
import { encodeRequestMembers, stampRequest } from '../../../../lib/smb2/client/request-encoder';
import { ECHO_BODY } from './wire-builder';

/** A request header written field by field ([MS-SMB2] 2.2.1.2), with MessageId and credits still zero. */
function requestHeader(command: number, flags: number, nextCommand: number, treeId: number, sessionId: bigint): Buffer {
  const b = Buffer.alloc(64);
  b.write('fe534d42', 0, 'hex');
  b.writeUInt16LE(64, 4);
  b.writeUInt16LE(command, 12);
  b.writeUInt32LE(flags, 16);
  b.writeUInt32LE(nextCommand, 20);
  b.writeUInt32LE(treeId, 36);
  b.writeBigUInt64LE(sessionId, 40);
  return b;
}

describe('request encoding ([MS-SMB2] 3.2.4.1)', () => {
  it('chains compound members on NextCommand, pads them to 8 and flags the related ones', () => {
    const [first, second] = encodeRequestMembers([
      { command: Smb2Command.ECHO, sessionId: 7n, treeId: 3, encodeBody: (w) => w.u16(4).u16(0) },
      { command: Smb2Command.ECHO, sessionId: 7n, treeId: 3, related: true, encodeBody: (w) => w.u16(4).u16(0) },
    ]);
    expect(first).toEqual(Buffer.concat([requestHeader(Smb2Command.ECHO, 0, 72, 3, 7n), ECHO_BODY, Buffer.alloc(4)]));
    expect(second).toEqual(Buffer.concat([requestHeader(Smb2Command.ECHO, 0x4, 0, 3, 7n), ECHO_BODY]));
  });

  it('flags no member related in a single request, and leaves it unpadded', () => {
    const [only] = encodeRequestMembers([
      { command: Smb2Command.ECHO, related: true, encodeBody: (w) => w.u16(4).u16(0) },
    ]);
    expect(only).toEqual(Buffer.concat([requestHeader(Smb2Command.ECHO, 0, 0, 0, 0n), ECHO_BODY]));
  });

  it('stamps CreditCharge, CreditRequest and MessageId into the header', () => {
    const [bytes] = encodeRequestMembers([{ command: Smb2Command.ECHO, encodeBody: (w) => w.u16(4).u16(0) }]);
    stampRequest(bytes!, { creditCharge: 2, creditRequest: 130, messageId: 0x0102030405n });
    expect(bytes!.subarray(6, 8)).toEqual(Buffer.from('0200', 'hex'));
    expect(bytes!.subarray(14, 16)).toEqual(Buffer.from('8200', 'hex'));
    expect(bytes!.subarray(24, 32)).toEqual(Buffer.from('0504030201000000', 'hex'));
  });
});
