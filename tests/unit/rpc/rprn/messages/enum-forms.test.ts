/**
 * RpcEnumForms (opnum 34), [MS-RPRN] 3.1.4.5.5. Request: Samba 4.17 rpcclient `enumforms HpColor`,
 * captured on loopback; response: pointprint's.
 */
import { RpcEnumForms } from '../../../../../lib/rpc/rprn/messages/enum-forms';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumForms', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcEnumForms,
      hex(`
      00000000 6f1ac220 edbc0f04 2fde419a fb00444d                            # hPrinter: context handle (attributes 0, uuid)
      01000000                                                                # Level 1
      00000000                                                                # pForm: NULL
      00000000                                                                # cbBuf 0
      `),
      { hPrinter: hex('000000006f1ac220edbc0f042fde419afb00444d'), level: 1, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcEnumForms,
      hex(`
      00000000                                                                # pForm: NULL
      2c0e0000                                                                # pcbNeeded 3628
      00000000                                                                # pcReturned 0
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 3628, returned: 0, status: 122 },
    );
  });
});
