/**
 * RpcEnumPrinterDataEx (opnum 79), [MS-RPRN] 3.1.4.2.20. Request: Samba 4.17 rpcclient `enumdataex HpColor
 * CopyFiles\\ICM` (the call after the probe), captured on loopback; responses: pointprint's (the
 * CopyFiles values with the server-side SourceDir and TargetDir; the records themselves are
 * checked in ../printer-enum-values.test.ts).
 */
import { RpcEnumPrinterDataEx } from '../../../../../lib/rpc/rprn/messages/enum-printer-data-ex';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPrinterDataEx', () => {
  it('request: rpcclient with the size', () => {
    expectRequest(
      RpcEnumPrinterDataEx,
      hex(`
      00000000 d34b8d20 6989b345 42fef6ba b556519c                            # hPrinter: context handle (attributes 0, uuid)
      0e000000 00000000 0e000000                                              # pKeyName: max_count 14, offset 0, actual_count 14
      43006f00 70007900 46006900 6c006500 73005c00 49004300 4d000000          # "CopyFiles\\ICM" + NUL
      34010000                                                                # cbEnumValues 308
      `),
      { hPrinter: hex('00000000d34b8d206989b34542fef6bab556519c'), keyName: 'CopyFiles\\ICM', cbEnumValues: 308 },
    );
  });
  it('response: ERROR_MORE_DATA with the size and the count', () => {
    expectResponse(
      RpcEnumPrinterDataEx,
      hex(`
      00000000                                                                # pEnumValues: max_count 0
      34010000                                                                # pcbEnumValues 308
      05000000                                                                # pnEnumValues 5
      ea000000                                                                # status ERROR_MORE_DATA
      `),
      { enumValues: Buffer.alloc(0), needed: 308, count: 5, status: 234 },
    );
  });
  it('response: the values', () => {
    expectResponse(
      RpcEnumPrinterDataEx,
      hex(`
      34010000                                                                # pEnumValues: max_count 308
      64000000 14000000 01000000 78000000 0c000000 70000000 0c000000 07000000 # 5 PRINTER_ENUM_VALUES (Directory, Files, Module, SourceDir, TargetDir), then their names and data
      7c000000 1c000000 84000000 0e000000 01000000 92000000 14000000 92000000
      14000000 01000000 a6000000 32000000 c4000000 14000000 01000000 d8000000
      0c000000 44006900 72006500 63007400 6f007200 79000000 43006f00 6c006f00
      72000000 46006900 6c006500 73000000 48007000 63006c00 72006c00 73007200
      2e006900 63006d00 00000000 4d006f00 64007500 6c006500 00006d00 73006300
      6d007300 2e006400 6c006c00 00005300 6f007500 72006300 65004400 69007200
      00005c00 5c003100 32003700 2e003000 2e003000 2e003100 5c005000 52004900
      4e005400 24005c00 43006f00 6c006f00 72000000 54006100 72006700 65007400
      44006900 72000000 43006f00 6c006f00 72000000
      34010000                                                                # pcbEnumValues 308
      05000000                                                                # pnEnumValues 5
      00000000                                                                # status ERROR_SUCCESS
      `),
      {
        enumValues: hex(
          '640000001400000001000000780000000c000000700000000c000000070000007c0000001c000000840000000e000000010000009200000014000000920000001400000001000000a600000032000000c40000001400000001000000d80000000c0000004400690072006500630074006f0072007900000043006f006c006f0072000000460069006c006500730000004800700063006c0072006c00730072002e00690063006d00000000004d006f00640075006c00650000006d00730063006d0073002e0064006c006c00000053006f00750072006300650044006900720000005c005c003100320037002e0030002e0030002e0031005c005000520049004e00540024005c0043006f006c006f0072000000540061007200670065007400440069007200000043006f006c006f0072000000',
        ),
        needed: 308,
        count: 5,
        status: 0,
      },
    );
  });
});
