/**
 * RpcGetPrinterData (opnum 26), [MS-RPRN] 3.1.4.2.7. Requests: Samba 4.17 rpcclient `getdata HpColor
 * InteropValue` (the probe, then the call), captured on loopback; responses: pointprint's.
 */
import { RpcGetPrinterData } from '../../../../../lib/rpc/rprn/messages/get-printer-data';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetPrinterData', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcGetPrinterData,
      hex(`
      00000000 f764514d 1b3c75ee 376507ee dd8bc9d9                            # hPrinter: context handle (attributes 0, uuid)
      0d000000 00000000 0d000000                                              # pValueName: max_count 13, offset 0, actual_count 13
      49006e00 74006500 72006f00 70005600 61006c00 75006500 0000              # "InteropValue" + NUL
      0000                                                                    # pad to 4
      00000000                                                                # nSize 0 (the size probe)
      `),
      { hPrinter: hex('00000000f764514d1b3c75ee376507eedd8bc9d9'), valueName: 'InteropValue', nSize: 0 },
    );
  });
  it('request: rpcclient with the size', () => {
    expectRequest(
      RpcGetPrinterData,
      hex(`
      00000000 f764514d 1b3c75ee 376507ee dd8bc9d9                            # hPrinter: context handle (attributes 0, uuid)
      0d000000 00000000 0d000000                                              # pValueName: max_count 13, offset 0, actual_count 13
      49006e00 74006500 72006f00 70005600 61006c00 75006500 0000              # "InteropValue" + NUL
      0000                                                                    # pad to 4
      04000000                                                                # nSize 4
      `),
      { hPrinter: hex('00000000f764514d1b3c75ee376507eedd8bc9d9'), valueName: 'InteropValue', nSize: 4 },
    );
  });
  it('response: ERROR_MORE_DATA with type and size', () => {
    expectResponse(
      RpcGetPrinterData,
      hex(`
      04000000                                                                # pType REG_DWORD
      00000000                                                                # pData: max_count 0 (nSize), no bytes
      04000000                                                                # pcbNeeded 4
      ea000000                                                                # status ERROR_MORE_DATA
      `),
      { type: 4, data: Buffer.alloc(0), needed: 4, status: 234 },
    );
  });
  it('response: the value', () => {
    expectResponse(
      RpcGetPrinterData,
      hex(`
      04000000                                                                # pType REG_DWORD
      04000000                                                                # pData: max_count 4
      07000000                                                                # the DWORD 7
      04000000                                                                # pcbNeeded 4
      00000000                                                                # status ERROR_SUCCESS
      `),
      { type: 4, data: hex('07000000'), needed: 4, status: 0 },
    );
  });
});
