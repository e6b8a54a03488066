/**
 * RpcEnumPorts (opnum 35), [MS-RPRN] 3.1.4.6.1. Request: Samba 4.17 rpcclient `enumports 2`, captured on loopback;
 * response: pointprint's.
 */
import { RpcEnumPorts } from '../../../../../lib/rpc/rprn/messages/enum-ports';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPorts', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcEnumPorts,
      hex(`
      00000200                                                                # pName: referent id
      0c000000 00000000 0c000000                                              # pName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      02000000                                                                # Level 2
      00000000                                                                # pPort: NULL
      00000000                                                                # cbBuf 0
      `),
      { name: '\\\\127.0.0.1', level: 2, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcEnumPorts,
      hex(`
      00000000                                                                # pPort: NULL
      04010000                                                                # pcbNeeded 260
      00000000                                                                # pcReturned 0
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 260, returned: 0, status: 122 },
    );
  });
});
