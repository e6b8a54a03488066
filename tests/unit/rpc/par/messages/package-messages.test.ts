/**
 * The IRemoteWinspool package methods without an MS-RPRN twin ([MS-PAR] 3.1.4.2.7, .8, .10, .12).
 * Requests of 63, 65 and 67: smbtorture 4.17 (rpc.iremotewinspool.printserver) captured at our
 * server over ncacn_ip_tcp; 62 and the responses built by hand from the IDL.
 */
import { RpcAsyncCorePrinterDriverInstalled } from '../../../../../lib/rpc/par/messages/core-printer-driver-installed';
import { RpcAsyncDeletePrinterDriverPackage } from '../../../../../lib/rpc/par/messages/delete-printer-driver-package';
import { RpcAsyncInstallPrinterDriverFromPackage } from '../../../../../lib/rpc/par/messages/install-printer-driver-from-package';
import { RpcAsyncUploadPrinterDriverPackage } from '../../../../../lib/rpc/par/messages/upload-printer-driver-package';
import { Bytes, hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from '../../rprn/messages/message-fixture';

const SERVER = hex(`
  00000200                                                  # pszServer: referent id
  0d000000 00000000 0d000000                                # max 13, offset 0, actual 13
  5c005c00 31003200 37002e00 30002e00 30002e00 39003300 0000 # "\\\\127.0.0.93" and its NUL
  0000                                                      # pad to 4
`);
const EMPTY = '01000000 00000000 01000000 0000'; // a [string] "" : max 1, offset 0, actual 1, NUL
const X64 = `0c000000 00000000 0c000000 57006900 6e006400 6f007700 73002000 78003600 34000000`; // "Windows x64"

describe('RpcAsyncCorePrinterDriverInstalled (65)', () => {
  it('request: smbtorture, XPSDRV, date 0, version 1234', () => {
    expectRequest(
      RpcAsyncCorePrinterDriverInstalled,
      Buffer.concat([
        SERVER,
        hex(`
        ${X64}                                              # pszEnvironment "Windows x64"
        72a30ed2 35dd 5049 9ed8a6335afe79f5                 # CoreDriverGUID {D20EA372-DD35-4950-9ED8-A6335AFE79F5}
        00000000 00000000                                   # ftDriverDate 0 (low, high)
        d2040000 00000000                                   # dwlDriverVersion 1234
        `),
      ]),
      {
        server: '\\\\127.0.0.93',
        environment: 'Windows x64',
        coreDriverGuid: 'd20ea372-dd35-4950-9ed8-a6335afe79f5',
        driverDate: 0n,
        driverVersion: 1234n,
      },
    );
  });
  it('response: pbDriverInstalled 1, S_OK', () => {
    expectResponse(RpcAsyncCorePrinterDriverInstalled, hex('01000000 00000000'), { driverInstalled: 1, status: 0 });
  });
});

describe('RpcAsyncUploadPrinterDriverPackage (63)', () => {
  it('request: smbtorture, empty strings, NULL destination, 0 characters', () => {
    expectRequest(
      RpcAsyncUploadPrinterDriverPackage,
      Buffer.concat([
        SERVER,
        hex(`
        ${EMPTY} 0000                                       # pszInfPath "" and pad
        ${EMPTY} 0000                                       # pszEnvironment "" and pad
        00000000                                            # dwFlags 0
        00000000                                            # pszDestInfPath NULL
        00000000                                            # *pcchDestInfPath 0
        `),
      ]),
      {
        server: '\\\\127.0.0.93',
        infPath: '',
        environment: '',
        flags: 0,
        destInfPath: { buffer: undefined, cch: 0 },
      },
    );
  });
  it('request: smbtorture, a 260-character destination', () => {
    const bytes = Buffer.concat([
      SERVER,
      hex(`${EMPTY} 0000 ${EMPTY} 0000 00000000`),
      new Bytes().u32(0x20004).u32(260).raw(Buffer.alloc(520)).u32(260).build(),
    ]);
    expectRequest(
      RpcAsyncUploadPrinterDriverPackage,
      bytes,
      {
        server: '\\\\127.0.0.93',
        infPath: '',
        environment: '',
        flags: 0,
        destInfPath: { buffer: Buffer.alloc(520), cch: 260 },
      },
      // smbtorture's referent id is 0x00020004; ours starts at 0x00020000.
      { exact: false },
    );
  });
  it('response: the INF path in the 8-character buffer, its length, S_OK', () => {
    const units = Buffer.from('C:\\a.inf\0', 'utf16le').subarray(0, 16);
    expectResponse(
      RpcAsyncUploadPrinterDriverPackage,
      new Bytes().u32(0x20000).u32(8).raw(units).u32(9).u32(0).build(),
      { destInfPath: units, destInfPathSize: 9, status: 0 },
    );
  });
});

describe('RpcAsyncDeletePrinterDriverPackage (67)', () => {
  it('request: smbtorture, empty INF path and environment', () => {
    expectRequest(RpcAsyncDeletePrinterDriverPackage, Buffer.concat([SERVER, hex(`${EMPTY} 0000 ${EMPTY}`)]), {
      server: '\\\\127.0.0.93',
      infPath: '',
      environment: '',
    });
  });
  it('response: E_ACCESSDENIED', () => {
    expectResponse(RpcAsyncDeletePrinterDriverPackage, hex('05000780'), { status: 0x80070005 });
  });
});

describe('RpcAsyncInstallPrinterDriverFromPackage (62)', () => {
  it('request, built by hand: NULL server and INF path, a driver name, the environment, flags 0', () => {
    expectRequest(
      RpcAsyncInstallPrinterDriverFromPackage,
      new Bytes().u32(0).u32(0).ndrString('HP').pad(4).ndrString('Windows x64').pad(4).u32(0).build(),
      { driverName: 'HP', environment: 'Windows x64', flags: 0 },
    );
  });
  it('response: S_OK', () => {
    expectResponse(RpcAsyncInstallPrinterDriverFromPackage, hex('00000000'), { status: 0 });
  });
});
