/**
 * RpcAddPrinterDriver (opnum 9), [MS-RPRN] 3.1.4.4.1: a DRIVER_INFO_2 in its DRIVER_CONTAINER,
 * built by hand from the IDL.
 */
import { RpcAddPrinterDriver } from '../../../../../lib/rpc/rprn/messages/add-printer-driver';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('RpcAddPrinterDriver', () => {
  it('request: DRIVER_INFO_2', () => {
    expectRequest(
      RpcAddPrinterDriver,
      hex(`
      00000000                                                                # pName: NULL (this server)
      02000000                                                                # DRIVER_CONTAINER.Level 2
      02000000                                                                # union tag 2
      00000200                                                                # -> DRIVER_INFO_2: referent id
      03000000                                                                # cVersion 3
      04000200                                                                # pName: referent id
      08000200                                                                # pEnvironment: referent id
      0c000200                                                                # pDriverPath: referent id
      10000200                                                                # pDataFile: referent id
      14000200                                                                # pConfigFile: referent id
      1b000000 00000000 1b000000                                              # pName: max_count 27, offset 0, actual_count 27
      48005000 20004300 6f006c00 6f007200 20004c00 61007300 65007200 4a006500 # "HP Color LaserJet 4500 PCL" + NUL
      74002000 34003500 30003000 20005000 43004c00 0000
      0000                                                                    # pad to 4
      0c000000 00000000 0c000000                                              # pEnvironment: max_count 12, offset 0, actual_count 12
      57006900 6e006400 6f007700 73002000 78003600 34000000                   # "Windows x64" + NUL
      0b000000 00000000 0b000000                                              # pDriverPath: max_count 11, offset 0, actual_count 11
      55004e00 49004400 52005600 2e004400 4c004c00 0000                       # "UNIDRV.DLL" + NUL
      0000                                                                    # pad to 4
      0c000000 00000000 0c000000                                              # pDataFile: max_count 12, offset 0, actual_count 12
      48005000 43003400 35003000 30002e00 47005000 44000000                   # "HPC4500.GPD" + NUL
      0d000000 00000000 0d000000                                              # pConfigFile: max_count 13, offset 0, actual_count 13
      55004e00 49004400 52005600 55004900 2e004400 4c004c00 0000              # "UNIDRVUI.DLL" + NUL
      `),
      {
        name: undefined,
        driverContainer: {
          level: 2,
          info: {
            cVersion: 3,
            pName: 'HP Color LaserJet 4500 PCL',
            pEnvironment: 'Windows x64',
            pDriverPath: 'UNIDRV.DLL',
            pDataFile: 'HPC4500.GPD',
            pConfigFile: 'UNIDRVUI.DLL',
          },
        },
      },
    );
  });
  it('response: ERROR_ACCESS_DENIED', () => {
    expectResponse(
      RpcAddPrinterDriver,
      hex(`
      05000000                                                                # status ERROR_ACCESS_DENIED
      `),
      { status: 5 },
    );
  });
});
