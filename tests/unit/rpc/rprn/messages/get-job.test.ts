/**
 * RpcGetJob (opnum 3), [MS-RPRN] 3.1.4.3.2. Request: Samba 4.17 rpcclient `getjob HpColor 1 2`,
 * captured on loopback; response: pointprint's.
 */
import { RpcGetJob } from '../../../../../lib/rpc/rprn/messages/get-job';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetJob', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcGetJob,
      hex(`
      00000000 32c18adb 203cbf67 13e78a31 49aa2620                            # hPrinter: context handle (attributes 0, uuid)
      01000000                                                                # JobId 1
      02000000                                                                # Level 2
      00000000                                                                # pJob: NULL
      00000000                                                                # cbBuf 0
      `),
      {
        hPrinter: hex('0000000032c18adb203cbf6713e78a3149aa2620'),
        jobId: 1,
        level: 2,
        buffer: { buffer: undefined, cbBuf: 0 },
      },
    );
  });
  it('response: no such job', () => {
    expectResponse(
      RpcGetJob,
      hex(`
      00000000                                                                # pJob: NULL
      00000000                                                                # pcbNeeded 0
      57000000                                                                # status ERROR_INVALID_PARAMETER (no job 1)
      `),
      { buffer: undefined, needed: 0, status: 87 },
    );
  });
});
