/**
 * RpcClosePrinter (opnum 29), [MS-RPRN] 3.1.4.2.9. Request: Samba 4.17 rpcclient, captured on loopback;
 * response: pointprint's.
 */
import { RpcClosePrinter } from '../../../../../lib/rpc/rprn/messages/close-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcClosePrinter', () => {
  it('request: the handle', () => {
    expectRequest(
      RpcClosePrinter,
      hex(`
      00000000 91156774 8431f508 4800df8d 7e8cf88b                            # phPrinter: context handle
      `),
      { handle: hex('00000000911567748431f5084800df8d7e8cf88b') },
    );
  });
  it('response: the zeroed handle', () => {
    expectResponse(
      RpcClosePrinter,
      hex(`
      00000000 00000000 00000000 00000000 00000000                            # phPrinter: all zeros once closed
      00000000                                                                # status ERROR_SUCCESS
      `),
      { handle: Buffer.alloc(20), status: 0 },
    );
  });
});
