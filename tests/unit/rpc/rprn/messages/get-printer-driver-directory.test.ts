/**
 * RpcGetPrinterDriverDirectory (opnum 12), [MS-RPRN] 3.1.4.4.4. Request: Samba 4.17 rpcclient `getdriverdir
 * "Windows x64"` (the call after the probe), captured on loopback; response: pointprint's.
 */
import { RpcGetPrinterDriverDirectory } from '../../../../../lib/rpc/rprn/messages/get-printer-driver-directory';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetPrinterDriverDirectory', () => {
  it('request: rpcclient with a 46-byte buffer', () => {
    expectRequest(
      RpcGetPrinterDriverDirectory,
      hex(`
      00000200                                                                # pName: referent id
      0c000000 00000000 0c000000                                              # pName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      04000200                                                                # pEnvironment: referent id
      0c000000 00000000 0c000000                                              # pEnvironment: max_count 12, offset 0, actual_count 12
      57006900 6e006400 6f007700 73002000 78003600 34000000                   # "Windows x64" + NUL
      01000000                                                                # Level 1
      08000200                                                                # pDriverDirectory: referent id
      2e000000                                                                # max_count 46
      00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 # 46 bytes
      00000000 00000000 00000000 0000
      0000                                                                    # pad to 4
      2e000000                                                                # cbDriverDirectory 46
      `),
      { name: '\\\\127.0.0.1', environment: 'Windows x64', level: 1, buffer: { buffer: Buffer.alloc(46), cbBuf: 46 } },
    );
  });
  it('response: DRIVER_DIRECTORY_1', () => {
    expectResponse(
      RpcGetPrinterDriverDirectory,
      hex(`
      00000200                                                                # pDriverDirectory: referent id
      2e000000                                                                # max_count 46
      5c005c00 31003200 37002e00 30002e00 30002e00 31005c00 70007200 69006e00 # DRIVER_DIRECTORY_1: the path + NUL
      74002400 5c007800 36003400 0000
      0000                                                                    # pad to 4
      2e000000                                                                # pcbNeeded 46
      00000000                                                                # status ERROR_SUCCESS
      `),
      { buffer: Buffer.from('\\\\127.0.0.1\\print$\\x64\0', 'utf16le'), needed: 46, status: 0 },
    );
  });
});
