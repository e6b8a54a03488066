/**
 * RpcRemoteFindFirstPrinterChangeNotificationEx (opnum 65), [MS-RPRN] 3.1.4.10.4. Request:
 * impacket 0.10 (rprn.py) (the PrinterBug call), captured on loopback; response: pointprint's refusal.
 */
import { RpcRemoteFindFirstPrinterChangeNotificationEx } from '../../../../../lib/rpc/rprn/messages/remote-find-first-printer-change-notification-ex';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcRemoteFindFirstPrinterChangeNotificationEx', () => {
  it('request: impacket; pOptions kept as its bytes', () => {
    expectRequest(
      RpcRemoteFindFirstPrinterChangeNotificationEx,
      hex(`
      00000000 d7d0e5a1 a311a08a 547c8e35 12cfbb94                            # hPrinter: context handle (attributes 0, uuid)
      00010000                                                                # fdwFlags PRINTER_CHANGE_ADD_JOB
      00000000                                                                # fdwOptions 0
      357d0000                                                                # pszLocalMachine: referent id (impacket picks its own)
      0c000000 00000000 0c000000                                              # pszLocalMachine: max_count 12, offset 0, actual_count 12
      5c005c00 31003000 2e003000 2e003000 2e003600 36000000                   # "\\\\10.0.0.66" + NUL
      00000000                                                                # dwPrinterLocal 0
      00000000                                                                # pOptions: NULL
      `),
      {
        hPrinter: hex('00000000d7d0e5a1a311a08a547c8e3512cfbb94'),
        flags: 0x100,
        options: 0,
        localMachine: '\\\\10.0.0.66',
        printerLocal: 0,
        notifyOptions: hex('00000000'),
      },
      { exact: false },
    );
  });
  it('response: RPC_S_SERVER_UNAVAILABLE', () => {
    expectResponse(
      RpcRemoteFindFirstPrinterChangeNotificationEx,
      hex(`
      ba060000                                                                # status RPC_S_SERVER_UNAVAILABLE
      `),
      { status: 1722 },
    );
  });
});
