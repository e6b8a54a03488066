/**
 * RpcGetForm (opnum 32), [MS-RPRN] 3.1.4.5.3. Request: Samba 4.17 rpcclient `getform HpColor A4` (the
 * call after the probe), captured on loopback; response: pointprint's.
 */
import { RpcGetForm } from '../../../../../lib/rpc/rprn/messages/get-form';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetForm', () => {
  it('request: rpcclient with a 40-byte buffer', () => {
    expectRequest(
      RpcGetForm,
      hex(`
      00000000 de6e171e 6ed1ed5a 5f1c3189 49f42c92                            # hPrinter: context handle (attributes 0, uuid)
      03000000 00000000 03000000                                              # pFormName: max_count 3, offset 0, actual_count 3
      41003400 0000                                                           # "A4" + NUL
      0000                                                                    # pad to 4
      01000000                                                                # Level 1
      00000200                                                                # pForm: referent id
      28000000                                                                # max_count 40
      00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 # 40 bytes
      00000000 00000000
      28000000                                                                # cbBuf 40
      `),
      {
        hPrinter: hex('00000000de6e171e6ed1ed5a5f1c318949f42c92'),
        formName: 'A4',
        level: 1,
        buffer: { buffer: Buffer.alloc(40), cbBuf: 40 },
      },
    );
  });
  it('response: _FORM_INFO_1', () => {
    expectResponse(
      RpcGetForm,
      hex(`
      00000200                                                                # pForm: referent id
      28000000                                                                # max_count 40
      01000000 22000000 50340300 28880400 00000000 00000000 50340300 28880400 # _FORM_INFO_1: Flags, pName @0x22, Size 210000 x 297000, ImageableArea, "A4"
      00004100 34000000
      28000000                                                                # pcbNeeded 40
      00000000                                                                # status ERROR_SUCCESS
      `),
      {
        buffer: hex('01000000220000005034030028880400000000000000000050340300288804000000410034000000'),
        needed: 40,
        status: 0,
      },
    );
  });
});
