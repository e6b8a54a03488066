/**
 * RpcSetPrinterData (opnum 27), [MS-RPRN] 3.1.4.2.8. Request: Samba 4.17 rpcclient `setprinterdata HpColor
 * dword InteropValue 7`, captured on loopback.
 */
import { RpcSetPrinterData } from '../../../../../lib/rpc/rprn/messages/set-printer-data';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcSetPrinterData', () => {
  it('request: rpcclient, a REG_DWORD', () => {
    expectRequest(
      RpcSetPrinterData,
      hex(`
      00000000 9b1b58fc b3258ea9 9e6430e0 57259055                            # hPrinter: context handle (attributes 0, uuid)
      0d000000 00000000 0d000000                                              # pValueName: max_count 13, offset 0, actual_count 13
      49006e00 74006500 72006f00 70005600 61006c00 75006500 0000              # "InteropValue" + NUL
      0000                                                                    # pad to 4
      04000000                                                                # Type REG_DWORD
      04000000                                                                # pData: max_count 4
      07000000                                                                # the DWORD 7
      04000000                                                                # cbData 4
      `),
      {
        hPrinter: hex('000000009b1b58fcb3258ea99e6430e057259055'),
        valueName: 'InteropValue',
        type: 4,
        data: hex('07000000'),
      },
    );
  });
  it('response: ERROR_SUCCESS', () => {
    expectResponse(
      RpcSetPrinterData,
      hex(`
      00000000                                                                # status ERROR_SUCCESS
      `),
      { status: 0 },
    );
  });
});
