/**
 * RpcScheduleJob (opnum 25), [MS-RPRN] 3.1.4.3.5 (and MS-PAR's RpcAsyncScheduleJob, opnum 6):
 * built by hand from the IDL.
 */
import { RpcScheduleJob } from '../../../../../lib/rpc/rprn/messages/schedule-job';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcScheduleJob', () => {
  it('request: handle and JobId', () => {
    expectRequest(
      RpcScheduleJob,
      hex(`
      00000000 91156774 8431f508 4800df8d 7e8cf88b                            # hPrinter: context handle
      07000000                                                                # JobId 7
      `),
      { hPrinter: hex('00000000911567748431f5084800df8d7e8cf88b'), jobId: 7 },
    );
  });
  it('response: ERROR_SPL_NO_ADDJOB', () => {
    expectResponse(RpcScheduleJob, hex('bc0b0000  # status ERROR_SPL_NO_ADDJOB (3004)'), { status: 3004 });
  });
});
