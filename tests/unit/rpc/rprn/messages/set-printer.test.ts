/**
 * RpcSetPrinter (opnum 7), [MS-RPRN] 3.1.4.2.5. Level 2: Samba 4.17 rpcclient `setprinter HpColor
 * "a comment"`, captured on loopback (the PRINTER_INFO_2 it read back, with the new comment);
 * levels 0 and 3: built by hand from the IDL.
 */
import { RpcSetPrinter } from '../../../../../lib/rpc/rprn/messages/set-printer';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcSetPrinter', () => {
  it('request: rpcclient, PRINTER_INFO_2 and empty DEVMODE/SECURITY containers', () => {
    expectRequest(
      RpcSetPrinter,
      hex(`
      00000000 508d57b7 c5b4240f 73f99efc 48ddd6ae                            # hPrinter: context handle (attributes 0, uuid)
      02000000                                                                # PRINTER_CONTAINER.Level 2
      02000000                                                                # union tag 2
      00000200                                                                # -> PRINTER_INFO_2: referent id
      04000200                                                                # pServerName: referent id
      08000200                                                                # pPrinterName: referent id
      0c000200                                                                # pShareName: referent id
      10000200                                                                # pPortName: referent id
      14000200                                                                # pDriverName: referent id
      18000200                                                                # pComment: referent id
      1c000200                                                                # pLocation: referent id
      00000000                                                                # pDevMode: 0 (ULONG_PTR; the DEVMODE travels in its container)
      20000200                                                                # pSepFile: referent id
      24000200                                                                # pPrintProcessor: referent id
      28000200                                                                # pDatatype: referent id
      2c000200                                                                # pParameters: referent id
      00000000                                                                # pSecurityDescriptor: 0 (ULONG_PTR)
      49020000                                                                # Attributes 0x249
      01000000                                                                # Priority 1
      00000000                                                                # DefaultPriority
      00000000                                                                # StartTime
      00000000                                                                # UntilTime
      00000000                                                                # Status
      00000000                                                                # cJobs
      00000000                                                                # AveragePPM
      0c000000 00000000 0c000000                                              # pServerName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      14000000 00000000 14000000                                              # pPrinterName: max_count 20, offset 0, actual_count 20
      5c005c00 31003200 37002e00 30002e00 30002e00 31005c00 48007000 43006f00 # "\\\\127.0.0.1\\HpColor" + NUL
      6c006f00 72000000
      08000000 00000000 08000000                                              # pShareName: max_count 8, offset 0, actual_count 8
      48007000 43006f00 6c006f00 72000000                                     # "HpColor" + NUL
      0d000000 00000000 0d000000                                              # pPortName: max_count 13, offset 0, actual_count 13
      49005000 5f003100 30002e00 30002e00 30002e00 31003500 0000              # "IP_10.0.0.15" + NUL
      0000                                                                    # pad to 4
      1b000000 00000000 1b000000                                              # pDriverName: max_count 27, offset 0, actual_count 27
      48005000 20004300 6f006c00 6f007200 20004c00 61007300 65007200 4a006500 # "HP Color LaserJet 4500 PCL" + NUL
      74002000 34003500 30003000 20005000 43004c00 0000
      0000                                                                    # pad to 4
      0a000000 00000000 0a000000                                              # pComment: max_count 10, offset 0, actual_count 10
      61002000 63006f00 6d006d00 65006e00 74000000                            # "a comment" + NUL
      1f000000 00000000 1f000000                                              # pLocation: max_count 31, offset 0, actual_count 31
      42007500 69006c00 64006900 6e006700 20004100 2c002000 66006c00 6f006f00 # "Building A, floor 2, copy room" + NUL
      72002000 32002c00 20006300 6f007000 79002000 72006f00 6f006d00 0000
      0000                                                                    # pad to 4
      01000000 00000000 01000000                                              # pSepFile: max_count 1, offset 0, actual_count 1
      0000                                                                    # NUL (an empty string)
      0000                                                                    # pad to 4
      09000000 00000000 09000000                                              # pPrintProcessor: max_count 9, offset 0, actual_count 9
      77006900 6e007000 72006900 6e007400 0000                                # "winprint" + NUL
      0000                                                                    # pad to 4
      04000000 00000000 04000000                                              # pDatatype: max_count 4, offset 0, actual_count 4
      52004100 57000000                                                       # "RAW" + NUL
      01000000 00000000 01000000                                              # pParameters: max_count 1, offset 0, actual_count 1
      0000                                                                    # NUL (an empty string)
      0000                                                                    # pad to 4
      00000000                                                                # pDevModeContainer.cbBuf 0
      00000000                                                                # pDevModeContainer.pDevMode: NULL
      00000000                                                                # pSecurityContainer.cbBuf 0
      00000000                                                                # pSecurityContainer.pSecurity: NULL
      00000000                                                                # Command 0
      `),
      {
        hPrinter: hex('00000000508d57b7c5b4240f73f99efc48ddd6ae'),
        printerContainer: {
          level: 2,
          info: {
            pServerName: '\\\\127.0.0.1',
            pPrinterName: '\\\\127.0.0.1\\HpColor',
            pShareName: 'HpColor',
            pPortName: 'IP_10.0.0.15',
            pDriverName: 'HP Color LaserJet 4500 PCL',
            pComment: 'a comment',
            pLocation: 'Building A, floor 2, copy room',
            pSepFile: '',
            pPrintProcessor: 'winprint',
            pDatatype: 'RAW',
            pParameters: '',
            pDevMode: 0,
            pSecurityDescriptor: 0,
            Attributes: 0x249,
            Priority: 1,
            DefaultPriority: 0,
            StartTime: 0,
            UntilTime: 0,
            Status: 0,
            cJobs: 0,
            AveragePPM: 0,
          },
        },
        devMode: undefined,
        securityDescriptor: undefined,
        command: 0,
      },
    );
  });
  it('request: level 0 with a command', () => {
    expectRequest(
      RpcSetPrinter,
      hex(`
      00000000 508d57b7 c5b4240f 73f99efc 48ddd6ae                            # hPrinter: context handle (attributes 0, uuid)
      00000000                                                                # PRINTER_CONTAINER.Level 0
      00000000                                                                # union tag 0
      00000000                                                                # -> NULL (level 0 has no structure)
      00000000                                                                # pDevModeContainer.cbBuf 0
      00000000                                                                # pDevModeContainer.pDevMode: NULL
      00000000                                                                # pSecurityContainer.cbBuf 0
      00000000                                                                # pSecurityContainer.pSecurity: NULL
      01000000                                                                # Command: PRINTER_CONTROL_PAUSE
      `),
      { hPrinter: hex('00000000508d57b7c5b4240f73f99efc48ddd6ae'), printerContainer: { level: 0 }, command: 1 },
    );
  });
  it('request: level 3, the descriptor in SECURITY_CONTAINER', () => {
    expectRequest(
      RpcSetPrinter,
      hex(`
      00000000 508d57b7 c5b4240f 73f99efc 48ddd6ae                            # hPrinter: context handle (attributes 0, uuid)
      03000000                                                                # PRINTER_CONTAINER.Level 3
      03000000                                                                # union tag 3
      00000200                                                                # -> PRINTER_INFO_3: referent id
      00000000                                                                # pSecurityDescriptor: 0 (ULONG_PTR)
      00000000                                                                # pDevModeContainer.cbBuf 0
      00000000                                                                # pDevModeContainer.pDevMode: NULL
      04000000                                                                # pSecurityContainer.cbBuf 4
      04000200                                                                # pSecurityContainer.pSecurity: referent id
      04000000                                                                # max_count 4
      01000480                                                                # the security descriptor bytes
      00000000                                                                # Command 0
      `),
      {
        hPrinter: hex('00000000508d57b7c5b4240f73f99efc48ddd6ae'),
        printerContainer: { level: 3, info: { pSecurityDescriptor: 0 } },
        securityDescriptor: hex('01000480'),
        command: 0,
      },
    );
  });
  it('response: ERROR_SUCCESS', () => {
    expectResponse(
      RpcSetPrinter,
      hex(`
      00000000                                                                # status ERROR_SUCCESS
      `),
      { status: 0 },
    );
  });
});
