/**
 * RpcResetPrinter (opnum 52), [MS-RPRN] 3.1.4.2.13, built by hand from the IDL.
 */
import { RpcResetPrinter } from '../../../../../lib/rpc/rprn/messages/reset-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcResetPrinter', () => {
  it('request: the datatype and a DEVMODE_CONTAINER laid out in place', () => {
    expectRequest(
      RpcResetPrinter,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      00000200                                       # pDatatype: referent id
      04000000 00000000 04000000 52004100 57000000   # "RAW" + NUL
      04000000 04000200                              # DEVMODE_CONTAINER: cbBuf 4, pDevMode referent id
      04000000 01020304                              # max_count 4, the bytes
      `),
      {
        hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'),
        datatype: 'RAW',
        devMode: hex('01020304'),
      },
    );
  });

  it('request: NULL datatype and an empty container; response: the status', () => {
    expectRequest(
      RpcResetPrinter,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      00000000                                       # pDatatype NULL
      00000000 00000000                              # DEVMODE_CONTAINER { 0, NULL }
      `),
      { hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'), datatype: undefined, devMode: undefined },
    );
    expectResponse(RpcResetPrinter, hex('0c070000  # ERROR_INVALID_DATATYPE'), { status: 1804 });
  });
});
