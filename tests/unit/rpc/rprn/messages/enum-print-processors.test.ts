/**
 * RpcEnumPrintProcessors (opnum 15), [MS-RPRN] 3.1.4.8.2. Request: Samba 4.17 rpcclient `enumprocs`,
 * captured on loopback; response: pointprint's.
 */
import { RpcEnumPrintProcessors } from '../../../../../lib/rpc/rprn/messages/enum-print-processors';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPrintProcessors', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcEnumPrintProcessors,
      hex(`
      00000200                                                                # pName: referent id
      0c000000 00000000 0c000000                                              # pName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      04000200                                                                # pEnvironment: referent id
      0f000000 00000000 0f000000                                              # pEnvironment: max_count 15, offset 0, actual_count 15
      57006900 6e006400 6f007700 73002000 4e005400 20007800 38003600 0000     # "Windows NT x86" + NUL
      0000                                                                    # pad to 4
      01000000                                                                # Level 1
      00000000                                                                # pPrintProcessorInfo: NULL
      00000000                                                                # cbBuf 0
      `),
      { name: '\\\\127.0.0.1', environment: 'Windows NT x86', level: 1, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcEnumPrintProcessors,
      hex(`
      00000000                                                                # pPrintProcessorInfo: NULL
      18000000                                                                # pcbNeeded 24
      00000000                                                                # pcReturned 0
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 24, returned: 0, status: 122 },
    );
  });
});
