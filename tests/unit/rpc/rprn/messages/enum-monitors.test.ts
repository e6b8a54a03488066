/**
 * RpcEnumMonitors (opnum 36), [MS-RPRN] 3.1.4.7.1. Request: Samba 4.17 rpcclient `enummonitors 2`, captured on loopback;
 * response: pointprint's.
 */
import { RpcEnumMonitors } from '../../../../../lib/rpc/rprn/messages/enum-monitors';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumMonitors', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcEnumMonitors,
      hex(`
      00000200                                                                # pName: referent id
      0c000000 00000000 0c000000                                              # pName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      02000000                                                                # Level 2
      00000000                                                                # pMonitor: NULL
      00000000                                                                # cbBuf 0
      `),
      { name: '\\\\127.0.0.1', level: 2, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcEnumMonitors,
      hex(`
      00000000                                                                # pMonitor: NULL
      b8000000                                                                # pcbNeeded 184
      00000000                                                                # pcReturned 0
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 184, returned: 0, status: 122 },
    );
  });
});
