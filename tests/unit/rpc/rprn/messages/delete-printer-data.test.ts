/**
 * RpcDeletePrinterData (opnum 73), [MS-RPRN] 3.1.4.2.17, built by hand from the IDL.
 */
import { RpcDeletePrinterData } from '../../../../../lib/rpc/rprn/messages/delete-printer-data';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcDeletePrinterData', () => {
  it('request: the value name', () => {
    expectRequest(
      RpcDeletePrinterData,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4                            # hPrinter: context handle (attributes 0, uuid)
      07000000 00000000 07000000                                              # pValueName: max_count 7, offset 0, actual_count 7
      47006f00 6c006400 65006e00 0000                                         # "Golden" + NUL
      `),
      { hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'), valueName: 'Golden' },
    );
  });
  it('response: ERROR_FILE_NOT_FOUND', () => {
    expectResponse(
      RpcDeletePrinterData,
      hex(`
      02000000                                                                # status ERROR_FILE_NOT_FOUND
      `),
      { status: 2 },
    );
  });
});
