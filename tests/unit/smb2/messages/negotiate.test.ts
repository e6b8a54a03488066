import { BufferReader } from '../../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../../lib/common/binary/buffer-writer';
import { MalformedPacketError } from '../../../../lib/common/errors';
import {
  decodeNegotiateRequest,
  decodeNegotiateResponse,
  decodePreauthIntegrityCapabilities,
  decodeU16List,
  encodeNegotiateRequest,
  encodeNegotiateResponse,
} from '../../../../lib/smb2/messages/negotiate';
import { SMBCLIENT_NEGOTIATE_FRAME, hex } from '../fixtures';

const MESSAGE = SMBCLIENT_NEGOTIATE_FRAME.subarray(4);

describe('NEGOTIATE ([MS-SMB2] 2.2.3, 2.2.4)', () => {
  it('decodes the smbclient 3.1.1 request with its four negotiate contexts', () => {
    const m = decodeNegotiateRequest(new BufferReader(MESSAGE, 64), 0);
    expect(m.dialects).toEqual([0x0202, 0x0210, 0x0300, 0x0302, 0x0311]);
    expect(m.securityMode).toBe(1);
    expect(m.capabilities).toBe(0x7f);
    expect(m.clientGuid.toString('hex')).toBe('b658fcd4ffbc0845adb60ac0d8e051c3');
    expect(m.negotiateContexts.map((c) => [c.type, c.data.length])).toEqual([
      [1, 38],
      [2, 10],
      [8, 8],
      [5, 18],
    ]);
    const preauth = decodePreauthIntegrityCapabilities(new BufferReader(m.negotiateContexts[0]!.data));
    expect(preauth.hashAlgorithms).toEqual([1]);
    expect(preauth.salt.length).toBe(32);
    expect(decodeU16List(new BufferReader(m.negotiateContexts[2]!.data), 'SigningAlgorithm')).toEqual([2, 1, 0]);
    expect(m.negotiateContexts[3]!.data.toString('utf16le')).toBe('127.0.0.1');
  });

  it('re-encodes the smbclient request byte for byte', () => {
    const m = decodeNegotiateRequest(new BufferReader(MESSAGE, 64), 0);
    const w = new BufferWriter();
    w.bytes(MESSAGE.subarray(0, 64));
    encodeNegotiateRequest(w, 0, m);
    expect(w.finish()).toEqual(MESSAGE);
  });

  it('ignores the context fields when 3.1.1 is not offered (they are ClientStartTime)', () => {
    const body = hex(`2400 0200 0100 0000 00000000 ${'11'.repeat(16)} ffffffff ffff 0000 0202 1002`);
    const m = decodeNegotiateRequest(new BufferReader(Buffer.concat([Buffer.alloc(64), body]), 64), 0);
    expect(m.dialects).toEqual([0x0202, 0x0210]);
    expect(m.negotiateContexts).toEqual([]);
  });

  it('refuses a bad StructureSize, no dialects, and contexts pointing outside the message', () => {
    const wrongSize = Buffer.from(MESSAGE);
    wrongSize.writeUInt16LE(35, 64);
    expect(() => decodeNegotiateRequest(new BufferReader(wrongSize, 64), 0)).toThrow(/StructureSize 35/);
    const noDialects = Buffer.from(MESSAGE);
    noDialects.writeUInt16LE(0, 66);
    expect(() => decodeNegotiateRequest(new BufferReader(noDialects, 64), 0)).toThrow(MalformedPacketError);
    const farContexts = Buffer.from(MESSAGE);
    farContexts.writeUInt32LE(0x1000, 64 + 28);
    expect(() => decodeNegotiateRequest(new BufferReader(farContexts, 64), 0)).toThrow(MalformedPacketError);
    const longContext = Buffer.from(MESSAGE);
    longContext.writeUInt16LE(500, 0x70 + 2);
    expect(() => decodeNegotiateRequest(new BufferReader(longContext, 64), 0)).toThrow(MalformedPacketError);
  });

  it('puts the security buffer at 0x80 and the contexts 8-aligned after it', () => {
    const w = new BufferWriter();
    w.zeros(64);
    encodeNegotiateResponse(w, 0, {
      securityMode: 1,
      dialectRevision: 0x0311,
      serverGuid: Buffer.alloc(16, 0xab),
      capabilities: 5,
      maxTransactSize: 0x800000,
      maxReadSize: 0x800000,
      maxWriteSize: 0x800000,
      systemTime: 0x01d9000000000000n,
      serverStartTime: 0n,
      securityBuffer: Buffer.from('601e', 'hex'),
      negotiateContexts: [
        { type: 1, data: hex('0100 0400 0100 deadbeef') },
        { type: 8, data: hex('0100 0100') },
      ],
    });
    const expected = hex(`
      ${'00'.repeat(64)}
      4100 0100 1103 0200                 # StructureSize 65, SecurityMode, DialectRevision 3.1.1, NegotiateContextCount 2
      ${'ab'.repeat(16)}                  # ServerGuid
      05000000 00008000 00008000 00008000 # Capabilities, MaxTransact/Read/Write 8 MiB
      00000000 0000d901 0000000000000000  # SystemTime, ServerStartTime
      8000 0200 88000000                  # SecurityBufferOffset 0x80, Length 2, NegotiateContextOffset 0x88
      601e 000000000000                   # Buffer + padding to 8
      0100 0a00 00000000 0100 0400 0100 deadbeef  # PREAUTH context
      000000000000                        # padding
      0800 0400 00000000 0100 0100        # SIGNING context: AES-CMAC
    `);
    expect(w.finish()).toEqual(expected);
    const back = decodeNegotiateResponse(new BufferReader(expected, 64), 0);
    expect(back.securityBuffer.toString('hex')).toBe('601e');
    expect(back.negotiateContexts.map((c) => c.type)).toEqual([1, 8]);
  });
});
