/**
 * RpcOpenPrinter (opnum 1), [MS-RPRN] 3.1.4.2.2. Request: impacket 0.10 (rprn.py) hRpcOpenPrinter, captured
 * on loopback (its referent ids are its own, so the bytes are checked by decoding); response:
 * pointprint's.
 */
import { RpcOpenPrinter } from '../../../../../lib/rpc/rprn/messages/open-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcOpenPrinter', () => {
  it('request: impacket', () => {
    expectRequest(
      RpcOpenPrinter,
      hex(`
      1cab0000                                                                # pPrinterName: referent id (impacket picks its own)
      14000000 00000000 14000000                                              # pPrinterName: max_count 20, offset 0, actual_count 20
      5c005c00 31003200 37002e00 30002e00 30002e00 31005c00 48007000 43006f00 # "\\\\127.0.0.1\\HpColor" + NUL
      6c006f00 72000000
      00000000                                                                # pDatatype: NULL
      00000000                                                                # pDevModeContainer.cbBuf 0
      00000000                                                                # pDevModeContainer.pDevMode: NULL
      08000000                                                                # AccessRequired: PRINTER_ACCESS_USE
      `),
      { printerName: '\\\\127.0.0.1\\HpColor', datatype: undefined, devMode: undefined, accessRequired: 8 },
      { exact: false },
    );
  });
  it('response: the handle', () => {
    expectResponse(
      RpcOpenPrinter,
      hex(`
      00000000 d7d0e5a1 a311a08a 547c8e35 12cfbb94                            # pHandle: context handle
      00000000                                                                # status ERROR_SUCCESS
      `),
      { handle: hex('00000000d7d0e5a1a311a08a547c8e3512cfbb94'), status: 0 },
    );
  });
});
