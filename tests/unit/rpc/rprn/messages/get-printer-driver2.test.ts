/**
 * RpcGetPrinterDriver2 (opnum 53), [MS-RPRN] 3.1.4.4.6. Request: Samba 4.17 rpcclient `getdriver HpColor`
 * (its first environment), captured on loopback, and pointprint's answer; the filled response is
 * built by hand from the IDL.
 */
import { RpcGetPrinterDriver2 } from '../../../../../lib/rpc/rprn/messages/get-printer-driver2';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetPrinterDriver2', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcGetPrinterDriver2,
      hex(`
      00000000 2256eb65 a1700383 a82dfb11 8eea1288                            # hPrinter: context handle (attributes 0, uuid)
      00000200                                                                # pEnvironment: referent id
      0c000000 00000000 0c000000                                              # pEnvironment: max_count 12, offset 0, actual_count 12
      57006900 6e006400 6f007700 73002000 34002e00 30000000                   # "Windows 4.0" + NUL
      03000000                                                                # Level 3
      00000000                                                                # pDriver: NULL
      00000000                                                                # cbBuf 0
      00000000                                                                # dwClientMajorVersion 0
      02000000                                                                # dwClientMinorVersion 2
      `),
      {
        hPrinter: hex('000000002256eb65a1700383a82dfb118eea1288'),
        environment: 'Windows 4.0',
        level: 3,
        buffer: { buffer: undefined, cbBuf: 0 },
        clientMajorVersion: 0,
        clientMinorVersion: 2,
      },
    );
  });
  it('response: no driver for that environment', () => {
    expectResponse(
      RpcGetPrinterDriver2,
      hex(`
      00000000                                                                # pDriver: NULL
      00000000                                                                # pcbNeeded 0
      00000000                                                                # pdwServerMaxVersion 0
      00000000                                                                # pdwServerMinVersion 0
      05070000                                                                # status ERROR_UNKNOWN_PRINTER_DRIVER
      `),
      { buffer: undefined, needed: 0, serverMaxVersion: 0, serverMinVersion: 0, status: 0x705 },
    );
  });
  it('response: the buffer and the server versions', () => {
    expectResponse(
      RpcGetPrinterDriver2,
      hex(`
      00000200                                                                # pDriver: referent id
      04000000                                                                # max_count 4
      03000000                                                                # _DRIVER_INFO_1 would start here (cVersion)
      04000000                                                                # pcbNeeded 4
      03000000                                                                # pdwServerMaxVersion 3
      03000000                                                                # pdwServerMinVersion 3
      00000000                                                                # status ERROR_SUCCESS
      `),
      { buffer: hex('03000000'), needed: 4, serverMaxVersion: 3, serverMinVersion: 3, status: 0 },
    );
  });
});
