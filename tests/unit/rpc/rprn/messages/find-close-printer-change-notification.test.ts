/**
 * RpcFindClosePrinterChangeNotification (opnum 56), [MS-RPRN] 3.1.4.10.2, built by hand from the IDL: the handle in, the status out.
 */
import { RpcFindClosePrinterChangeNotification } from '../../../../../lib/rpc/rprn/messages/find-close-printer-change-notification';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcFindClosePrinterChangeNotification', () => {
  it('request: the handle', () => {
    expectRequest(
      RpcFindClosePrinterChangeNotification,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4                            # hPrinter: context handle (attributes 0, uuid)
      `),
      { hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4') },
    );
  });
  it('response: the status', () => {
    expectResponse(
      RpcFindClosePrinterChangeNotification,
      hex(`
      06000000                                                                # status ERROR_INVALID_HANDLE
      `),
      { status: 6 },
    );
  });
});
