/**
 * The print server's driver packages, as a Windows server offers them to Package Point and
 * Print clients: the CABs in `PRINT$\<arch>\PCC\` (docs/drivers-store.md), each read once
 * (package-contents.ts) and re-read when its size or time changes. From them it answers the
 * two calls of the package sequence ([MS-PRSOD] 3.1):
 *
 * - RpcGetCorePrinterDrivers ([MS-RPRN] 3.1.4.4.9): the core drivers are the models named by a
 *   GUID in the packages' INFs (as ntprint.inf defines Unidrv); each comes with the INF's
 *   DriverVer date and version and its package ID, the INF's path in the driver store;
 * - RpcGetPrinterDriverPackagePath (3.1.4.4.10): the CAB of a package ID.
 *
 * Errors are those smbtorture's printserver tests (written against Windows) expect, as Win32Error:
 * ERROR_INVALID_ENVIRONMENT, ERROR_INVALID_PARAMETER, ERROR_NOT_FOUND, ERROR_FILE_NOT_FOUND.
 * The spooler's implementation of both calls is meant to delegate here.
 */
import { Win32Error } from '../common/errors';
import type { Logger } from '../common/logger';
import { Win32ErrorCode } from '../common/status/win32-error';
import { environmentDirectory } from '../spoolss/constants';
import type { CorePrinterDriver } from '../spoolss/types';
import { DEFAULT_CABINET_LIMITS, type CabinetLimits } from './cabinet-reader';
import { handleCabinetSource } from './cabinet-source';
import { normalizeCoreDriverGuid } from './core-drivers';
import {
  DEFAULT_SERVER_SYSTEM_ROOT,
  driverStoreInfPath,
  PACKAGE_CAB_DIRECTORY,
  packageArchitecture,
  packageFolderOfId,
  parsePackageFolderName,
  type PackageFolderName,
} from './driver-package';
import type { DriverPackageInf } from './driver-package-inf';
import type { DriverStore, DriverStoreEntry } from './driver-store';
import { readPackageContents, type PackageContents } from './package-contents';

/** How many CABs one environment's PCC folder may hold before the rest are ignored. */
const MAX_PACKAGES = 512;

export interface CatalogPackage {
  readonly folder: PackageFolderName;
  /** Relative to PRINT$: `x64\PCC\hpcpkg.inf_amd64_....cab`. */
  readonly cabPath: string;
  readonly contents: PackageContents;
  /** The package's INF (the one the folder is named after). */
  readonly inf: DriverPackageInf | undefined;
  /** The INF's path in the server's driver store: the package ID. */
  readonly packageId: string;
}

interface Cached {
  readonly signature: string;
  readonly pkg: CatalogPackage | undefined;
}

export interface DriverPackageCatalogOptions {
  readonly logger: Logger;
  readonly limits?: CabinetLimits;
  /** The server's %SystemRoot%, for package IDs and local paths. */
  readonly systemRoot?: string;
}

export class DriverPackageCatalog {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly store: DriverStore,
    private readonly options: DriverPackageCatalogOptions,
  ) {}

  /** The packages of an environment; ERROR_INVALID_ENVIRONMENT for one the server does not know. */
  async packages(environment: string): Promise<CatalogPackage[]> {
    const dir = environmentDirectory(environment);
    const arch = packageArchitecture(environment);
    if (dir === undefined || arch === undefined)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_ENVIRONMENT, `unknown environment "${environment}"`);
    const pcc = `${dir}\\${PACKAGE_CAB_DIRECTORY}`;
    const folder = await this.store.resolve(pcc);
    if (!folder?.isDirectory) return [];
    const out: CatalogPackage[] = [];
    for (const entry of (await this.store.list(pcc)).slice(0, MAX_PACKAGES)) {
      if (entry.isDirectory || !/\.cab$/i.test(entry.name)) continue;
      const name = parsePackageFolderName(entry.name.slice(0, -4));
      if (!name || name.arch.toLowerCase() !== arch) continue;
      const pkg = await this.load(entry, name, environment);
      if (pkg) out.push(pkg);
    }
    return out;
  }

  async getCorePrinterDrivers(environment: string, coreDriverGuids: readonly string[]): Promise<CorePrinterDriver[]> {
    // Checked before the environment: Windows answers E_INVALIDARG to none asked for in "foobar".
    if (coreDriverGuids.length === 0)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'no core driver GUIDs asked for');
    const packages = await this.packages(environment);
    return coreDriverGuids.map((text) => {
      const guid = normalizeCoreDriverGuid(text);
      if (!guid) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `"${text}" is not a core driver GUID`);
      const found = this.findCoreDriver(packages, guid);
      if (!found) throw new Win32Error(Win32ErrorCode.ERROR_NOT_FOUND, `no core driver ${guid} for ${environment}`);
      return found;
    });
  }

  /** The CAB of a package: `\\SERVER\print$\...` when `serverName` is given, else the local path. */
  async getPrinterDriverPackagePath(
    environment: string,
    packageId: string,
    serverName: string | undefined,
  ): Promise<string> {
    const pkg = await this.findPackage(environment, packageId);
    if (!pkg) throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no driver package "${packageId}"`);
    const root = this.options.systemRoot ?? DEFAULT_SERVER_SYSTEM_ROOT;
    return serverName !== undefined && serverName !== ''
      ? `\\\\${serverName.replace(/^\\+/, '')}\\print$\\${pkg.cabPath}`
      : `${root}\\System32\\spool\\drivers\\${pkg.cabPath}`;
  }

  async findPackage(environment: string, packageId: string): Promise<CatalogPackage | undefined> {
    const packages = await this.packages(environment);
    const wanted = packageFolderOfId(packageId);
    if (!wanted) return undefined;
    return packages.find((p) => p.folder.folder.toLowerCase() === wanted.folder.toLowerCase());
  }

  /** The package whose INF defines `guid` as a core driver, newest DriverVer first. */
  corePackage(packages: readonly CatalogPackage[], guid: string): CatalogPackage | undefined {
    const defining = packages.filter((p) => p.inf?.coreDrivers.some((c) => c.guid === guid));
    return defining.sort((a, b) => compareVersions(b.inf, a.inf))[0];
  }

  private findCoreDriver(packages: readonly CatalogPackage[], guid: string): CorePrinterDriver | undefined {
    const pkg = this.corePackage(packages, guid);
    if (!pkg?.inf) return undefined;
    return {
      coreDriverGuid: guid,
      driverDate: pkg.inf.driverVer?.date ?? new Date(0),
      driverVersion: pkg.inf.driverVer?.versionQword ?? 0n,
      packageId: pkg.packageId,
    };
  }

  private async load(
    entry: DriverStoreEntry,
    folder: PackageFolderName,
    environment: string,
  ): Promise<CatalogPackage | undefined> {
    const signature = `${environment}|${entry.size}|${entry.mtime.getTime()}`;
    const cached = this.cache.get(entry.realPath);
    if (cached?.signature === signature) return cached.pkg;
    let pkg: CatalogPackage | undefined;
    const handle = await this.store.openFile(entry);
    const source = handleCabinetSource(handle, entry.size);
    try {
      const contents = await readPackageContents(source, environment, this.options.limits ?? DEFAULT_CABINET_LIMITS);
      const inf = contents.infs.find((i) => i.infName.toLowerCase() === folder.infName.toLowerCase());
      if (!inf) this.options.logger.warn('driver package without its INF', { cab: entry.path, inf: folder.infName });
      const infName = inf?.infName ?? folder.infName;
      const packageId = driverStoreInfPath(folder.folder, infName, this.options.systemRoot);
      pkg = { folder, cabPath: entry.path, contents, inf, packageId };
    } catch (err) {
      // One unreadable CAB does not hide the others; the validator says what is wrong with it.
      this.options.logger.warn('driver package CAB unreadable: left out', { cab: entry.path, err: String(err) });
    } finally {
      await source.close();
    }
    this.cache.set(entry.realPath, { signature, pkg });
    return pkg;
  }
}

function compareVersions(a: DriverPackageInf | undefined, b: DriverPackageInf | undefined): number {
  const av = a?.driverVer?.versionQword ?? 0n;
  const bv = b?.driverVer?.versionQword ?? 0n;
  if (av !== bv) return av < bv ? -1 : 1;
  return (a?.driverVer?.date?.getTime() ?? 0) - (b?.driverVer?.date?.getTime() ?? 0);
}
