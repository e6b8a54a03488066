/**
 * RpcDeletePrinterKey (opnum 82), [MS-RPRN] 3.1.4.2.23, built by hand from the IDL.
 */
import { RpcDeletePrinterKey } from '../../../../../lib/rpc/rprn/messages/delete-printer-key';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcDeletePrinterKey', () => {
  it('request: the key', () => {
    expectRequest(
      RpcDeletePrinterKey,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4                            # hPrinter: context handle (attributes 0, uuid)
      0b000000 00000000 0b000000                                              # pKeyName: max_count 11, offset 0, actual_count 11
      47006f00 6c006400 65006e00 5c005300 75006200 0000                       # "Golden\\Sub" + NUL
      `),
      { hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'), keyName: 'Golden\\Sub' },
    );
  });
  it('response: ERROR_SUCCESS', () => {
    expectResponse(
      RpcDeletePrinterKey,
      hex(`
      00000000                                                                # status ERROR_SUCCESS
      `),
      { status: 0 },
    );
  });
});
