import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Win32Error } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { CoreDriverGuid } from '../../../lib/drivers/core-drivers';
import { DriverPackageCatalog } from '../../../lib/drivers/driver-package-catalog';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { findPackageRoot } from '../../../lib/spooler/fixture';
import { buildCab } from '../../helpers/cab-builder';

const STORE = path.join(findPackageRoot(), 'drivers-store');

async function win32(promise: Promise<unknown>): Promise<number> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Win32Error);
  return (err as Win32Error).win32;
}

describe('DriverPackageCatalog over the sample drivers store', () => {
  let catalog: DriverPackageCatalog;
  beforeAll(async () => {
    catalog = new DriverPackageCatalog(await DriverStore.open(STORE), { logger: createSilentLogger() });
  });

  it('answers GetCorePrinterDrivers for XPSDRV and Unidrv on x86 and x64, as smbtorture asks', async () => {
    for (const [env, arch] of [
      ['Windows NT x86', 'x86'],
      ['Windows x64', 'amd64'],
    ] as const) {
      const [xps, unidrv] = await catalog.getCorePrinterDrivers(env, [
        CoreDriverGuid.XPSDRV.toLowerCase(),
        CoreDriverGuid.UNIDRV,
      ]);
      expect(xps).toEqual({
        coreDriverGuid: CoreDriverGuid.XPSDRV,
        driverDate: new Date(Date.UTC(2006, 5, 21)),
        driverVersion: (10n << 48n) | (0n << 32n) | (20348n << 16n) | 1n,
        packageId: expect.stringMatching(
          new RegExp(
            `^C:\\\\Windows\\\\System32\\\\DriverStore\\\\FileRepository\\\\ntprint\\.inf_${arch}_[0-9a-f]{16}\\\\ntprint\\.inf$`,
          ),
        ) as string,
      });
      expect(unidrv?.packageId).toBe(xps?.packageId);
    }
  });

  it('answers what Windows answers to bad GetCorePrinterDrivers calls', async () => {
    expect(await win32(catalog.getCorePrinterDrivers('foobar', []))).toBe(Win32ErrorCode.ERROR_INVALID_PARAMETER);
    expect(await win32(catalog.getCorePrinterDrivers('foobar', [CoreDriverGuid.UNIDRV]))).toBe(
      Win32ErrorCode.ERROR_INVALID_ENVIRONMENT,
    );
    expect(await win32(catalog.getCorePrinterDrivers('Windows x64', ['{01234567-89AB-CDEF-0123-456789ABCDEF}']))).toBe(
      Win32ErrorCode.ERROR_NOT_FOUND,
    );
    expect(await win32(catalog.getCorePrinterDrivers('Windows x64', ['UNIDRV']))).toBe(
      Win32ErrorCode.ERROR_INVALID_PARAMETER,
    );
  });

  it('gives the CAB of a package ID, on PRINT$ for a caller naming the server, local otherwise', async () => {
    const [core] = await catalog.getCorePrinterDrivers('Windows x64', [CoreDriverGuid.UNIDRV]);
    const unc = await catalog.getPrinterDriverPackagePath('Windows x64', core!.packageId, '\\\\NTPRINT');
    expect(unc).toMatch(/^\\\\NTPRINT\\print\$\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab$/);
    await fs.access(path.join(STORE, 'x64', 'PCC', unc.split('\\').pop()!));
    const local = await catalog.getPrinterDriverPackagePath('Windows x64', core!.packageId, undefined);
    expect(local).toMatch(/^C:\\Windows\\System32\\spool\\drivers\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab$/);
    expect(local.length).toBeGreaterThan(unc.length);
    expect(await win32(catalog.getPrinterDriverPackagePath('foobar', '', 'NTPRINT'))).toBe(
      Win32ErrorCode.ERROR_INVALID_ENVIRONMENT,
    );
    expect(await win32(catalog.getPrinterDriverPackagePath('Windows x64', '', 'NTPRINT'))).toBe(
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
    // The x64 package is not the x86 one.
    expect(await win32(catalog.getPrinterDriverPackagePath('Windows NT x86', core!.packageId, 'NTPRINT'))).toBe(
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
  });
});

describe('DriverPackageCatalog over a store with a broken CAB', () => {
  it('leaves the unreadable CAB out and says so, and sees a replaced CAB', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-catalog-'));
    const pcc = path.join(root, 'x64', 'PCC');
    await fs.mkdir(pcc, { recursive: true });
    const cab = path.join(pcc, 'broken.inf_amd64_0123456789abcdef.cab');
    await fs.writeFile(cab, buildCab([{ name: '..\\broken.inf', data: Buffer.from('[Version]') }]));
    const warnings: string[] = [];
    const logger = createSilentLogger();
    logger.warn = ((message: string) => {
      warnings.push(message);
      return logger;
    }) as typeof logger.warn;
    const catalog = new DriverPackageCatalog(await DriverStore.open(root), { logger });
    expect(await catalog.packages('Windows x64')).toEqual([]);
    expect(warnings).toEqual(['driver package CAB unreadable: left out']);

    const inf = '[Version]\r\nDriverVer=01/01/2024,1.0.0.0\r\n[Manufacturer]\r\nM=M,NTamd64\r\n[M.NTamd64]\r\n';
    await fs.writeFile(cab, buildCab([{ name: 'broken.inf', data: Buffer.from(inf) }]));
    await fs.utimes(cab, new Date(), new Date(Date.now() + 5000));
    const [pkg] = await catalog.packages('Windows x64');
    expect(pkg?.packageId).toBe(
      'C:\\Windows\\System32\\DriverStore\\FileRepository\\broken.inf_amd64_0123456789abcdef\\broken.inf',
    );
    await fs.rm(root, { recursive: true });
  });
});
