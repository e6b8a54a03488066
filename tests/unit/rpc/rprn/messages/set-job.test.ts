/**
 * RpcSetJob (opnum 2), [MS-RPRN] 3.1.4.3.1. Request with a NULL container: Samba 4.17 rpcclient
 * `setjob HpColor 1 1`, captured on loopback; with a JOB_INFO_1 container: built by hand from the
 * IDL (what RprnClient.setJob sends).
 */
import { RpcSetJob } from '../../../../../lib/rpc/rprn/messages/set-job';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcSetJob', () => {
  it('request: rpcclient, a command alone', () => {
    expectRequest(
      RpcSetJob,
      hex(`
      00000000 64621beb 098eb001 4765e7a6 2f3931a2                            # hPrinter: context handle (attributes 0, uuid)
      01000000                                                                # JobId 1
      00000000                                                                # pJobContainer: NULL (a command alone)
      01000000                                                                # Command: JOB_CONTROL_PAUSE
      `),
      { hPrinter: hex('0000000064621beb098eb0014765e7a62f3931a2'), jobId: 1, jobContainer: undefined, command: 1 },
    );
  });
  it('request: a JOB_INFO_1 container (deferred strings after the structure)', () => {
    expectRequest(
      RpcSetJob,
      hex(`
      00000000 64621beb 098eb001 4765e7a6 2f3931a2                            # hPrinter: context handle (attributes 0, uuid)
      07000000                                                                # JobId 7
      00000200                                                                # pJobContainer: referent id
      01000000                                                                # JOB_CONTAINER.Level 1
      01000000                                                                # union tag 1
      04000200                                                                # -> JOB_INFO_1: referent id
      07000000                                                                # JobId
      00000000                                                                # pPrinterName: NULL
      00000000                                                                # pMachineName: NULL
      00000000                                                                # pUserName: NULL
      08000200                                                                # pDocument: referent id
      0c000200                                                                # pDatatype: referent id
      00000000                                                                # pStatus: NULL
      00000000                                                                # Status
      32000000                                                                # Priority 50
      00000000                                                                # Position 0 (unchanged)
      00000000                                                                # TotalPages
      00000000                                                                # PagesPrinted
      00000000 00000000 00000000 00000000                                     # Submitted: SYSTEMTIME, all zeros
      07000000 00000000 07000000                                              # pDocument: max_count 7, offset 0, actual_count 7
      72006500 70006f00 72007400 0000                                         # "report" + NUL
      0000                                                                    # pad to 4
      04000000 00000000 04000000                                              # pDatatype: max_count 4, offset 0, actual_count 4
      52004100 57000000                                                       # "RAW" + NUL
      00000000                                                                # Command 0
      `),
      {
        hPrinter: hex('0000000064621beb098eb0014765e7a62f3931a2'),
        jobId: 7,
        jobContainer: {
          level: 1,
          info: {
            JobId: 7,
            pPrinterName: undefined,
            pMachineName: undefined,
            pUserName: undefined,
            pDocument: 'report',
            pDatatype: 'RAW',
            pStatus: undefined,
            Status: 0,
            Priority: 50,
            Position: 0,
            TotalPages: 0,
            PagesPrinted: 0,
            Submitted: { year: 0, month: 0, dayOfWeek: 0, day: 0, hour: 0, minute: 0, second: 0, milliseconds: 0 },
          },
        },
        command: 0,
      },
    );
  });
  it('response: ERROR_INVALID_PARAMETER', () => {
    expectResponse(
      RpcSetJob,
      hex(`
      57000000                                                                # status ERROR_INVALID_PARAMETER
      `),
      { status: 87 },
    );
  });
});
