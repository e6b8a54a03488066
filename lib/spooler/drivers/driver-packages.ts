/**
 * Driver packages: the spooler's side of Package Point and Print ([MS-PRSOD] 3.1) and of the
 * package administration calls of MS-PAR. The packages are the CABs in `PRINT$\<arch>\PCC`
 * (docs/drivers-store.md), read by the DriverPackageCatalog:
 *
 *   GetCorePrinterDrivers ([MS-RPRN] 3.1.4.4.9)        the core drivers of an environment
 *   GetPrinterDriverPackagePath (3.1.4.4.10)           the CAB of a package ID
 *   CorePrinterDriverInstalled ([MS-PAR] 3.1.4.2.10)   a core driver at a date and version, or newer
 *   UploadPrinterDriverPackage (3.1.4.2.8)             administrators: a package into the store
 *   InstallPrinterDriverFromPackage (3.1.4.2.7)        administrators: a driver from a package
 *   DeletePrinterDriverPackage (3.1.4.2.12)            administrators: a package out of the store
 *
 * Arguments are checked before access, in the order smbtorture's iremotewinspool tests saw
 * Windows check them; a caller who is not an administrator then gets ERROR_ACCESS_DENIED.
 *
 * The system's core driver packages (those defining core drivers, ntprint.inf on Windows) are
 * not deleted even for an administrator (E_ACCESSDENIED, what smbtorture saw Windows answer).
 *
 * DEVIATION: the drivers store is read-only (as for AddPrinterDriverEx, drivers.ts). An upload
 * succeeds for a package the store already holds (its package ID comes back), a delete never
 * removes a CAB, and an install registers a driver whose files are already in `<arch>\3`; what
 * would need a write to the store is ERROR_NOT_SUPPORTED.
 */
import { dateToFiletime } from '../../common/binary/filetime';
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { RegType, regDword, regSz } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { normalizeCoreDriverGuid } from '../../drivers/core-drivers';
import {
  infHash,
  packageArchitecture,
  packageFolderName,
  PrinterDirId,
  PrinterDriverAttribute,
} from '../../drivers/driver-package';
import { DriverPackageCatalog, type CatalogPackage } from '../../drivers/driver-package-catalog';
import type { DriverStore } from '../../drivers/driver-store';
import { findModel, resolvePackageDriver } from '../../drivers/package-driver';
import { ENVIRONMENTS_KEY, type Registry } from '../../registry/registry-key';
import { DRIVERS_SHARE } from '../../spoolss/constants';
import type { CallerContext, CorePrinterDriver, DriverInfo } from '../../spoolss/types';
import { checkServerName } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import type { Drivers } from './drivers';

/** Driver version 3: what a package installs here (user-mode drivers). */
const PACKAGE_DRIVER_VERSION = 3;
/** The largest INF an upload reads (Windows' own INFs stay far below it). */
const MAX_UPLOAD_INF_BYTES = 4 * 1024 * 1024;

export interface DriverPackagesOptions {
  readonly registry: Registry;
  readonly driverStore: DriverStore;
  readonly settings: PrintServerSettings;
  readonly drivers: Drivers;
  readonly logger: Logger;
}

export class DriverPackages {
  readonly catalog: DriverPackageCatalog;

  constructor(private readonly o: DriverPackagesOptions) {
    this.catalog = new DriverPackageCatalog(o.driverStore, { logger: o.logger });
  }

  getCorePrinterDrivers(
    serverName: string | undefined,
    environment: string,
    guids: readonly string[],
  ): Promise<CorePrinterDriver[]> {
    checkServerName(serverName, this.o.settings);
    return this.catalog.getCorePrinterDrivers(environment, guids);
  }

  getPrinterDriverPackagePath(serverName: string | undefined, environment: string, packageId: string): Promise<string> {
    const server = checkServerName(serverName, this.o.settings);
    // The share path, named as the caller named the server; with no server name, the server's own
    // local path, remote caller or not (smbtorture's printserver test saw Windows answer a NULL
    // pszServer with a path too long for the UNC path's buffer).
    return this.catalog.getPrinterDriverPackagePath(
      environment,
      packageId,
      serverName === undefined ? undefined : server,
    );
  }

  async corePrinterDriverInstalled(
    serverName: string | undefined,
    environment: string,
    coreDriverGuid: string,
    driverDate: Date,
    driverVersion: bigint,
  ): Promise<boolean> {
    checkServerName(serverName, this.o.settings);
    const packages = await this.catalog.packages(environment);
    const guid = normalizeCoreDriverGuid(coreDriverGuid) ?? normalizeCoreDriverGuid(`{${coreDriverGuid}}`);
    if (guid === undefined) return false;
    const ver = this.catalog.corePackage(packages, guid)?.inf?.driverVer;
    if (!ver) return false;
    // "The driver, or a newer version of the driver": newer by date, then by version.
    const have = dateToFiletime(ver.date ?? new Date(0));
    const asked = dateToFiletime(driverDate);
    return have > asked || (have === asked && ver.versionQword >= driverVersion);
  }

  async uploadPrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
    caller: CallerContext,
  ): Promise<string> {
    const server = checkServerName(serverName, this.o.settings);
    const packages = await this.catalog.packages(environment);
    this.requireAdministrator(caller, 'UploadPrinterDriverPackage');
    const relative = this.storePath(infPath, server);
    const entry = relative === undefined ? undefined : await this.o.driverStore.resolve(relative);
    if (!entry || entry.isDirectory)
      throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no INF at "${infPath}" on this server`);
    if (entry.size > MAX_UPLOAD_INF_BYTES)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_DATA, `"${infPath}" is ${entry.size} bytes: not an INF`);
    const bytes = await this.o.driverStore.read(entry, 0, entry.size);
    const arch = packageArchitecture(environment);
    const folder = arch === undefined ? undefined : packageFolderName(entry.name, arch, infHash(bytes));
    const pkg = packages.find((p) => p.folder.folder.toLowerCase() === folder?.toLowerCase());
    if (pkg) {
      this.o.logger.info('UploadPrinterDriverPackage: already in the driver store', {
        inf: infPath,
        id: pkg.packageId,
      });
      return pkg.packageId;
    }
    throw new Win32Error(
      Win32ErrorCode.ERROR_NOT_SUPPORTED,
      `the drivers store is read-only: "${infPath}" is not a package it holds`,
    );
  }

  async installPrinterDriverFromPackage(
    serverName: string | undefined,
    infPath: string | undefined,
    driverName: string,
    environment: string,
    caller: CallerContext,
  ): Promise<void> {
    checkServerName(serverName, this.o.settings);
    const packages = await this.catalog.packages(environment);
    this.requireAdministrator(caller, 'InstallPrinterDriverFromPackage');
    const pkg =
      infPath !== undefined && infPath !== ''
        ? await this.catalog.findPackage(environment, infPath)
        : packages.find((p) => p.inf !== undefined && findModel(p.inf, driverName) !== undefined);
    if (!pkg?.inf) throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no driver package "${infPath ?? ''}"`);
    const resolved = resolvePackageDriver(pkg.inf, driverName, (g) => this.catalog.corePackage(packages, g)?.inf);
    if (!resolved)
      throw new Win32Error(
        Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER,
        `${pkg.inf.infName} defines no "${driverName}"`,
      );
    const env = this.o.drivers.checkEnvironment(environment);
    if (this.o.registry.getKey(this.driverKey(env, driverName))) {
      this.o.logger.info('InstallPrinterDriverFromPackage: already installed', {
        driver: driverName,
        environment: env,
      });
      return;
    }
    const inBinDir = resolved.files.filter((f) => f.dirId === PrinterDirId.PRINTER_DRIVER_DIRECTORY && !f.subdir);
    const named = [resolved.driverFile, resolved.dataFile, resolved.configFile, resolved.helpFile];
    const driver: DriverInfo = packageDriverInfo(driverName, env, pkg, resolved.driverFile ?? '', {
      dataFile: resolved.dataFile ?? '',
      configFile: resolved.configFile ?? '',
      helpFile: resolved.helpFile ?? '',
      dependentFiles: inBinDir.map((f) => f.name).filter((n) => !named.includes(n)),
    });
    // Checks that the files are in PRINT$\<arch>\3 and writes the driver's registry entry.
    await this.o.drivers.addPrinterDriver(serverName, driver, 0, caller);
    const key = this.o.registry.getKey(this.driverKey(env, driverName));
    if (!key) throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER, driverName);
    const ver = pkg.inf.driverVer;
    key.setValue(
      regDword(
        'PrinterDriverAttributes',
        pkg.inf.packageAware ? PrinterDriverAttribute.PRINTER_DRIVER_PACKAGE_AWARE : 0,
      ),
    );
    key.setValue(regSz('InfPath', pkg.packageId));
    key.setValue({ name: 'CoreDependencies', type: RegType.REG_MULTI_SZ, value: [...pkg.inf.coreDriverDependencies] });
    key.setValue({ name: 'DriverDate', type: RegType.REG_QWORD, value: dateToFiletime(ver?.date ?? new Date(0)) });
    key.setValue({ name: 'DriverVersion', type: RegType.REG_QWORD, value: ver?.versionQword ?? 0n });
    this.o.logger.info('InstallPrinterDriverFromPackage', {
      driver: driverName,
      environment: env,
      package: pkg.packageId,
    });
  }

  async deletePrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
    caller: CallerContext,
  ): Promise<void> {
    checkServerName(serverName, this.o.settings);
    if (infPath === '') throw new Win32Error(Win32ErrorCode.ERROR_NOT_FOUND, 'no package named');
    await this.catalog.packages(environment);
    this.requireAdministrator(caller, 'DeletePrinterDriverPackage');
    const pkg = await this.catalog.findPackage(environment, infPath);
    if (!pkg) throw new Win32Error(Win32ErrorCode.ERROR_NOT_FOUND, `no driver package "${infPath}"`);
    // The core driver packages are the system's (ntprint.inf on Windows): smbtorture's
    // AsyncDeletePrintDriverPackage saw Windows refuse the XPSDRV package with E_ACCESSDENIED.
    if ((pkg.inf?.coreDrivers.length ?? 0) > 0)
      throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, `${pkg.packageId} holds core drivers: a system package`);
    const user = this.userOf(pkg, environment);
    if (user !== undefined)
      throw new Win32Error(
        Win32ErrorCode.ERROR_PRINTER_DRIVER_PACKAGE_IN_USE,
        `${pkg.packageId} is in use by "${user}"`,
      );
    throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, `the drivers store is read-only: ${pkg.packageId} stays`);
  }

  /** An installed driver that comes from the package (its InfPath). */
  private userOf(pkg: CatalogPackage, environment: string): string | undefined {
    const env = this.o.drivers.checkEnvironment(environment);
    for (const versionKey of this.o.registry.getKey(`${ENVIRONMENTS_KEY}\\${env}\\Drivers`)?.keys() ?? []) {
      for (const driverKey of versionKey.keys()) {
        const inf = driverKey.getValue('InfPath')?.value;
        if (typeof inf === 'string' && inf.toLowerCase() === pkg.packageId.toLowerCase()) return driverKey.name;
      }
    }
    return undefined;
  }

  /** The store path of an INF named on this server's PRINT$ (`\\SERVER\print$\x64\...`). */
  private storePath(infPath: string, server: string): string | undefined {
    const m = /^\\\\([^\\]+)\\([^\\]+)\\(.+)$/.exec(infPath);
    if (!m?.[1] || !m[2] || !m[3]) return undefined;
    if (m[2].toLowerCase() !== DRIVERS_SHARE.toLowerCase()) return undefined;
    if (m[1].toLowerCase() === server.toLowerCase()) return m[3];
    try {
      checkServerName(`\\\\${m[1]}`, this.o.settings);
      return m[3];
    } catch {
      return undefined;
    }
  }

  private driverKey(env: string, driverName: string): string {
    return `${ENVIRONMENTS_KEY}\\${env}\\Drivers\\Version-${PACKAGE_DRIVER_VERSION}\\${driverName}`;
  }

  private requireAdministrator(caller: CallerContext, call: string): void {
    if (!caller.isAdministrator)
      throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, `${call}: ${caller.userName} is not an administrator`);
  }
}

function packageDriverInfo(
  name: string,
  environment: string,
  pkg: CatalogPackage,
  driverPath: string,
  files: Pick<DriverInfo, 'dataFile' | 'configFile' | 'helpFile' | 'dependentFiles'>,
): DriverInfo {
  const ver = pkg.inf?.driverVer;
  return {
    version: PACKAGE_DRIVER_VERSION,
    name,
    environment,
    driverPath,
    ...files,
    monitorName: '',
    defaultDataType: 'RAW',
    previousNames: [],
    driverDate: ver?.date ?? new Date(0),
    driverVersion: ver?.versionQword ?? 0n,
    mfgName: '',
    oemUrl: '',
    hardwareId: '',
    provider: pkg.inf?.provider ?? '',
    printProcessor: '',
    vendorSetup: '',
    colorProfiles: [],
    infPath: pkg.packageId,
    printerDriverAttributes: 0,
    coreDriverDependencies: [],
    minInboxDriverVerDate: new Date(0),
    minInboxDriverVerVersion: 0n,
    files: [],
  };
}
