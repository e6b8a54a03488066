/**
 * RpcOpenPrinterEx (opnum 69), [MS-RPRN] 3.1.4.2.14. Request: Samba 4.17 rpcclient `getprinter HpColor 2`
 * opening its printer, captured on loopback (SPLCLIENT_INFO_1 with its two strings deferred after
 * the structure); response: pointprint's. The NULL-arm container is built by hand.
 */
import { MalformedPacketError } from '../../../../../lib/common/errors';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { RpcOpenPrinterEx } from '../../../../../lib/rpc/rprn/messages/open-printer-ex';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcOpenPrinterEx', () => {
  it('request: rpcclient', () => {
    expectRequest(
      RpcOpenPrinterEx,
      hex(`
      00000200                                                                # pPrinterName: referent id
      14000000 00000000 14000000                                              # pPrinterName: max_count 20, offset 0, actual_count 20
      5c005c00 31003200 37002e00 30002e00 30002e00 31005c00 48005000 43004f00 # "\\\\127.0.0.1\\HPCOLOR" + NUL
      4c004f00 52000000
      00000000                                                                # pDatatype: NULL
      00000000                                                                # pDevModeContainer.cbBuf 0
      00000000                                                                # pDevModeContainer.pDevMode: NULL
      00000002                                                                # AccessRequired: MAXIMUM_ALLOWED
      01000000                                                                # SPLCLIENT_CONTAINER.Level 1
      01000000                                                                # union tag 1
      04000200                                                                # -> SPLCLIENT_INFO_1: referent id
      1c000000                                                                # dwSize 28
      08000200                                                                # pMachineName: referent id
      0c000200                                                                # pUserName: referent id
      5f1b0000                                                                # dwBuildNum 7007
      06000000                                                                # dwMajorVersion 6
      01000000                                                                # dwMinorVersion 1
      0000                                                                    # wProcessorArchitecture 0 (x86)
      0000                                                                    # pad to 4
      05000000 00000000 05000000                                              # pMachineName: max_count 5, offset 0, actual_count 5
      5c005c00 56004d00 0000                                                  # "\\\\VM" + NUL
      0000                                                                    # pad to 4
      01000000 00000000 01000000                                              # pUserName: max_count 1, offset 0, actual_count 1
      0000                                                                    # NUL (an empty string)
      `),
      {
        printerName: '\\\\127.0.0.1\\HPCOLOR',
        datatype: undefined,
        devMode: undefined,
        accessRequired: 0x02000000,
        clientInfo: {
          level: 1,
          info: {
            dwSize: 28,
            pMachineName: '\\\\VM',
            pUserName: '',
            dwBuildNum: 7007,
            dwMajorVersion: 6,
            dwMinorVersion: 1,
            wProcessorArchitecture: 0,
          },
        },
      },
    );
  });
  it('request: a level-1 SPLCLIENT_CONTAINER with a NULL arm', () => {
    expectRequest(
      RpcOpenPrinterEx,
      hex(`
      00000200                                                                # pPrinterName: referent id
      12000000 00000000 12000000                                              # pPrinterName: max_count 18, offset 0, actual_count 18
      5c005c00 4e005400 50005200 49004e00 54005c00 48007000 43006f00 6c006f00 # "\\\\NTPRINT\\HpColor" + NUL
      72000000
      00000000                                                                # pDatatype: NULL
      00000000                                                                # pDevModeContainer.cbBuf 0
      00000000                                                                # pDevModeContainer.pDevMode: NULL
      08000000                                                                # AccessRequired: PRINTER_ACCESS_USE
      01000000                                                                # SPLCLIENT_CONTAINER.Level 1
      01000000                                                                # union tag 1
      00000000                                                                # -> NULL (no SPLCLIENT_INFO_1)
      `),
      { printerName: '\\\\NTPRINT\\HpColor', accessRequired: 8, clientInfo: { level: 1 } },
    );
  });
  it('response: the handle', () => {
    expectResponse(
      RpcOpenPrinterEx,
      hex(`
      00000000 91156774 8431f508 4800df8d 7e8cf88b                            # pHandle: context handle
      00000000                                                                # status ERROR_SUCCESS
      `),
      { handle: hex('00000000911567748431f5084800df8d7e8cf88b'), status: 0 },
    );
  });
  it('request: a union tag that disagrees with the level is malformed', () => {
    const stub = hex(`
      00000000                     # pPrinterName: NULL
      00000000                     # pDatatype: NULL
      00000000 00000000            # pDevModeContainer: cbBuf 0, NULL
      08000000                     # AccessRequired
      01000000 03000000 00000000   # SPLCLIENT_CONTAINER: Level 1, tag 3, NULL
    `);
    expect(() => decodeRequestStub(RpcOpenPrinterEx, stub)).toThrow(MalformedPacketError);
  });
});
