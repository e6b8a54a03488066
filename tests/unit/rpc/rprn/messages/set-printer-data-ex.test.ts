/**
 * RpcSetPrinterDataEx (opnum 77), [MS-RPRN] 3.1.4.2.18, built by hand from the IDL (what
 * RprnClient.setPrinterDataEx sends).
 */
import { RpcSetPrinterDataEx } from '../../../../../lib/rpc/rprn/messages/set-printer-data-ex';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcSetPrinterDataEx', () => {
  it('request: a REG_SZ', () => {
    expectRequest(
      RpcSetPrinterDataEx,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4                            # hPrinter: context handle (attributes 0, uuid)
      12000000 00000000 12000000                                              # pKeyName: max_count 18, offset 0, actual_count 18
      50007200 69006e00 74006500 72004400 72006900 76006500 72004400 61007400 # "PrinterDriverData" + NUL
      61000000
      09000000 00000000 09000000                                              # pValueName: max_count 9, offset 0, actual_count 9
      47007200 65006500 74006900 6e006700 0000                                # "Greeting" + NUL
      0000                                                                    # pad to 4
      01000000                                                                # Type REG_SZ
      0c000000                                                                # pData: max_count 12
      68006500 6c006c00 6f000000                                              # "hello" + NUL
      0c000000                                                                # cbData 12
      `),
      {
        hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'),
        keyName: 'PrinterDriverData',
        valueName: 'Greeting',
        type: 1,
        data: Buffer.from('hello\0', 'utf16le'),
      },
    );
  });
  it('response: ERROR_ACCESS_DENIED', () => {
    expectResponse(
      RpcSetPrinterDataEx,
      hex(`
      05000000                                                                # status ERROR_ACCESS_DENIED
      `),
      { status: 5 },
    );
  });
});
