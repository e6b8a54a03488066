/**
 * RpcStartDocPrinter (opnum 17), [MS-RPRN] 3.1.4.9.1, built by hand from the IDL: a DOC_INFO_1 in
 * its container, its strings deferred after the structure.
 */
import { RpcStartDocPrinter } from '../../../../../lib/rpc/rprn/messages/start-doc-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcStartDocPrinter', () => {
  it('request: DOC_INFO_1', () => {
    expectRequest(
      RpcStartDocPrinter,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4                            # hPrinter: context handle (attributes 0, uuid)
      01000000                                                                # DOC_INFO_CONTAINER.Level 1
      01000000                                                                # union tag 1
      00000200                                                                # -> DOC_INFO_1: referent id
      04000200                                                                # pDocName: referent id
      00000000                                                                # pOutputFile: NULL
      08000200                                                                # pDatatype: referent id
      0b000000 00000000 0b000000                                              # pDocName: max_count 11, offset 0, actual_count 11
      72006500 70006f00 72007400 2e007400 78007400 0000                       # "report.txt" + NUL
      0000                                                                    # pad to 4
      04000000 00000000 04000000                                              # pDatatype: max_count 4, offset 0, actual_count 4
      52004100 57000000                                                       # "RAW" + NUL
      `),
      {
        hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'),
        docInfoContainer: { level: 1, info: { pDocName: 'report.txt', pOutputFile: undefined, pDatatype: 'RAW' } },
      },
    );
  });
  it('response: the job id', () => {
    expectResponse(
      RpcStartDocPrinter,
      hex(`
      07000000                                                                # pJobId 7
      00000000                                                                # status ERROR_SUCCESS
      `),
      { jobId: 7, status: 0 },
    );
  });
});
