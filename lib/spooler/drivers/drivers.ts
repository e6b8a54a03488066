/**
 * Drivers: the printer drivers the registry lists per environment and version
 * (`...\Control\Print\Environments\<env>\Drivers\Version-<n>\<driver>`), their files in the
 * drivers store behind PRINT$: EnumPrinterDrivers, GetPrinterDriver2 (the newest version a client
 * can use), GetPrinterDriverDirectory and AddPrinterDriverEx. A remote caller gets file paths on
 * the share (`\\NTPRINT\print$\x64\3\unidrv.dll`, what Samba returns; Windows' own form for
 * remote callers is undocumented), a local one the spooler's own folder.
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { DriverStore } from '../../drivers/driver-store';
import { ENVIRONMENTS_KEY, type Registry, type RegistryKey } from '../../registry/registry-key';
import { DRIVERS_SHARE, environmentDirectory } from '../../spoolss/constants';
import type { CallerContext, DriverInfo, GetPrinterDriverResult, PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import { checkServerName } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import type { PrinterTable } from '../printers/printer-table';
import { readSz } from '../registry-values';
import { deletePrinterDriverKeys } from './delete-printer-driver';
import { installDriverFiles } from './driver-files';
import { driverVersionsOf, readDriverInfo } from './driver-info';
import { writeDriverKey } from './driver-key';

const LOCAL_DRIVERS_DIR = 'C:\\Windows\\System32\\spool\\DRIVERS';

export interface DriversOptions {
  readonly registry: Registry;
  readonly driverStore: DriverStore;
  readonly settings: PrintServerSettings;
  readonly handles: PrinterHandles;
  readonly printers: PrinterTable;
  readonly logger: Logger;
}

export class Drivers {
  constructor(private readonly o: DriversOptions) {}

  /** The environments the registry knows (`Windows x64`, `Windows NT x86`, ...). */
  environments(): string[] {
    return (this.o.registry.getKey(ENVIRONMENTS_KEY)?.keys() ?? []).map((k) => k.name);
  }

  /** The environment in the registry's spelling; ERROR_INVALID_ENVIRONMENT for one Windows does not have. */
  checkEnvironment(environment: string): string {
    if (environmentDirectory(environment) === undefined) {
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_ENVIRONMENT, `unknown environment "${environment}"`);
    }
    const known = this.environments().find((e) => e.toLowerCase() === environment.toLowerCase());
    return known ?? environment;
  }

  /** The versions of a driver installed in any environment (none: the driver is unknown). */
  versionsOf(driverName: string): number[] {
    return this.environments().flatMap((env) =>
      driverVersionsOf(this.o.registry, env, driverName).map((v) => v.version),
    );
  }

  enumPrinterDrivers(serverName: string | undefined, environment: string, caller: CallerContext): DriverInfo[] {
    const server = checkServerName(serverName, this.o.settings);
    const envs =
      environment === '' || environment.toLowerCase() === 'all'
        ? this.environments()
        : [this.checkEnvironment(environment)];
    const out: DriverInfo[] = [];
    for (const env of envs) {
      const driversKey = this.o.registry.getKey(`${ENVIRONMENTS_KEY}\\${env}\\Drivers`);
      for (const versionKey of driversKey?.keys() ?? []) {
        const version = /^Version-(\d+)$/i.exec(versionKey.name)?.[1];
        if (version === undefined) continue;
        for (const driverKey of versionKey.keys()) {
          out.push(this.driverInfo(driverKey, env, Number(version), server, caller.remote));
        }
      }
    }
    return out;
  }

  getPrinterDriver(handle: PrinterHandle, environment: string, clientMajorVersion: number): GetPrinterDriverResult {
    const state = this.o.handles.state(handle);
    if (handle.kind !== 'printer')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'GetPrinterDriver needs a printer handle');
    const env = this.checkEnvironment(environment);
    const key = this.o.printers.require(handle.printerName ?? '');
    const driverName = readSz(key, 'Printer Driver') ?? '';
    const versions = driverVersionsOf(this.o.registry, env, driverName);
    if (versions.length === 0) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER,
        `no "${driverName}" driver for ${env} on ${this.o.settings.serverName}`,
      );
    }
    // The newest version the client can use; a client that names no version takes the newest.
    const usable =
      clientMajorVersion > 0 ? versions.filter((v) => v.version <= Math.max(clientMajorVersion, 3)) : versions;
    const chosen = usable[0] ?? versions[0];
    if (!chosen) throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER, driverName);
    const driver = this.driverInfo(chosen.key, env, chosen.version, handle.serverName, state.caller.remote);
    const all = versions.map((v) => v.version);
    return { driver, serverMaxVersion: Math.max(...all), serverMinVersion: Math.min(...all) };
  }

  getPrinterDriverDirectory(serverName: string | undefined, environment: string, caller: CallerContext): string {
    const server = checkServerName(serverName, this.o.settings);
    const env = this.checkEnvironment(environment);
    const dir = environmentDirectory(env) ?? '';
    // Samba's answer: the share path for a remote caller, the local path otherwise.
    return caller.remote ? `\\\\${server}\\${DRIVERS_SHARE.toLowerCase()}\\${dir}` : `${LOCAL_DRIVERS_DIR}\\${dir}`;
  }

  /** DeletePrinterDriver(Ex) (delete-printer-driver.ts), logged. */
  deletePrinterDriver(
    serverName: string | undefined,
    environment: string,
    driverName: string,
    deleteFlags: number,
    version: number,
    caller: CallerContext,
  ): void {
    checkServerName(serverName, this.o.settings);
    const env = this.checkEnvironment(environment);
    const req = { environment: env, driverName, deleteFlags, version };
    const removed = deletePrinterDriverKeys(this.o.registry, this.o.printers, req, caller);
    this.o.logger.info('DeletePrinterDriver', {
      driver: driverName,
      environment: env,
      versions: removed,
      user: caller.userName,
    });
  }

  /**
   * AddPrinterDriverEx: installs the files an admin tool uploaded to PRINT$ into
   * `<arch>\<version>\` (driver-files.ts), then registers the driver. Without a state folder the
   * store is read-only and the files must already be in the version directory.
   */
  async addPrinterDriver(
    serverName: string | undefined,
    driver: DriverInfo,
    fileCopyFlags: number,
    caller: CallerContext,
  ): Promise<void> {
    checkServerName(serverName, this.o.settings);
    if (!caller.isAdministrator) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_ACCESS_DENIED,
        `AddPrinterDriver: ${caller.userName} is not an administrator`,
      );
    }
    const env = this.checkEnvironment(driver.environment);
    const arch = environmentDirectory(env) ?? '';
    if (driver.name.length === 0 || driver.name.includes('\\')) {
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `bad driver name "${driver.name}"`);
    }
    const version = driver.version;
    const files = [driver.driverPath, driver.dataFile, driver.configFile, driver.helpFile, ...driver.dependentFiles];
    const outcomes = await installDriverFiles(this.o.driverStore, { arch, version, files, fileCopyFlags }).catch(
      (err: unknown) => {
        if (err instanceof Win32Error) throw err;
        this.o.logger.warn('AddPrinterDriver: the driver files could not be installed', { error: String(err) });
        throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, `driver files: ${String(err)}`, { cause: err });
      },
    );
    const key = this.o.registry.createKey(`${ENVIRONMENTS_KEY}\\${env}\\Drivers\\Version-${version}\\${driver.name}`);
    writeDriverKey(key, driver, version);
    this.o.logger.info('AddPrinterDriver', {
      driver: driver.name,
      environment: env,
      version,
      flags: fileCopyFlags,
      files: outcomes.map((o) => `${o.name} (${o.action} from ${o.from})`),
    });
  }

  private driverInfo(key: RegistryKey, env: string, version: number, server: string, remote: boolean): DriverInfo {
    const arch = environmentDirectory(env) ?? '';
    const base = remote ? `\\\\${server}\\${DRIVERS_SHARE.toLowerCase()}` : LOCAL_DRIVERS_DIR;
    return readDriverInfo(key, env, version, { arch, pathPrefix: base, logger: this.o.logger });
  }
}
