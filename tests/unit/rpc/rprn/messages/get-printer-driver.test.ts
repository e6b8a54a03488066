/**
 * RpcGetPrinterDriver (opnum 11), [MS-RPRN] 3.1.4.4.3, built by hand from the IDL: RpcGetPrinterDriver2
 * without the version numbers.
 */
import { RpcGetPrinterDriver } from '../../../../../lib/rpc/rprn/messages/get-printer-driver';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetPrinterDriver', () => {
  it('request: size probe', () => {
    expectRequest(
      RpcGetPrinterDriver,
      hex(`
      00000000 2256eb65 a1700383 a82dfb11 8eea1288                            # hPrinter: context handle (attributes 0, uuid)
      00000200                                                                # pEnvironment: referent id
      0c000000 00000000 0c000000                                              # pEnvironment: max_count 12, offset 0, actual_count 12
      57006900 6e006400 6f007700 73002000 78003600 34000000                   # "Windows x64" + NUL
      03000000                                                                # Level 3
      00000000                                                                # pDriver: NULL (the size probe)
      00000000                                                                # cbBuf 0
      `),
      {
        hPrinter: hex('000000002256eb65a1700383a82dfb118eea1288'),
        environment: 'Windows x64',
        level: 3,
        buffer: { buffer: undefined, cbBuf: 0 },
      },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcGetPrinterDriver,
      hex(`
      00000000                                                                # pDriver: NULL
      b4020000                                                                # pcbNeeded 692
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 692, status: 122 },
    );
  });
});
