/**
 * RpcAddJob (opnum 24), [MS-RPRN] 3.1.4.3.4 (and MS-PAR's RpcAsyncAddJob, opnum 5): built by hand
 * from the IDL.
 */
import { RpcAddJob } from '../../../../../lib/rpc/rprn/messages/add-job';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcAddJob', () => {
  it('request: level 1, an 8-byte buffer', () => {
    expectRequest(
      RpcAddJob,
      hex(`
      00000000 91156774 8431f508 4800df8d 7e8cf88b                            # hPrinter: context handle
      01000000                                                                # Level 1
      00000200                                                                # pAddJob: referent id
      08000000                                                                # max_count 8
      00000000 00000000                                                       # 8 undefined bytes
      08000000                                                                # cbBuf 8
      `),
      {
        hPrinter: hex('00000000911567748431f5084800df8d7e8cf88b'),
        level: 1,
        buffer: { buffer: Buffer.alloc(8), cbBuf: 8 },
      },
    );
  });
  it('response: the buffer back, pcbNeeded 0, ERROR_INVALID_PARAMETER', () => {
    expectResponse(
      RpcAddJob,
      hex(`
      00000200                                                                # pAddJob: referent id
      08000000                                                                # max_count 8
      00000000 00000000                                                       # the buffer
      00000000                                                                # pcbNeeded 0
      57000000                                                                # status ERROR_INVALID_PARAMETER
      `),
      { buffer: Buffer.alloc(8), needed: 0, status: 87 },
    );
  });
});
