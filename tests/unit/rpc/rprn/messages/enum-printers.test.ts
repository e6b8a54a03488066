/**
 * RpcEnumPrinters (opnum 0), [MS-RPRN] 3.1.4.2.1. Requests: Samba 4.17 rpcclient `enumprinters` and
 * impacket 0.10 (rprn.py) hRpcEnumPrinters (NULL Name), captured on loopback; the probe's answer is
 * pointprint's; the last response is built by hand from the IDL.
 */
import { RpcEnumPrinters } from '../../../../../lib/rpc/rprn/messages/enum-printers';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcEnumPrinters', () => {
  it('request: rpcclient size probe for level 1', () => {
    expectRequest(
      RpcEnumPrinters,
      hex(`
      02000000                                                                # Flags: PRINTER_ENUM_LOCAL
      00000200                                                                # Name: referent id
      0c000000 00000000 0c000000                                              # Name: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      01000000                                                                # Level 1
      00000000                                                                # pPrinterEnum: NULL (the size probe)
      00000000                                                                # cbBuf 0
      `),
      { flags: 2, name: '\\\\127.0.0.1', level: 1, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('request: impacket, NULL server name', () => {
    expectRequest(
      RpcEnumPrinters,
      hex(`
      02000000                                                                # Flags: PRINTER_ENUM_LOCAL
      00000000                                                                # Name: NULL
      01000000                                                                # Level 1
      00000000                                                                # pPrinterEnum: NULL
      00000000                                                                # cbBuf 0
      `),
      { flags: 2, name: undefined, level: 1, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcEnumPrinters,
      hex(`
      00000000                                                                # pPrinterEnum: NULL
      1c020000                                                                # pcbNeeded 540
      00000000                                                                # pcReturned 0
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 540, returned: 0, status: 122 },
    );
  });
  it('response: a filled buffer', () => {
    expectResponse(
      RpcEnumPrinters,
      hex(`
      00000200                                                                # pPrinterEnum: referent id
      08000000                                                                # max_count 8
      01020304 05060708                                                       # the INFO bytes
      08000000                                                                # pcbNeeded 8
      01000000                                                                # pcReturned 1
      00000000                                                                # status ERROR_SUCCESS
      `),
      { buffer: hex('0102030405060708'), needed: 8, returned: 1, status: 0 },
    );
  });
});
