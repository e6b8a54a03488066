/**
 * RpcGetCorePrinterDrivers (opnum 102, [MS-RPRN] 3.1.4.4.9) and RpcGetPrinterDriverPackagePath
 * (opnum 104, 3.1.4.4.10). Requests: smbtorture 4.17 (rpc.spoolss.printserver
 * get_core_printer_drivers / get_printer_driver_package_path, Samba's NDR) captured at our server
 * on loopback; responses built by hand from the IDL with the test byte builder.
 */
import { RpcFaultError } from '../../../../../lib/common/errors';
import { RpcGetCorePrinterDrivers } from '../../../../../lib/rpc/rprn/messages/get-core-printer-drivers';
import { RpcGetPrinterDriverPackagePath } from '../../../../../lib/rpc/rprn/messages/get-printer-driver-package-path';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { Bytes, guidBytes, hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

const XPSDRV = 'd20ea372-dd35-4950-9ed8-a6335afe79f5';
const SERVER = hex(`
  00000200                                                  # pszServer: referent id
  0d000000 00000000 0d000000                                # max 13, offset 0, actual 13
  5c005c00 31003200 37002e00 30002e00 30002e00 39003300 0000 # "\\\\127.0.0.93" and its NUL
  0000                                                      # pad to 4
`);

describe('RpcGetCorePrinterDrivers', () => {
  it('request: smbtorture, "Windows NT x86", one GUID (XPSDRV), an array of one', () => {
    expectRequest(
      RpcGetCorePrinterDrivers,
      Buffer.concat([
        SERVER,
        hex(`
        0f000000 00000000 0f000000                          # pszEnvironment: max 15, offset 0, actual 15
        57006900 6e006400 6f007700 73002000 4e005400 20007800 38003600 0000   # "Windows NT x86\\0"
        0000                                                # pad
        28000000                                            # cchCoreDrivers 40
        28000000                                            # pszzCoreDriverDependencies: max_count 40
        7b004400 32003000 45004100 33003700 32002d00 44004400 33003500 2d003400
        39003500 30002d00 39004500 44003800 2d004100 36003300 33003500 41004600
        45003700 39004600 35007d00 00000000                 # "{D20EA372-...79F5}\\0\\0"
        01000000                                            # cCorePrinterDrivers 1
        `),
      ]),
      {
        server: '\\\\127.0.0.93',
        environment: 'Windows NT x86',
        coreDriverDependencies: ['{D20EA372-DD35-4950-9ED8-A6335AFE79F5}'],
        count: 1,
      },
    );
  });

  it('response: one CORE_PRINTER_DRIVER, 8-aligned after max_count, szPackageID in 260 characters', () => {
    const packageId =
      'C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint.inf_amd64_0123456789abcdef\\ntprint.inf';
    const id = Buffer.alloc(520);
    Buffer.from(packageId, 'utf16le').copy(id);
    const bytes = new Bytes()
      .u32(1) // max_count 1
      .u32(0) // pad to 8 for the DWORDLONG-aligned structure
      .raw(guidBytes(XPSDRV)) // CoreDriverGUID
      .u32(0x5a7c0000) // ftDriverDate low
      .u32(0x01c694d8) // ftDriverDate high
      .u64(0x000a000000004e20n) // dwlDriverVersion 10.0.0.20000
      .raw(id) // szPackageID[260]
      .u32(0) // S_OK
      .build();
    expect(bytes.length).toBe(4 + 4 + 552 + 4);
    expectResponse(RpcGetCorePrinterDrivers, bytes, {
      corePrinterDrivers: [
        {
          coreDriverGuid: XPSDRV,
          ftDriverDate: 0x01c694d85a7c0000n,
          dwlDriverVersion: 0x000a000000004e20n,
          packageId,
        },
      ],
      status: 0,
    });
  });

  it('response: E_INVALIDARG with an empty array (no pad after a zero max_count)', () => {
    expectResponse(RpcGetCorePrinterDrivers, hex('00000000 57000780'), { corePrinterDrivers: [], status: 0x80070057 });
  });

  it('a conformance that disagrees with cchCoreDrivers is nca_s_fault_ndr', () => {
    const stub = Buffer.concat([
      SERVER,
      new Bytes().ndrString('Windows x64').pad(4).u32(4).u32(3).utf16z('ab').pad(4).u32(1).build(),
    ]);
    expect(() => decodeRequestStub(RpcGetCorePrinterDrivers, stub)).toThrow(RpcFaultError);
  });

  it('a max_count larger than the stub is refused before anything is read', () => {
    const stub = Buffer.concat([
      SERVER,
      new Bytes().ndrString('Windows x64').pad(4).u32(0x7fffffff).u32(0x7fffffff).build(),
    ]);
    expect(() => decodeRequestStub(RpcGetCorePrinterDrivers, stub)).toThrow(/max_count/);
  });
});

describe('RpcGetPrinterDriverPackagePath', () => {
  it('request: smbtorture, the size probe (empty package ID, NULL buffer, 0 characters)', () => {
    expectRequest(
      RpcGetPrinterDriverPackagePath,
      Buffer.concat([
        SERVER,
        hex(`
        0f000000 00000000 0f000000                          # pszEnvironment: max 15, offset 0, actual 15
        57006900 6e006400 6f007700 73002000 4e005400 20007800 38003600 0000   # "Windows NT x86\\0"
        0000                                                # pad
        00000000                                            # pszLanguage NULL
        01000000 00000000 01000000 0000                     # pszPackageID ""
        0000                                                # pad
        00000000                                            # pszDriverPackageCab NULL
        00000000                                            # cchDriverPackageCab 0
        `),
      ]),
      {
        server: '\\\\127.0.0.93',
        environment: 'Windows NT x86',
        packageId: '',
        driverPackageCab: { buffer: undefined, cch: 0 },
      },
    );
  });

  it('request, built by hand: no server name, a 4-character buffer', () => {
    expectRequest(
      RpcGetPrinterDriverPackagePath,
      hex(`
      00000000                                              # pszServer NULL
      0c000000 00000000 0c000000                            # pszEnvironment: max 12, offset 0, actual 12
      57006900 6e006400 6f007700 73002000 78003600 34000000 # "Windows x64\\0"
      00000000                                              # pszLanguage NULL
      02000000 00000000 02000000 41000000                   # pszPackageID "A"
      00000200                                              # pszDriverPackageCab: referent id
      04000000 00000000 00000000                            # max_count 4, 4 characters (8 bytes)
      04000000                                              # cchDriverPackageCab 4
      `),
      {
        environment: 'Windows x64',
        packageId: 'A',
        driverPackageCab: { buffer: Buffer.alloc(8), cch: 4 },
      },
    );
  });

  it('response: the path in the caller-sized buffer, pcchRequiredSize, S_OK', () => {
    const path = '\\\\NTPRINT\\print$\\x64\\PCC\\a.cab';
    const units = Buffer.alloc(2 * 40);
    Buffer.from(`${path}\0`, 'utf16le').copy(units);
    const bytes = new Bytes()
      .u32(0x20000)
      .u32(40)
      .raw(units)
      .u32(path.length + 1)
      .u32(0)
      .build();
    expectResponse(RpcGetPrinterDriverPackagePath, bytes, {
      driverPackageCab: units,
      requiredSize: path.length + 1,
      status: 0,
    });
  });

  it('response to the probe: NULL buffer, the size needed, S_OK', () => {
    expectResponse(RpcGetPrinterDriverPackagePath, hex('00000000 42000000 00000000'), {
      requiredSize: 66,
      status: 0,
    });
  });

  it('a buffer whose max_count disagrees with cchDriverPackageCab is nca_s_fault_ndr', () => {
    const stub = new Bytes()
      .u32(0)
      .ndrString('Windows x64')
      .pad(4)
      .u32(0)
      .ndrString('A')
      .pad(4)
      .u32(0x20000)
      .u32(2)
      .u32(0)
      .u32(3)
      .build();
    expect(() => decodeRequestStub(RpcGetPrinterDriverPackagePath, stub)).toThrow(RpcFaultError);
  });
});
