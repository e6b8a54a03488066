/**
 * Fixed-layout request/response codecs, checked against hand-annotated bytes: decode, encode,
 * and the canonical offsets clients that ignore the Offset fields rely on (@marsaud/smb2).
 */
import { BufferReader } from '../../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../../lib/common/binary/buffer-writer';
import { MalformedPacketError } from '../../../../lib/common/errors';
import { decodeCloseRequest, encodeCloseResponse } from '../../../../lib/smb2/messages/close';
import { decodeCreateRequest, encodeCreateResponse } from '../../../../lib/smb2/messages/create';
import { encodeErrorResponse } from '../../../../lib/smb2/messages/error-response';
import { decodeIoctlRequest, encodeIoctlResponse } from '../../../../lib/smb2/messages/ioctl';
import {
  decodeQueryDirectoryRequest,
  encodeQueryDirectoryResponse,
} from '../../../../lib/smb2/messages/query-directory';
import { decodeQueryInfoRequest } from '../../../../lib/smb2/messages/query-info';
import { decodeReadRequest, encodeReadResponse } from '../../../../lib/smb2/messages/read';
import { decodeSessionSetupRequest, encodeSessionSetupResponse } from '../../../../lib/smb2/messages/session-setup';
import { decodeSmb1NegotiateRequest } from '../../../../lib/smb2/messages/smb1-negotiate';
import { decodeTreeConnectRequest, encodeTreeConnectResponse } from '../../../../lib/smb2/messages/tree-connect';
import { decodeWriteRequest, encodeWriteResponse } from '../../../../lib/smb2/messages/write';
import { hex } from '../fixtures';

const HEADER = '00'.repeat(64);
/** A message: 64 zero bytes of header, then the annotated body. */
const msg = (body: string): Buffer => hex(HEADER + body);
const body = (m: Buffer): BufferReader => new BufferReader(m, 64);
const encoded = (f: (w: BufferWriter) => void): Buffer => {
  const w = new BufferWriter();
  w.zeros(64);
  f(w);
  return w.finish().subarray(64);
};

describe('SMB2 command codecs', () => {
  it('SESSION_SETUP request and a response whose buffer sits at 0x48', () => {
    const m =
      msg(`1900 00 01 01000000 00000000 5800 0400 0000000000000000  # StructureSize 25, Flags, SecurityMode, Capabilities, Channel, BufferOffset 0x58, Length 4, PreviousSessionId
                   4e544c4d`);
    expect(decodeSessionSetupRequest(body(m), 0)).toMatchObject({
      flags: 0,
      securityMode: 1,
      capabilities: 1,
      previousSessionId: 0n,
    });
    expect(decodeSessionSetupRequest(body(m), 0).securityBuffer.toString('latin1')).toBe('NTLM');
    expect(
      encoded((w) => encodeSessionSetupResponse(w, 0, { sessionFlags: 1, securityBuffer: Buffer.from([0xa1, 0x07]) })),
    ).toEqual(hex('0900 0100 4800 0200 a107'));
    expect(
      encoded((w) => encodeSessionSetupResponse(w, 0, { sessionFlags: 0, securityBuffer: Buffer.alloc(0) })),
    ).toEqual(hex('0900 0000 4800 0000 00'));
  });

  it('TREE_CONNECT request path and response', () => {
    const path = Buffer.from('\\\\srv\\IPC$', 'utf16le').toString('hex');
    const m = msg(`0900 0000 4800 1400 ${path}`);
    expect(decodeTreeConnectRequest(body(m), 0).path).toBe('\\\\srv\\IPC$');
    const odd = msg(`0900 0000 4800 1300 ${path}`);
    expect(() => decodeTreeConnectRequest(body(odd), 0)).toThrow(/odd PathLength/);
    expect(
      encoded((w) =>
        encodeTreeConnectResponse(w, { shareType: 2, shareFlags: 0x30, capabilities: 0, maximalAccess: 0x1f01ff }),
      ),
    ).toEqual(hex('1000 02 00 30000000 00000000 ff011f00'));
  });

  it('CREATE request with a name and two create contexts', () => {
    const name = Buffer.from('color\\a.icm', 'utf16le').toString('hex'); // 22 bytes
    const m = msg(`
      3900 00 00 02000000 0000000000000000 0000000000000000  # StructureSize 57, SecurityFlags, Oplock, Impersonation, SmbCreateFlags, Reserved
      89001200 00000000 07000000 01000000 40000000          # DesiredAccess, FileAttributes, ShareAccess, Disposition OPEN, Options NON_DIRECTORY
      7800 1600 90000000 38000000                           # NameOffset 0x78, NameLength 22, ContextsOffset 0x90, ContextsLength 56
      ${name} 0000                                          # name + pad to 8 (0x78 + 22 = 0x8e)
      18000000 1000 0400 0000 0000 00000000 4d784163 00000000  # MxAc: Next 24, NameOffset 16, NameLength 4, no data
      00000000 1000 0400 0000 1800 08000000 51466964 00000000 0102030405060708  # QFid with 8 bytes of data at 24
    `);
    const c = decodeCreateRequest(body(m), 0);
    expect(c).toMatchObject({
      desiredAccess: 0x00120089,
      shareAccess: 7,
      createDisposition: 1,
      createOptions: 0x40,
      name: 'color\\a.icm',
    });
    expect(c.createContexts.map((x) => [x.name, x.data.toString('hex')])).toEqual([
      ['MxAc', ''],
      ['QFid', '0102030405060708'],
    ]);
    const loop = Buffer.from(m);
    loop.writeUInt32LE(0xfffffff8, 0x90); // Next pointing far outside
    expect(() => decodeCreateRequest(body(loop), 0)).toThrow(MalformedPacketError);
  });

  it('CREATE response in the fixed order marsaud reads', () => {
    const out = encoded((w) =>
      encodeCreateResponse(w, 0, {
        oplockLevel: 0,
        flags: 0,
        createAction: 1,
        creationTime: 1n,
        lastAccessTime: 2n,
        lastWriteTime: 3n,
        changeTime: 4n,
        allocationSize: 4096n,
        endOfFile: 580n,
        fileAttributes: 0x20,
        fileId: { persistent: 5n, volatile: 6n },
        createContexts: [],
      }),
    );
    expect(out).toEqual(
      hex(`5900 00 00 01000000 0100000000000000 0200000000000000 0300000000000000 0400000000000000
           0010000000000000 4402000000000000 20000000 00000000 0500000000000000 0600000000000000
           00000000 00000000 00`),
    );
  });

  it('READ request, and a response with its data at 0x50', () => {
    const m = msg(
      `3100 50 00 00000100 0000020000000000 0100000000000000 0200000000000000 00000000 00000000 00000000 0000 0000 00`,
    );
    expect(decodeReadRequest(body(m))).toMatchObject({
      length: 0x10000,
      offset: 0x20000n,
      fileId: { persistent: 1n, volatile: 2n },
    });
    expect(encoded((w) => encodeReadResponse(w, 0, { data: Buffer.from('abc'), dataRemaining: 0 }))).toEqual(
      hex('1100 50 00 03000000 00000000 00000000 616263'),
    );
  });

  it('WRITE request data located by DataOffset, and the response', () => {
    const m = msg(
      `3100 7000 03000000 0000000000000000 0100000000000000 0200000000000000 00000000 00000000 0000 0000 00000000 78797a`,
    );
    expect(decodeWriteRequest(body(m), 0).data.toString()).toBe('xyz');
    const beyond = msg(
      `3100 7000 30000000 0000000000000000 0100000000000000 0200000000000000 00000000 00000000 0000 0000 00000000 78797a`,
    );
    expect(() => decodeWriteRequest(body(beyond), 0)).toThrow(MalformedPacketError);
    expect(encoded((w) => encodeWriteResponse(w, { count: 3, remaining: 0 }))).toEqual(
      hex('1100 0000 03000000 00000000 0000 0000 00'),
    );
  });

  it('IOCTL request input and a response with its output at 0x70', () => {
    const m = msg(
      `3900 0000 17c01100 0100000000000000 0200000000000000 78000000 02000000 00000000 00000000 00000000 b8100000 01000000 00000000 0b03`,
    );
    expect(decodeIoctlRequest(body(m), 0)).toMatchObject({ ctlCode: 0x0011c017, maxOutputResponse: 4280, flags: 1 });
    expect(decodeIoctlRequest(body(m), 0).input.toString('hex')).toBe('0b03');
    expect(
      encoded((w) =>
        encodeIoctlResponse(w, 0, {
          ctlCode: 0x0011c017,
          fileId: { persistent: 1n, volatile: 2n },
          output: Buffer.from([0x0c]),
          flags: 0,
        }),
      ),
    ).toEqual(
      hex(
        '3100 0000 17c01100 0100000000000000 0200000000000000 70000000 00000000 70000000 01000000 00000000 00000000 0c',
      ),
    );
  });

  it('QUERY_DIRECTORY request pattern and a response buffer at 0x48', () => {
    const m = msg(`2100 25 01 00000000 0100000000000000 0200000000000000 6000 0200 00000100 2a00`);
    expect(decodeQueryDirectoryRequest(body(m), 0)).toMatchObject({
      fileInformationClass: 0x25,
      flags: 1,
      fileName: '*',
      outputBufferLength: 0x10000,
    });
    expect(encoded((w) => encodeQueryDirectoryResponse(w, 0, { output: Buffer.from([1, 2]) }))).toEqual(
      hex('0900 4800 02000000 0102'),
    );
  });

  it('QUERY_INFO request', () => {
    const m = msg(`2900 01 12 00100000 0000 0000 00000000 00000000 00000000 0100000000000000 0200000000000000 00`);
    expect(decodeQueryInfoRequest(body(m), 0)).toMatchObject({
      infoType: 1,
      fileInfoClass: 0x12,
      outputBufferLength: 4096,
      fileId: { volatile: 2n },
    });
  });

  it('CLOSE request and response, ERROR response', () => {
    expect(decodeCloseRequest(body(msg('1800 0100 00000000 0100000000000000 0200000000000000')))).toMatchObject({
      flags: 1,
      fileId: { persistent: 1n },
    });
    expect(
      encoded((w) =>
        encodeCloseResponse(w, {
          flags: 0,
          creationTime: 0n,
          lastAccessTime: 0n,
          lastWriteTime: 0n,
          changeTime: 0n,
          allocationSize: 0n,
          endOfFile: 0n,
          fileAttributes: 0,
        }),
      ),
    ).toEqual(hex(`3c00 0000 00000000 ${'00'.repeat(52)}`));
    expect(encoded((w) => encodeErrorResponse(w))).toEqual(hex('0900 00 00 00000000 00'));
    expect(encoded((w) => encodeErrorResponse(w, { errorContextCount: 0, errorData: hex('9c000000') }))).toEqual(
      hex('0900 00 00 04000000 9c000000'),
    );
  });

  it('the SMB1 multi-protocol NEGOTIATE dialect strings', () => {
    const dialects = ['NT LM 0.12', 'SMB 2.002', 'SMB 2.???']
      .map((d) => '02' + Buffer.from(d + '\0', 'latin1').toString('hex'))
      .join('');
    const bytes = hex(
      `ff534d42 72 00000000 18 53c8 0000 0000000000000000 0000 0000 feff 0000 0000  00 ${(dialects.length / 2).toString(16).padStart(2, '0')}00 ${dialects}`,
    );
    expect(decodeSmb1NegotiateRequest(new BufferReader(bytes)).dialects).toEqual([
      'NT LM 0.12',
      'SMB 2.002',
      'SMB 2.???',
    ]);
    expect(() => decodeSmb1NegotiateRequest(new BufferReader(bytes.subarray(0, bytes.length - 3)))).toThrow(
      MalformedPacketError,
    );
  });
});
