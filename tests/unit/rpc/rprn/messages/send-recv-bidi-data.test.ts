/**
 * RpcSendRecvBidiData (opnum 97), [MS-RPRN] 3.1.4.2.27 with the containers of 2.2.1.2.10-11 and
 * RPC_BIDI_DATA (2.2.1.11.1: a DWORD dwBidiType repeated as the union's tag), built by hand.
 */
import { RpcSendRecvBidiData } from '../../../../../lib/rpc/rprn/messages/send-recv-bidi-data';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { MalformedPacketError } from '../../../../../lib/common/errors';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

const H = hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4');

describe('RpcSendRecvBidiData', () => {
  it('request: "foobar" with an empty container (smbtorture bidi)', () => {
    expectRequest(
      RpcSendRecvBidiData,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      00000200 07000000 00000000 07000000            # pAction: referent id, max 7, offset 0, actual 7
      66006f00 6f006200 61007200 0000                # "foobar" + NUL
      0000                                           # align 4
      00000000 01000000 00000000 00000000            # pReqData: max_count 0, Version 1, Flags 0, Count 0
      `),
      { hPrinter: H, action: 'foobar', requests: [] },
    );
  });
  it('request: Get of one schema', () => {
    expectRequest(
      RpcSendRecvBidiData,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4
      00000200 04000000 00000000 04000000 47006500 74000000   # pAction "Get"
      01000000 01000000 00000000 01000000            # max_count 1, Version 1, Flags 0, Count 1
      05000000 04000200                              # aData[0]: dwReqNumber 5, pSchema referent id
      00000000 00000000 00000000                     # data: BIDI_NULL, tag, bData 0
      03000000 00000000 03000000 5c005000 0000       # deferred pSchema "\\P"
      `),
      { hPrinter: H, action: 'Get', requests: [{ reqNumber: 5, schema: '\\P', data: { type: 'null' } }] },
    );
  });
  it('response: ERROR_NOT_SUPPORTED and no container', () => {
    expectResponse(RpcSendRecvBidiData, hex('00000000 32000000'), { status: 50 });
  });
  it('response: one BIDI_INT value', () => {
    expectResponse(
      RpcSendRecvBidiData,
      hex(`
      00000200                                       # *ppRespData: referent id
      01000000 01000000 00000000 01000000            # max_count 1, Version 1, Flags 0, Count 1
      00000000 05000000 04000200                     # dwResult 0, dwReqNumber 5, pSchema referent id
      01000000 01000000 2a000000                     # BIDI_INT, tag, iData 42
      03000000 00000000 03000000 5c005000 0000       # deferred pSchema "\\P"
      0000 00000000                                  # align 4, status
      `),
      { responses: [{ result: 0, reqNumber: 5, schema: '\\P', data: { type: 'int', value: 42 } }], status: 0 },
    );
  });
  it('a Count that disagrees with max_count, or an unknown BIDI_TYPE, is malformed', () => {
    const head = '00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 00000000';
    expect(() => decodeRequestStub(RpcSendRecvBidiData, hex(`${head} 00000000 01000000 00000000 01000000`))).toThrow(
      MalformedPacketError,
    );
    expect(() =>
      decodeRequestStub(
        RpcSendRecvBidiData,
        hex(`${head} 01000000 01000000 00000000 01000000 05000000 00000000 09000000 09000000 00000000`),
      ),
    ).toThrow(MalformedPacketError);
  });
});
