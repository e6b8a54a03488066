/**
 * RpcEnumPrinterDrivers (opnum 10), [MS-RPRN] 3.1.4.4.2. Request: Samba 4.17 rpcclient `enumdrivers`
 * (its first environment), captured on loopback; response: pointprint's.
 */
import { RpcEnumPrinterDrivers } from '../../../../../lib/rpc/rprn/messages/enum-printer-drivers';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPrinterDrivers', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcEnumPrinterDrivers,
      hex(`
      00000200                                                                # pName: referent id
      0c000000 00000000 0c000000                                              # pName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      04000200                                                                # pEnvironment: referent id
      0c000000 00000000 0c000000                                              # pEnvironment: max_count 12, offset 0, actual_count 12
      57006900 6e006400 6f007700 73002000 34002e00 30000000                   # "Windows 4.0" + NUL
      01000000                                                                # Level 1
      00000000                                                                # pDrivers: NULL
      00000000                                                                # cbBuf 0
      `),
      { name: '\\\\127.0.0.1', environment: 'Windows 4.0', level: 1, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('response: nothing for that environment', () => {
    expectResponse(
      RpcEnumPrinterDrivers,
      hex(`
      00000000                                                                # pDrivers: NULL
      00000000                                                                # pcbNeeded 0
      00000000                                                                # pcReturned 0
      00000000                                                                # status ERROR_SUCCESS (no Windows 4.0 drivers)
      `),
      { buffer: undefined, needed: 0, returned: 0, status: 0 },
    );
  });
});
