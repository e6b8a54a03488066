import {
  ContextResult,
  MSRPC_UUID_RPRN,
  NDR20_SYNTAX,
  PacketType,
  ProviderReason,
} from '../../../../lib/rpc/constants';
import {
  decodeBind,
  decodeBindAck,
  decodeBindNak,
  encodeBind,
  encodeBindAck,
  encodeBindNak,
} from '../../../../lib/rpc/pdu/bind';
import { NULL_SYNTAX } from '../../../../lib/rpc/pdu/syntax-id';
import { MalformedPacketError } from '../../../../lib/common/errors';
import { hex } from '../../../helpers/hex';

// A bind as Samba's rpcclient sends it for spoolss (one context, NDR20 only).
const RPCCLIENT_BIND = hex(`
  05 00 0b 03          # rpc_vers 5.0, PTYPE bind (11), FIRST|LAST
  10 00 00 00          # drep: little-endian, ASCII
  48 00 00 00          # frag_length 72, auth_length 0
  01 00 00 00          # call_id 1
  b8 10 b8 10          # max_xmit_frag 4280, max_recv_frag 4280
  00 00 00 00          # assoc_group_id 0
  01 00 00 00          # n_context_elem 1, reserved
  00 00 01 00          # p_cont_id 0, n_transfer_syn 1, reserved
  78 56 34 12 34 12 cd ab ef 00 01 23 45 67 89 ab   # 12345678-1234-abcd-ef00-0123456789ab
  01 00 00 00          # if version 1.0
  04 5d 88 8a eb 1c c9 11 9f e8 08 00 2b 10 48 60   # 8a885d04-1ceb-11c9-9fe8-08002b104860
  02 00 00 00          # NDR version 2
`);

describe('bind', () => {
  it('decodes an rpcclient bind', () => {
    const b = decodeBind(RPCCLIENT_BIND);
    expect(b.header).toEqual({ packetType: PacketType.BIND, flags: 3, fragLength: 72, authLength: 0, callId: 1 });
    expect(b.maxXmitFrag).toBe(4280);
    expect(b.maxRecvFrag).toBe(4280);
    expect(b.contexts).toEqual([{ contextId: 0, abstractSyntax: MSRPC_UUID_RPRN, transferSyntaxes: [NDR20_SYNTAX] }]);
    expect(b.authVerifier).toBeUndefined();
  });

  it('encodes the same bytes', () => {
    expect(
      encodeBind(PacketType.BIND, {
        callId: 1,
        maxXmitFrag: 4280,
        maxRecvFrag: 4280,
        assocGroupId: 0,
        contexts: [{ contextId: 0, abstractSyntax: MSRPC_UUID_RPRN, transferSyntaxes: [NDR20_SYNTAX] }],
      }),
    ).toEqual(RPCCLIENT_BIND);
  });

  it('refuses a frag_length that disagrees with the PDU', () => {
    const bad = Buffer.from(RPCCLIENT_BIND);
    bad.writeUInt16LE(80, 8);
    expect(() => decodeBind(bad)).toThrow(MalformedPacketError);
    expect(() => decodeBind(RPCCLIENT_BIND.subarray(0, 60))).toThrow(MalformedPacketError);
  });

  it('refuses a context count larger than the PDU', () => {
    const bad = Buffer.from(RPCCLIENT_BIND);
    bad[24] = 5;
    expect(() => decodeBind(bad)).toThrow(MalformedPacketError);
  });

  it('encodes a bind_ack with sec_addr and padding', () => {
    const expected = hex(`
      05 00 0c 03 10 00 00 00
      5c 00 00 00          # frag_length 92 = 40 + 4 + 2 x 24
      01 00 00 00          # call_id 1
      b8 10 b8 10          # 4280 / 4280
      21 43 00 00          # assoc_group_id 0x4321
      0e 00                # sec_addr length 14 with NUL
      5c 50 49 50 45 5c 73 70 6f 6f 6c 73 73 00   # \\PIPE\\spoolss
                           # offset 40: already 4-aligned, no pad
      02 00 00 00          # n_results 2
      00 00 00 00          # acceptance, reason 0
      04 5d 88 8a eb 1c c9 11 9f e8 08 00 2b 10 48 60 02 00 00 00
      02 00 02 00          # provider rejection, proposed transfer syntaxes not supported
      00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    `);
    const out = encodeBindAck(PacketType.BIND_ACK, {
      callId: 1,
      maxXmitFrag: 4280,
      maxRecvFrag: 4280,
      assocGroupId: 0x4321,
      secondaryAddress: '\\PIPE\\spoolss',
      results: [
        { result: ContextResult.ACCEPTANCE, reason: 0, transferSyntax: NDR20_SYNTAX },
        {
          result: ContextResult.PROVIDER_REJECTION,
          reason: ProviderReason.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED,
          transferSyntax: NULL_SYNTAX,
        },
      ],
    });
    expect(out.toString('hex')).toBe(expected.toString('hex'));
    const back = decodeBindAck(out);
    expect(back.secondaryAddress).toBe('\\PIPE\\spoolss');
    expect(back.results).toHaveLength(2);
  });

  it('pads an alter_context_resp with an empty sec_addr', () => {
    const out = encodeBindAck(PacketType.ALTER_CONTEXT_RESP, {
      callId: 2,
      maxXmitFrag: 4280,
      maxRecvFrag: 4280,
      assocGroupId: 1,
      secondaryAddress: '',
      results: [],
    });
    // 24 + u16 length 0 -> 26, pad to 28, n_results + 3 reserved -> 32
    expect(out.length).toBe(32);
    expect(out.readUInt16LE(24)).toBe(0);
    expect(out[2]).toBe(PacketType.ALTER_CONTEXT_RESP);
  });

  it('encodes and decodes a bind_nak', () => {
    const out = encodeBindNak({ callId: 7, reason: 4, versions: [{ major: 5, minor: 0 }] });
    expect(out.toString('hex')).toBe(
      hex('05 00 0d 03 10000000 1800 0000 07000000 0400 01 05 00 000000').toString('hex'),
    );
    expect(decodeBindNak(out)).toEqual({ callId: 7, reason: 4, versions: [{ major: 5, minor: 0 }] });
  });
});
