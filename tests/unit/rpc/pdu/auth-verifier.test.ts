// sec_trailer / auth verifier and rpc_auth_3 — [MS-RPCE] 2.2.2.10, 2.2.2.11. The byte fixtures are
// PDUs that impacket 0.10.0 and Samba 4.17's Python client sent to a loopback listener
// (tests/fixtures/rpc-auth/README.md); tshark 4.0.17 decodes the same auth_type, auth_level,
// auth_pad_len, auth_ctx_id and lengths, with nothing malformed.
import { EncodingError, MalformedPacketError } from '../../../../lib/common/errors';
import { PacketType } from '../../../../lib/rpc/constants';
import { appendAuthVerifier, authPadLength, decodeAuthVerifier } from '../../../../lib/rpc/pdu/auth-verifier';
import { decodeAuth3, encodeAuth3 } from '../../../../lib/rpc/pdu/auth3';
import { decodeBind } from '../../../../lib/rpc/pdu/bind';
import { Bytes, hex } from '../../../helpers/hex';

// Samba's Python spoolss client, binding 'ncacn_ip_tcp:127.0.0.1[port,sign,ntlm]': raw NTLMSSP.
const SAMBA_NTLM_BIND = hex(`
  05 00 0b 07          # rpc_vers 5.0, PTYPE bind (11), FIRST|LAST|PFC_SUPPORT_HEADER_SIGN
  10 00 00 00          # drep: little-endian, ASCII
  a4 00 28 00          # frag_length 164, auth_length 40
  01 00 00 00          # call_id 1
  d0 16 d0 16          # max_xmit_frag 5840, max_recv_frag 5840
  00 00 00 00          # assoc_group_id 0
  02 00 00 00          # n_context_elem 2
  00 00 01 00  78 56 34 12 34 12 cd ab ef 00 01 23 45 67 89 ab 01 00 00 00   # ctx 0: spoolss 1.0
               04 5d 88 8a eb 1c c9 11 9f e8 08 00 2b 10 48 60 02 00 00 00   #        NDR 2.0
  01 00 01 00  78 56 34 12 34 12 cd ab ef 00 01 23 45 67 89 ab 01 00 00 00   # ctx 1: spoolss 1.0
               2c 1c b7 6c 12 98 40 45 03 00 00 00 00 00 00 00 01 00 00 00   #        bind-time features 3
  0a                   # sec_trailer at 116 = 164 - 40 - 8: auth_type RPC_C_AUTHN_WINNT
  05                   # auth_level RPC_C_AUTHN_LEVEL_PKT_INTEGRITY
  00 00                # auth_pad_length 0, auth_reserved
  01 00 00 00          # auth_context_id 1
  4e 54 4c 4d 53 53 50 00 01 00 00 00 15 82 08 62   # NTLMSSP NEGOTIATE, flags 0x62088215
  00 00 00 00 28 00 00 00 00 00 00 00 28 00 00 00
  06 01 00 00 00 00 00 0f                           # VERSION 6.1 build 0, NTLMSSP_REVISION_W2K3
`);

// impacket's MS-PAR RpcAsyncEnumPrinters at PKT_PRIVACY (stub sealed).
const IMPACKET_SEALED_REQUEST = hex(`
  05 00 00 83          # PTYPE request (0), FIRST|LAST|PFC_OBJECT_UUID
  10 00 00 00
  64 00 10 00          # frag_length 100, auth_length 16
  02 00 00 00          # call_id 2
  24 00 00 00          # alloc_hint 36
  00 00 26 00          # p_cont_id 0, opnum 38 (RpcAsyncEnumPrinters)
  8e ca 40 99 2f 51 58 4c 88 a9 61 09 8d 68 96 bd   # object 9940ca8e-512f-4c58-88a9-61098d6896bd
  23 a0 90 47 2a 36 92 97 47 0c 52 2c f8 80 a0 12   # 36 bytes of sealed stub, from 40
  e6 08 08 fb 44 91 ea 26 23 f7 e0 7c 3c 1c 58 8d
  a9 50 65 dc
  0a 06 00 00          # sec_trailer at 76: WINNT, PKT_PRIVACY, auth_pad_length 0 (impacket pads to 4)
  7f 35 01 00          # auth_context_id 79231
  01 00 00 00 47 b6 a5 4f 9b 14 d6 71 00 00 00 00   # NTLMSSP_MESSAGE_SIGNATURE: version 1, checksum, SeqNum 0
`);

// impacket's rpc_auth_3 header, sec_trailer and the start of its AUTHENTICATE.
const IMPACKET_AUTH3_HEAD = hex(`
  05 00 10 03          # PTYPE rpc_auth_3 (16), FIRST|LAST
  10 00 00 00
  40 01 24 01          # frag_length 320, auth_length 292
  01 00 00 00          # call_id 1
  20 20 20 20          # pad: four spaces (ignored)
  0a 06 00 00 7f 35 01 00                           # sec_trailer: WINNT, PKT_PRIVACY, 0, 79231
`);

describe('decodeAuthVerifier', () => {
  it('finds the sec_trailer of a bind after its context list', () => {
    const v = decodeAuthVerifier(SAMBA_NTLM_BIND);
    expect(v.trailer).toEqual({ authType: 10, authLevel: 5, authPadLength: 0, authContextId: 1 });
    expect(v.trailerOffset).toBe(116);
    expect(v.bodyOffset).toBe(116);
    expect(v.token.subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(decodeBind(SAMBA_NTLM_BIND).authVerifier?.length).toBe(48);
  });

  it('reads a sealed request with an object UUID: the stub starts at 40', () => {
    const v = decodeAuthVerifier(IMPACKET_SEALED_REQUEST);
    expect(v.trailer).toEqual({ authType: 10, authLevel: 6, authPadLength: 0, authContextId: 79231 });
    expect([v.bodyOffset, v.trailerOffset]).toEqual([40, 76]);
    expect(v.token.toString('hex')).toBe('0100000047b6a54f9b14d67100000000');
  });

  it.each<[string, (b: Buffer) => Buffer]>([
    ['no verifier', (b) => (b.writeUInt16LE(0, 10), b)],
    ['auth_length reaching into the header', (b) => (b.writeUInt16LE(70, 10), b)],
    ['auth_length beyond the PDU', (b) => (b.writeUInt16LE(200, 10), b)],
    ['frag_length disagreeing with the bytes', (b) => b.subarray(0, 99)],
    ['auth_pad_length beyond the stub', (b) => ((b[78] = 37), b)],
    ['a PTYPE without verifier here (fault)', (b) => ((b[2] = PacketType.FAULT), b)],
  ])('rejects %s', (_name, mutate) => {
    expect(() => decodeAuthVerifier(mutate(Buffer.from(IMPACKET_SEALED_REQUEST)))).toThrow(MalformedPacketError);
  });

  it('needs the pad of a bind to be exactly the gap, but forgives a stray count on no gap', () => {
    const stray = Buffer.from(SAMBA_NTLM_BIND);
    stray[118] = 4;
    expect(decodeAuthVerifier(stray).trailer.authPadLength).toBe(0);
    const wrong = new Bytes()
      .raw(SAMBA_NTLM_BIND.subarray(0, 116))
      .raw([0, 0, 0, 0])
      .raw(SAMBA_NTLM_BIND.subarray(116))
      .build();
    wrong.writeUInt16LE(wrong.length, 8);
    wrong[122] = 2; // 4 bytes of pad before the sec_trailer, auth_pad_length 2
    expect(() => decodeAuthVerifier(wrong)).toThrow(MalformedPacketError);
    wrong[122] = 4;
    expect(decodeAuthVerifier(wrong).trailer.authPadLength).toBe(4);
  });
});

describe('rpc_auth_3', () => {
  it("decodes impacket's, ignoring the pad", () => {
    const pdu = Buffer.concat([IMPACKET_AUTH3_HEAD, Buffer.alloc(292)]);
    const v = decodeAuth3(pdu);
    expect(v.trailer).toEqual({ authType: 10, authLevel: 6, authPadLength: 0, authContextId: 79231 });
    expect([v.bodyOffset, v.trailerOffset, v.token.length]).toEqual([20, 20, 292]);
    expect(() => decodeAuth3(SAMBA_NTLM_BIND)).toThrow(MalformedPacketError);
  });

  it('encodes with a zero pad', () => {
    const token = Buffer.from('NTLMSSP\0\x03\0\0\0', 'latin1');
    expect(encodeAuth3({ callId: 1, trailer: { authType: 10, authLevel: 6, authContextId: 79231 }, token })).toEqual(
      new Bytes()
        .raw([5, 0, 16, 3, 0x10, 0, 0, 0])
        .u16(28 + token.length)
        .u16(token.length)
        .u32(1)
        .u32(0)
        .raw([10, 6, 0, 0])
        .u32(79231)
        .raw(token)
        .build(),
    );
  });
});

describe('appendAuthVerifier', () => {
  it('pads the stub to 16 from its start and patches frag_length and auth_length', () => {
    const request = new Bytes()
      .raw([5, 0, 0, 3, 0x10, 0, 0, 0])
      .u16(24 + 5)
      .u16(0)
      .u32(9)
      .u32(5)
      .u16(0)
      .u16(69)
      .raw([1, 2, 3, 4, 5])
      .build();
    const out = appendAuthVerifier(request, {
      bodyOffset: 24,
      alignment: 16,
      trailer: { authType: 9, authLevel: 5, authContextId: 3 },
      tokenLength: 16,
    });
    expect(out.trailerOffset).toBe(24 + 16);
    expect(out.tokenOffset).toBe(48);
    expect(out.pdu).toEqual(
      new Bytes()
        .raw(request.subarray(0, 8))
        .u16(64)
        .u16(16)
        .raw(request.subarray(12))
        .raw(Buffer.alloc(11))
        .raw([9, 5, 11, 0])
        .u32(3)
        .raw(Buffer.alloc(16))
        .build(),
    );
    expect(authPadLength(32)).toBe(0);
  });

  it('refuses a PDU that already has one, and one that would outgrow frag_length', () => {
    const opts = {
      bodyOffset: 40,
      alignment: 16,
      trailer: { authType: 10, authLevel: 6, authContextId: 1 },
      tokenLength: 16,
    };
    expect(() => appendAuthVerifier(IMPACKET_SEALED_REQUEST, opts)).toThrow(MalformedPacketError);
    const big = new Bytes()
      .raw([5, 0, 0, 3, 0x10, 0, 0, 0])
      .u16(65530)
      .u16(0)
      .u32(1)
      .raw(Buffer.alloc(65530 - 16))
      .build();
    expect(() => appendAuthVerifier(big, { ...opts, bodyOffset: 24 })).toThrow(EncodingError);
  });
});
