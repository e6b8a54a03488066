/**
 * RpcWritePrinter (opnum 19), [MS-RPRN] 3.1.4.9.3, built by hand from the IDL.
 */
import { FaultStatus } from '../../../../../lib/rpc/constants';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { RpcWritePrinter } from '../../../../../lib/rpc/rprn/messages/write-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcWritePrinter', () => {
  it('request: 5 bytes', () => {
    expectRequest(
      RpcWritePrinter,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4                            # hPrinter: context handle (attributes 0, uuid)
      05000000                                                                # pBuf: max_count 5
      68656c6c 6f                                                             # "hello"
      000000                                                                  # pad to 4
      05000000                                                                # cbBuf 5
      `),
      { hPrinter: hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4'), data: Buffer.from('hello') },
    );
  });
  it('response: the count written', () => {
    expectResponse(
      RpcWritePrinter,
      hex(`
      05000000                                                                # pcWritten 5
      00000000                                                                # status ERROR_SUCCESS
      `),
      { written: 5, status: 0 },
    );
  });
  it('request: a cbBuf that disagrees with max_count is nca_s_fault_ndr', () => {
    const stub = hex(`
      00000000 a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4   # hPrinter
      05000000 68656c6c 6f000000                   # pBuf: max_count 5, "hello", pad
      06000000                                     # cbBuf 6
    `);
    expect(() => decodeRequestStub(RpcWritePrinter, stub)).toThrow(
      expect.objectContaining({ status: FaultStatus.NCA_S_FAULT_NDR }) as Error,
    );
  });
});
