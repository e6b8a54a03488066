/**
 * The driver package operations over the NTPRINT fixture's PrintServer (its PRINT$\<arch>\PCC
 * CABs), through the MS-RPRN interface (opnums 102, 104) and IRemoteWinspool (64-67, 62, 63):
 * requests encoded with the messages (checked against smbtorture's bytes in messages/), answers
 * read back field by field. Windows' answers are those smbtorture's printserver and
 * iremotewinspool suites expect of it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dateToFiletime } from '../../../../lib/common/binary/filetime';
import { createSilentLogger } from '../../../../lib/common/logger';
import { hresultFromWin32 } from '../../../../lib/common/status/hresult';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { DriverStore } from '../../../../lib/drivers/driver-store';
import type { NdrMessage } from '../../../../lib/rpc/ndr/ndr-message';
import { decodeResponseStub, encodeRequestStub } from '../../../../lib/rpc/ndr/ndr-message';
import { IREMOTEWINSPOOL_OBJECT_UUID, ParOpnum } from '../../../../lib/rpc/par/constants';
import { PAR_ONLY_MESSAGES as P } from '../../../../lib/rpc/par/messages';
import { PAR_FLAVOUR } from '../../../../lib/rpc/par/par-interface';
import { RPRN_MESSAGES as M } from '../../../../lib/rpc/rprn/messages';
import { RprnOpnum } from '../../../../lib/rpc/rprn/opnums';
import { driverInfoFromRecord, splClientInfo1Record } from '../../../../lib/rpc/rprn/client/info-records';
import { unpackFlat } from '../../../../lib/rpc/rprn/structures/flat-buffer';
import { DRIVER_INFO_LAYOUTS } from '../../../../lib/rpc/rprn/structures/info-layouts';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { createRprnInterface, RPRN_FLAVOUR, type RprnFlavour } from '../../../../lib/rpc/rprn/rprn-interface';
import { ModuleRegistry } from '../../../../lib/point-and-print/module-registry';
import { DEFAULT_FIXTURE_DIR, loadFixture } from '../../../../lib/spooler/fixture';
import { PrintServer } from '../../../../lib/spooler/print-server';
import type { CallerContext } from '../../../../lib/spoolss/types';
import { ADMIN, ALICE } from '../../../helpers/test-print-server';
import { packageInf, PACKAGE_ENVIRONMENTS, PACKAGE_DRIVER_NAME } from '../../../../scripts/driver-package-infs';

const UNIDRV = '{D20EA372-DD35-4950-9ED8-A6335AFE79F0}';
const XPSDRV = '{D20EA372-DD35-4950-9ED8-A6335AFE79F5}';
const E_INVALIDARG = hresultFromWin32(Win32ErrorCode.ERROR_INVALID_PARAMETER);
const E_ACCESSDENIED = hresultFromWin32(Win32ErrorCode.ERROR_ACCESS_DENIED);
const PKG_ID =
  /^C:\\Windows\\System32\\DriverStore\\FileRepository\\(hpcpkg|ntprint)\.inf_amd64_[0-9a-f]{16}\\\1\.inf$/;
const DRIVER_KEY = `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Environments\\Windows x64\\Drivers\\Version-3\\${PACKAGE_DRIVER_NAME}`;

let server: PrintServer;
let store: string;

beforeAll(async () => {
  const fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
  // A copy of the store with the package's INF where an administrator's tool uploads it from.
  store = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-pkg-ops-'));
  await fs.cp(fixture.driversRoot, store, { recursive: true });
  const x64 = PACKAGE_ENVIRONMENTS.find((e) => e.environment === 'Windows x64')!;
  await fs.mkdir(path.join(store, 'x64', 'upload'));
  await fs.writeFile(path.join(store, 'x64', 'upload', 'hpcpkg.inf'), Buffer.from(packageInf(x64), 'latin1'));
  server = await PrintServer.create({
    fixture,
    registry: fixture.registry,
    driverStore: await DriverStore.open(store),
    settings: fixture.settings,
    modules: ModuleRegistry.withBuiltins(),
    logger: createSilentLogger(),
  });
});
afterAll(async () => {
  await server.close();
  await fs.rm(store, { recursive: true, force: true });
});

async function call<Req, Res>(
  flavour: RprnFlavour,
  opnum: number,
  message: NdrMessage<Req, Res>,
  request: Req,
  caller: CallerContext = ALICE,
): Promise<Res> {
  const iface = createRprnInterface({ provider: server, serverName: 'NTPRINT', logger: createSilentLogger() }, flavour);
  const out = await iface.call(opnum, encodeRequestStub(message, request), {
    callId: 1,
    opnum,
    contextId: 0,
    caller: { ...caller, domain: 'NTPRINT', isGuest: false, isAnonymous: false },
    authLevel: 6,
    transport: flavour === PAR_FLAVOUR ? 'ncacn_ip_tcp' : 'ncacn_np',
    ...(flavour === PAR_FLAVOUR && { objectUuid: IREMOTEWINSPOOL_OBJECT_UUID }),
  });
  return decodeResponseStub(message, out);
}

const core = (guids: string[], environment = 'Windows x64', count = guids.length, flavour = RPRN_FLAVOUR) =>
  call(
    flavour,
    flavour === PAR_FLAVOUR ? ParOpnum.RpcAsyncGetCorePrinterDrivers : RprnOpnum.RpcGetCorePrinterDrivers,
    M.RpcGetCorePrinterDrivers,
    { server: '\\\\NTPRINT', environment, coreDriverDependencies: guids, count },
  );
const packagePath = (packageId: string, cch: number, server: string | null = '\\\\NTPRINT', flavour = RPRN_FLAVOUR) =>
  call(
    flavour,
    flavour === PAR_FLAVOUR ? ParOpnum.RpcAsyncGetPrinterDriverPackagePath : RprnOpnum.RpcGetPrinterDriverPackagePath,
    M.RpcGetPrinterDriverPackagePath,
    {
      ...(server !== null && { server }),
      environment: 'Windows x64',
      packageId,
      driverPackageCab: { buffer: cch === 0 ? undefined : Buffer.alloc(cch * 2), cch },
    },
  );
const text = (b: Buffer | undefined): string => (b ?? Buffer.alloc(0)).toString('utf16le').replace(/\0.*$/s, '');

describe('RpcGetPrinterDriver2 level 8 of HpColorPkg', () => {
  it('carries PRINTER_DRIVER_PACKAGE_AWARE, the core dependencies, the InfPath, the driver date and version', async () => {
    const iface = createRprnInterface({ provider: server, serverName: 'NTPRINT', logger: createSilentLogger() });
    const info = {
      callId: 1,
      opnum: 0,
      contextId: 0,
      caller: { ...ALICE, domain: 'NTPRINT', isGuest: false, isAnonymous: false },
      authLevel: 1,
      transport: 'ncacn_np' as const,
    };
    const opened = decodeResponseStub(
      M.RpcOpenPrinterEx,
      await iface.call(
        RprnOpnum.RpcOpenPrinterEx,
        encodeRequestStub(M.RpcOpenPrinterEx, {
          printerName: '\\\\NTPRINT\\HpColorPkg',
          accessRequired: AccessMask.PRINTER_ACCESS_USE,
          clientInfo: {
            level: 1,
            info: splClientInfo1Record({
              size: 28,
              machineName: 'PC',
              userName: 'alice',
              buildNum: 22631,
              majorVersion: 10,
              minorVersion: 0,
              processorArchitecture: 9,
            }),
          },
        }),
        info,
      ),
    );
    expect(opened.status).toBe(0);
    const get = async (cbBuf: number) =>
      decodeResponseStub(
        M.RpcGetPrinterDriver2,
        await iface.call(
          RprnOpnum.RpcGetPrinterDriver2,
          encodeRequestStub(M.RpcGetPrinterDriver2, {
            hPrinter: opened.handle,
            environment: 'Windows x64',
            level: 8,
            buffer: { buffer: cbBuf === 0 ? undefined : Buffer.alloc(cbBuf), cbBuf },
            clientMajorVersion: 3,
            clientMinorVersion: 0,
          }),
          info,
        ),
      );
    const probe = await get(0);
    const res = await get(probe.needed);
    expect(res.status).toBe(0);
    const [rec] = unpackFlat(DRIVER_INFO_LAYOUTS[8]!, res.buffer!, 1);
    const { driver } = driverInfoFromRecord(rec!);
    expect(driver.name).toBe(PACKAGE_DRIVER_NAME);
    expect(driver.printerDriverAttributes & 1).toBe(1);
    expect(driver.coreDriverDependencies).toEqual([UNIDRV]);
    expect(driver.infPath).toMatch(PKG_ID);
    expect(driver.driverDate.toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(driver.driverVersion).toBe((1n << 48n) | (3n << 32n));
    await iface.close();
  });
});

describe('RpcGetCorePrinterDrivers (102) and RpcAsyncGetCorePrinterDrivers (64)', () => {
  it('answers each GUID asked for, in order, with the package, date and version of its INF', async () => {
    for (const flavour of [RPRN_FLAVOUR, PAR_FLAVOUR]) {
      const res = await core([XPSDRV, UNIDRV], 'Windows x64', 3, flavour);
      expect(res.status).toBe(0);
      expect(res.corePrinterDrivers).toHaveLength(3);
      const [xps, uni, rest] = res.corePrinterDrivers;
      expect(xps?.coreDriverGuid).toBe(XPSDRV.slice(1, -1).toLowerCase());
      expect(uni?.coreDriverGuid).toBe(UNIDRV.slice(1, -1).toLowerCase());
      expect(uni?.packageId).toMatch(PKG_ID);
      expect(uni?.ftDriverDate).toBe(dateToFiletime(new Date(Date.UTC(2006, 5, 21))));
      expect(uni?.dwlDriverVersion).toBe((10n << 48n) | (20348n << 16n) | 1n);
      expect(rest).toEqual({
        coreDriverGuid: '00000000-0000-0000-0000-000000000000',
        ftDriverDate: 0n,
        dwlDriverVersion: 0n,
        packageId: '',
      });
    }
  });

  it('answers as Windows: E_INVALIDARG, ERROR_INVALID_ENVIRONMENT, ERROR_NOT_FOUND as HRESULTs', async () => {
    expect((await core([], 'foobar', 0)).status).toBe(E_INVALIDARG);
    expect((await core([XPSDRV], 'foobar', 0)).status).toBe(E_INVALIDARG);
    expect((await core([XPSDRV], 'foobar')).status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_INVALID_ENVIRONMENT));
    expect((await core(['{01234567-89AB-CDEF-0123-456789ABCDEF}'])).status).toBe(
      hresultFromWin32(Win32ErrorCode.ERROR_NOT_FOUND),
    );
    const failed = await core([XPSDRV, 'foo'], 'Windows x64', 2);
    expect(failed.status).toBe(E_INVALIDARG);
    expect(failed.corePrinterDrivers.every((r) => r.packageId === '')).toBe(true);
  });
});

describe('RpcGetPrinterDriverPackagePath (104) and RpcAsyncGetPrinterDriverPackagePath (66)', () => {
  it('the size probe: S_OK and the size, then ERROR_INSUFFICIENT_BUFFER below it, then the UNC path of the CAB', async () => {
    const id = (await core([UNIDRV])).corePrinterDrivers[0]!.packageId;
    for (const flavour of [RPRN_FLAVOUR, PAR_FLAVOUR]) {
      const probe = await packagePath(id, 0, '\\\\NTPRINT', flavour);
      expect(probe).toEqual({ requiredSize: expect.any(Number) as number, status: 0 });
      const small = await packagePath(id, probe.requiredSize - 1, '\\\\NTPRINT', flavour);
      expect(small.status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER));
      expect(small.requiredSize).toBe(probe.requiredSize);
      expect(small.driverPackageCab).toEqual(Buffer.alloc((probe.requiredSize - 1) * 2));
      const res = await packagePath(id, probe.requiredSize, '\\\\NTPRINT', flavour);
      expect(res.status).toBe(0);
      expect(text(res.driverPackageCab)).toMatch(
        /^\\\\NTPRINT\\print\$\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab$/,
      );
      expect(text(res.driverPackageCab)).toHaveLength(probe.requiredSize - 1);
    }
  });

  it('with no server name, the local path; an unknown package, ERROR_FILE_NOT_FOUND', async () => {
    const id = (await core([UNIDRV])).corePrinterDrivers[0]!.packageId;
    const local = await packagePath(id, 200, null); // a NULL pszServer
    expect(text(local.driverPackageCab)).toMatch(
      /^C:\\Windows\\System32\\spool\\drivers\\x64\\PCC\\ntprint\.inf_amd64_/,
    );
    expect((await packagePath('', 0)).status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_FILE_NOT_FOUND));
  });
});

describe('RpcAsyncCorePrinterDriverInstalled (65)', () => {
  const installed = async (guid: string, date: Date, version: bigint, environment = 'Windows x64') =>
    call(PAR_FLAVOUR, ParOpnum.RpcAsyncCorePrinterDriverInstalled, P.RpcAsyncCorePrinterDriverInstalled, {
      server: '\\\\NTPRINT',
      environment,
      coreDriverGuid: guid,
      driverDate: dateToFiletime(date),
      driverVersion: version,
    });
  const xps = XPSDRV.slice(1, -1).toLowerCase();
  it('answers 1 for the core driver at that date and version or older, 0 for a newer one or another GUID', async () => {
    expect(await installed(xps, new Date(0), 1234n)).toEqual({ driverInstalled: 1, status: 0 });
    expect(await installed(xps, new Date(Date.UTC(2006, 5, 21)), (10n << 48n) | (20348n << 16n) | 1n)).toEqual({
      driverInstalled: 1,
      status: 0,
    });
    expect(await installed(xps, new Date(Date.UTC(2006, 5, 21)), (10n << 48n) | (20348n << 16n) | 2n)).toEqual({
      driverInstalled: 0,
      status: 0,
    });
    expect(await installed(xps, new Date(), 0n)).toEqual({ driverInstalled: 0, status: 0 });
    expect(await installed('00000000-0000-0000-0000-000000000000', new Date(0), 0n)).toEqual({
      driverInstalled: 0,
      status: 0,
    });
    expect((await installed(xps, new Date(0), 0n, '')).status).toBe(
      hresultFromWin32(Win32ErrorCode.ERROR_INVALID_ENVIRONMENT),
    );
  });
});

describe('the package administration calls (62, 63, 67)', () => {
  const upload = (infPath: string, environment: string, cch: number, caller: CallerContext) =>
    call(
      PAR_FLAVOUR,
      ParOpnum.RpcAsyncUploadPrinterDriverPackage,
      P.RpcAsyncUploadPrinterDriverPackage,
      {
        server: '\\\\NTPRINT',
        infPath,
        environment,
        flags: 0,
        destInfPath: { buffer: cch === 0 ? undefined : Buffer.alloc(cch * 2), cch },
      },
      caller,
    );
  const install = (driverName: string, caller: CallerContext, infPath?: string) =>
    call(
      PAR_FLAVOUR,
      ParOpnum.RpcAsyncInstallPrinterDriverFromPackage,
      P.RpcAsyncInstallPrinterDriverFromPackage,
      {
        server: '\\\\NTPRINT',
        ...(infPath !== undefined && { infPath }),
        driverName,
        environment: 'Windows x64',
        flags: 0,
      },
      caller,
    );
  const remove = (infPath: string, environment: string, caller: CallerContext) =>
    call(
      PAR_FLAVOUR,
      ParOpnum.RpcAsyncDeletePrinterDriverPackage,
      P.RpcAsyncDeletePrinterDriverPackage,
      { server: '\\\\NTPRINT', infPath, environment },
      caller,
    );
  const inf = '\\\\NTPRINT\\print$\\x64\\upload\\hpcpkg.inf';

  it('check their arguments first, then refuse a user who is not an administrator with E_ACCESSDENIED', async () => {
    expect((await upload('', '', 0, ALICE)).status).toBe(E_INVALIDARG);
    expect((await upload('', '', 260, ALICE)).status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_INVALID_ENVIRONMENT));
    expect((await upload(inf, 'Windows x64', 260, ALICE)).status).toBe(E_ACCESSDENIED);
    expect((await install(PACKAGE_DRIVER_NAME, ALICE)).status).toBe(E_ACCESSDENIED);
    expect((await remove('', '', ALICE)).status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_NOT_FOUND));
    expect((await remove('x', '', ALICE)).status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_INVALID_ENVIRONMENT));
    expect((await remove('x', 'Windows x64', ALICE)).status).toBe(E_ACCESSDENIED);
  });

  it('an administrator uploads a package the store holds and gets its INF path in the driver store', async () => {
    expect((await upload('', 'Windows x64', 260, ADMIN)).status).toBe(
      hresultFromWin32(Win32ErrorCode.ERROR_FILE_NOT_FOUND),
    );
    expect(
      (await upload('\\\\mthelena\\print$\\x64\\{BD443844}\\prnbrcl1.inf', 'Windows x64', 260, ADMIN)).status,
    ).toBe(hresultFromWin32(Win32ErrorCode.ERROR_FILE_NOT_FOUND));
    const res = await upload(inf, 'Windows x64', 260, ADMIN);
    expect(res.status).toBe(0);
    expect(text(res.destInfPath)).toMatch(PKG_ID);
    expect(text(res.destInfPath)).toContain('hpcpkg.inf_amd64_');
    expect(res.destInfPathSize).toBe(text(res.destInfPath).length + 1);
    const small = await upload(inf, 'Windows x64', 10, ADMIN);
    expect(small).toMatchObject({
      status: hresultFromWin32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER),
      destInfPathSize: res.destInfPathSize,
    });
  });

  it('an administrator installs the package-aware driver from its package: the registry entry Windows writes', async () => {
    expect((await install(PACKAGE_DRIVER_NAME, ADMIN)).status).toBe(0); // already installed
    expect(server.registry.deleteKey(DRIVER_KEY)).toBe(true);
    expect((await install('No Such Driver', ADMIN)).status).toBe(hresultFromWin32(Win32ErrorCode.ERROR_FILE_NOT_FOUND));
    expect((await install(PACKAGE_DRIVER_NAME, ADMIN)).status).toBe(0);
    const key = server.registry.getKey(DRIVER_KEY)!;
    expect(key.getValue('PrinterDriverAttributes')?.value).toBe(1);
    expect(key.getValue('InfPath')?.value).toMatch(PKG_ID);
    expect(key.getValue('CoreDependencies')?.value).toEqual([UNIDRV]);
    expect(key.getValue('Data File')?.value).toBe('HPCPKG.GPD');
    expect(key.getValue('Driver')?.value).toMatch(/^UNIDRV\.DLL$/i);
  });

  it('an administrator may not delete the system core package nor one in use', async () => {
    const [xps] = (await core([XPSDRV])).corePrinterDrivers;
    expect((await remove(xps!.packageId, 'Windows x64', ADMIN)).status).toBe(E_ACCESSDENIED);
    const hpc = text((await upload(inf, 'Windows x64', 260, ADMIN)).destInfPath);
    expect((await remove(hpc, 'Windows x64', ADMIN)).status).toBe(
      hresultFromWin32(Win32ErrorCode.ERROR_PRINTER_DRIVER_PACKAGE_IN_USE),
    );
  });

  it('the PAR-only opnums are not on \\pipe\\spoolss', () => {
    expect(RPRN_FLAVOUR.opnums.message(ParOpnum.RpcAsyncCorePrinterDriverInstalled)).not.toBe(
      P.RpcAsyncCorePrinterDriverInstalled,
    );
    expect(RPRN_FLAVOUR.opnums.opnum(P.RpcAsyncUploadPrinterDriverPackage)).toBeUndefined();
  });
});
