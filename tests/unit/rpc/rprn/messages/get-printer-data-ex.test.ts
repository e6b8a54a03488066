/**
 * RpcGetPrinterDataEx (opnum 78), [MS-RPRN] 3.1.4.2.19. Request: Samba 4.17 rpcclient `getdataex HpColor
 * CopyFiles\\ICM Module` (the call after the probe), captured on loopback; responses: pointprint's.
 */
import { RpcGetPrinterDataEx } from '../../../../../lib/rpc/rprn/messages/get-printer-data-ex';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetPrinterDataEx', () => {
  it('request: rpcclient with the size', () => {
    expectRequest(
      RpcGetPrinterDataEx,
      hex(`
      00000000 9862b3bc 417d22cc cee7bbe6 9eab8de0                            # hPrinter: context handle (attributes 0, uuid)
      0e000000 00000000 0e000000                                              # pKeyName: max_count 14, offset 0, actual_count 14
      43006f00 70007900 46006900 6c006500 73005c00 49004300 4d000000          # "CopyFiles\\ICM" + NUL
      07000000 00000000 07000000                                              # pValueName: max_count 7, offset 0, actual_count 7
      4d006f00 64007500 6c006500 0000                                         # "Module" + NUL
      0000                                                                    # pad to 4
      14000000                                                                # nSize 20
      `),
      {
        hPrinter: hex('000000009862b3bc417d22cccee7bbe69eab8de0'),
        keyName: 'CopyFiles\\ICM',
        valueName: 'Module',
        nSize: 20,
      },
    );
  });
  it('response: ERROR_MORE_DATA with type and size', () => {
    expectResponse(
      RpcGetPrinterDataEx,
      hex(`
      01000000                                                                # pType REG_SZ
      00000000                                                                # pData: max_count 0
      14000000                                                                # pcbNeeded 20
      ea000000                                                                # status ERROR_MORE_DATA
      `),
      { type: 1, data: Buffer.alloc(0), needed: 20, status: 234 },
    );
  });
  it('response: the value', () => {
    expectResponse(
      RpcGetPrinterDataEx,
      hex(`
      01000000                                                                # pType REG_SZ
      14000000                                                                # pData: max_count 20
      6d007300 63006d00 73002e00 64006c00 6c000000                            # "mscms.dll" + NUL
      14000000                                                                # pcbNeeded 20
      00000000                                                                # status ERROR_SUCCESS
      `),
      { type: 1, data: Buffer.from('mscms.dll\0', 'utf16le'), needed: 20, status: 0 },
    );
  });
});
