/**
 * RpcEnumPrinterKey (opnum 80), [MS-RPRN] 3.1.4.2.21. Request: Samba 4.17 rpcclient `enumkey HpColor
 * CopyFiles` (the probe), captured on loopback; responses: pointprint's.
 */
import { RpcEnumPrinterKey } from '../../../../../lib/rpc/rprn/messages/enum-printer-key';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPrinterKey', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcEnumPrinterKey,
      hex(`
      00000000 062bd575 6906e67e 3c805e06 e5ce7d6a                            # hPrinter: context handle (attributes 0, uuid)
      0a000000 00000000 0a000000                                              # pKeyName: max_count 10, offset 0, actual_count 10
      43006f00 70007900 46006900 6c006500 73000000                            # "CopyFiles" + NUL
      00000000                                                                # cbSubkey 0 (the size probe)
      `),
      { hPrinter: hex('00000000062bd5756906e67e3c805e06e5ce7d6a'), keyName: 'CopyFiles', cbSubkey: 0 },
    );
  });
  it('response: ERROR_MORE_DATA with the size', () => {
    expectResponse(
      RpcEnumPrinterKey,
      hex(`
      00000000                                                                # pSubkey: max_count 0 (units)
      0a000000                                                                # pcbSubkey 10
      ea000000                                                                # status ERROR_MORE_DATA
      `),
      { subkey: Buffer.alloc(0), needed: 10, status: 234 },
    );
  });
  it('response: the MULTI_SZ', () => {
    expectResponse(
      RpcEnumPrinterKey,
      hex(`
      05000000                                                                # pSubkey: max_count 5 (UTF-16 units)
      49004300 4d000000 0000                                                  # MULTI_SZ "ICM" NUL NUL
      0000                                                                    # pad to 4
      0a000000                                                                # pcbSubkey 10
      00000000                                                                # status ERROR_SUCCESS
      `),
      { subkey: Buffer.from('ICM\0\0', 'utf16le'), needed: 10, status: 0 },
    );
  });
});
