/**
 * RpcGetPrinter (opnum 8), [MS-RPRN] 3.1.4.2.6. The size probe: Samba 4.17 rpcclient `getprinter HpColor
 * 2`, captured on loopback, and pointprint's answer; the level 6 call: built by hand from the IDL.
 */
import { FaultStatus } from '../../../../../lib/rpc/constants';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { RpcGetPrinter } from '../../../../../lib/rpc/rprn/messages/get-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcGetPrinter', () => {
  it('request: rpcclient size probe', () => {
    expectRequest(
      RpcGetPrinter,
      hex(`
      00000000 91156774 8431f508 4800df8d 7e8cf88b                            # hPrinter: context handle (attributes 0, uuid)
      02000000                                                                # Level 2
      00000000                                                                # pPrinter: NULL (the size probe)
      00000000                                                                # cbBuf 0
      `),
      { hPrinter: hex('00000000911567748431f5084800df8d7e8cf88b'), level: 2, buffer: { buffer: undefined, cbBuf: 0 } },
    );
  });
  it('request: a 4-byte buffer', () => {
    expectRequest(
      RpcGetPrinter,
      hex(`
      00000000 91156774 8431f508 4800df8d 7e8cf88b                            # hPrinter: context handle (attributes 0, uuid)
      06000000                                                                # Level 6
      00000200                                                                # pPrinter: referent id
      04000000                                                                # max_count 4
      00000000                                                                # 4 bytes for _PRINTER_INFO_6
      04000000                                                                # cbBuf 4
      `),
      {
        hPrinter: hex('00000000911567748431f5084800df8d7e8cf88b'),
        level: 6,
        buffer: { buffer: Buffer.alloc(4), cbBuf: 4 },
      },
    );
  });
  it('response: ERROR_INSUFFICIENT_BUFFER with the size', () => {
    expectResponse(
      RpcGetPrinter,
      hex(`
      00000000                                                                # pPrinter: NULL
      3c020000                                                                # pcbNeeded 572
      7a000000                                                                # status ERROR_INSUFFICIENT_BUFFER
      `),
      { buffer: undefined, needed: 572, status: 122 },
    );
  });
  it('response: the INFO buffer', () => {
    expectResponse(
      RpcGetPrinter,
      hex(`
      00000200                                                                # pPrinter: referent id
      04000000                                                                # max_count 4
      80000000                                                                # _PRINTER_INFO_6.dwStatus
      04000000                                                                # pcbNeeded 4
      00000000                                                                # status ERROR_SUCCESS
      `),
      { buffer: hex('80000000'), needed: 4, status: 0 },
    );
  });
  it('request: a buffer whose max_count disagrees with cbBuf is nca_s_fault_ndr', () => {
    const stub = hex(`
      00000000 911567748431f5084800df8d7e8cf88b   # hPrinter
      02000000                                     # Level 2
      00000200 08000000 00000000 00000000          # pPrinter: referent id, max_count 8, 8 bytes
      00100000                                     # cbBuf 4096
    `);
    expect(() => decodeRequestStub(RpcGetPrinter, stub)).toThrow(
      expect.objectContaining({ status: FaultStatus.NCA_S_FAULT_NDR }) as Error,
    );
  });
});
