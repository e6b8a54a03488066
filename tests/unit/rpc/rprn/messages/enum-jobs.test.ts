/**
 * RpcEnumJobs (opnum 4), [MS-RPRN] 3.1.4.3.3. Request: Samba 4.17 rpcclient `enumjobs HpColor 1`,
 * captured on loopback; response: pointprint's (an empty queue).
 */
import { RpcEnumJobs } from '../../../../../lib/rpc/rprn/messages/enum-jobs';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumJobs', () => {
  it('request: rpcclient', () => {
    expectRequest(
      RpcEnumJobs,
      hex(`
      00000000 bfee7240 006ab5c7 b0182548 4dc5d459                            # hPrinter: context handle (attributes 0, uuid)
      00000000                                                                # FirstJob 0
      e8030000                                                                # NoJobs 1000
      01000000                                                                # Level 1
      00000000                                                                # pJob: NULL
      00000000                                                                # cbBuf 0
      `),
      {
        hPrinter: hex('00000000bfee7240006ab5c7b01825484dc5d459'),
        firstJob: 0,
        noJobs: 1000,
        level: 1,
        buffer: { buffer: undefined, cbBuf: 0 },
      },
    );
  });
  it('response: an empty queue', () => {
    expectResponse(
      RpcEnumJobs,
      hex(`
      00000000                                                                # pJob: NULL
      00000000                                                                # pcbNeeded 0
      00000000                                                                # pcReturned 0
      00000000                                                                # status ERROR_SUCCESS (no jobs)
      `),
      { buffer: undefined, needed: 0, returned: 0, status: 0 },
    );
  });
});
