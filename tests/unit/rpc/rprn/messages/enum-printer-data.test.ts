/**
 * RpcEnumPrinterData (opnum 72), [MS-RPRN] 3.1.4.2.16. Requests: Samba 4.17 rpcclient `enumdata HpColor`
 * (the size query with both sizes 0, then index 0), captured on loopback; responses: pointprint's.
 */
import { RpcEnumPrinterData } from '../../../../../lib/rpc/rprn/messages/enum-printer-data';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPrinterData', () => {
  it('request: rpcclient asks for the largest sizes', () => {
    expectRequest(
      RpcEnumPrinterData,
      hex(`
      00000000 62e6c57b ff458989 85da3010 449be305                            # hPrinter: context handle (attributes 0, uuid)
      00000000                                                                # dwIndex 0
      00000000                                                                # cbValueName 0
      00000000                                                                # cbData 0
      `),
      { hPrinter: hex('0000000062e6c57bff45898985da3010449be305'), index: 0, cbValueName: 0, cbData: 0 },
    );
  });
  it('request: rpcclient reads value 0', () => {
    expectRequest(
      RpcEnumPrinterData,
      hex(`
      00000000 62e6c57b ff458989 85da3010 449be305                            # hPrinter: context handle (attributes 0, uuid)
      00000000                                                                # dwIndex 0
      24000000                                                                # cbValueName 36
      36000000                                                                # cbData 54
      `),
      { hPrinter: hex('0000000062e6c57bff45898985da3010449be305'), index: 0, cbValueName: 36, cbData: 54 },
    );
  });
  it('response: the largest sizes', () => {
    expectResponse(
      RpcEnumPrinterData,
      hex(`
      00000000                                                                # pValueName: max_count 0 (units), no units
      24000000                                                                # pcbValueName 36 (the longest name)
      00000000                                                                # pType 0
      00000000                                                                # pData: max_count 0, no bytes
      36000000                                                                # pcbData 54 (the largest data)
      00000000                                                                # status ERROR_SUCCESS
      `),
      { valueName: Buffer.alloc(0), valueNameNeeded: 36, type: 0, data: Buffer.alloc(0), dataNeeded: 54, status: 0 },
    );
  });
  it('response: value 0', () => {
    expectResponse(
      RpcEnumPrinterData,
      hex(`
      12000000                                                                # pValueName: max_count 18 (UTF-16 units)
      49006e00 69007400 44007200 69007600 65007200 56006500 72007300 69006f00 # "InitDriverVersion" + NUL (18 units)
      6e000000
      24000000                                                                # pcbValueName 36
      04000000                                                                # pType REG_DWORD
      36000000                                                                # pData: max_count 54
      00060000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 # the DWORD 0x600, then zeros to 54 bytes
      00000000 00000000 00000000 00000000 00000000 0000
      0000                                                                    # pad to 4
      04000000                                                                # pcbData 4
      00000000                                                                # status ERROR_SUCCESS
      `),
      {
        valueName: Buffer.from('InitDriverVersion\0', 'utf16le'),
        valueNameNeeded: 36,
        type: 4,
        data: Buffer.concat([hex('00060000'), Buffer.alloc(50)]),
        dataNeeded: 4,
        status: 0,
      },
    );
  });
});
