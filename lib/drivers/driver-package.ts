/**
 * Driver packages as Windows names and places them:
 *
 * - the driver store: `%SystemRoot%\System32\DriverStore\FileRepository\<inf>_<arch>_<hash>\`,
 *   one folder per package, named after its INF, the INF's architecture and a hash;
 * - a driver's InfPath ([MS-RPRN] 2.2.1.5.6 pInfPath: "the installation configuration file in the
 *   driver store") is the INF inside that folder; the package ID of [MS-RPRN] 3.1.4.4.10 is that
 *   path (smbtorture passes GetCorePrinterDrivers' szPackageID on as an INF path);
 * - the CAB a print server serves for a package: `print$\<arch>\PCC\<inf>_<arch>_<hash>.cab`,
 *   as a Windows 7 client's event 600 quotes a 2008 R2 server's path and as Samba's
 *   print_driver_directories_init prepares (docs/drivers-store.md).
 *
 * DEVIATION: Windows' folder hash is derived from the package's signature; ours is the first 16
 * hex digits of the SHA-256 of the INF's bytes, the same on server and client for the same INF.
 */
import { createHash } from 'node:crypto';
import { Environment, environmentDirectory } from '../spoolss/constants';

/** dwPrinterDriverAttributes of DRIVER_INFO_8 — [MS-RPRN] 2.2.1.5.6; the registry's PrinterDriverAttributes. */
export const PrinterDriverAttribute = {
  PRINTER_DRIVER_PACKAGE_AWARE: 0x00000001,
  PRINTER_DRIVER_XPS: 0x00000002,
  PRINTER_DRIVER_SANDBOX_ENABLED: 0x00000004,
  PRINTER_DRIVER_CLASS: 0x00000008,
  PRINTER_DRIVER_DERIVED: 0x00000010,
  PRINTER_DRIVER_NOT_SHAREABLE: 0x00000020,
} as const;

export function isPackageAware(printerDriverAttributes: number): boolean {
  return (printerDriverAttributes & PrinterDriverAttribute.PRINTER_DRIVER_PACKAGE_AWARE) !== 0;
}

/** INF DIRIDs a printer driver package uses (the DestinationDirs of "Printer INF File Sections"). */
export const PrinterDirId = {
  /** The printer driver directory: spool\drivers\<arch>\3 (GetPrinterDriverDirectory). */
  PRINTER_DRIVER_DIRECTORY: 66000,
  /** The print processor directory (GetPrintProcessorDirectory). */
  PRINT_PROCESSOR_DIRECTORY: 66001,
  /** System32 (print monitors, language monitors). */
  PRINTER_SYSTEM_DIRECTORY: 66002,
  /** The colour directory: spool\drivers\color (GetColorDirectory). */
  COLOR_DIRECTORY: 66003,
} as const;

/** The folder of the print server's PRINT$ tree that holds package CABs, per architecture. */
export const PACKAGE_CAB_DIRECTORY = 'PCC';
export const DRIVER_STORE_REPOSITORY = 'System32\\DriverStore\\FileRepository';
export const DEFAULT_SERVER_SYSTEM_ROOT = 'C:\\Windows';

/** The architecture part of package folder names, and the INF decoration of its models. */
const PACKAGE_ARCHITECTURES: Readonly<Record<string, { readonly arch: string; readonly decoration: string }>> = {
  [Environment.WINDOWS_X64.toLowerCase()]: { arch: 'amd64', decoration: 'NTamd64' },
  [Environment.WINDOWS_NT_X86.toLowerCase()]: { arch: 'x86', decoration: 'NTx86' },
  [Environment.WINDOWS_ARM64.toLowerCase()]: { arch: 'arm64', decoration: 'NTarm64' },
  [Environment.WINDOWS_IA64.toLowerCase()]: { arch: 'ia64', decoration: 'NTia64' },
};

export function packageArchitecture(environment: string): string | undefined {
  return PACKAGE_ARCHITECTURES[environment.toLowerCase()]?.arch;
}

/** `NTamd64` for Windows x64: the suffix of an INF's models and install sections. */
export function infDecoration(environment: string): string | undefined {
  return PACKAGE_ARCHITECTURES[environment.toLowerCase()]?.decoration;
}

export interface PackageFolderName {
  /** `hpcpkg.inf`. */
  readonly infName: string;
  /** `amd64`. */
  readonly arch: string;
  readonly hash: string;
  /** `hpcpkg.inf_amd64_0123456789abcdef`. */
  readonly folder: string;
}

const FOLDER_PATTERN = /^([^\\/:*?"<>|]+\.inf)_([a-z0-9]+)_([0-9a-f]{16})$/i;

export function packageFolderName(infName: string, arch: string, hash: string): string {
  return `${infName.toLowerCase()}_${arch}_${hash.toLowerCase()}`;
}

export function parsePackageFolderName(folder: string): PackageFolderName | undefined {
  const m = FOLDER_PATTERN.exec(folder);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { infName: m[1], arch: m[2], hash: m[3], folder };
}

/** The folder hash of an INF (see the DEVIATION above). */
export function infHash(infBytes: Buffer): string {
  return createHash('sha256').update(infBytes).digest('hex').slice(0, 16);
}

/** `C:\Windows\System32\DriverStore\FileRepository\<folder>\<inf>`: a driver's InfPath, a package ID. */
export function driverStoreInfPath(folder: string, infName: string, systemRoot = DEFAULT_SERVER_SYSTEM_ROOT): string {
  return `${systemRoot}\\${DRIVER_STORE_REPOSITORY}\\${folder}\\${infName}`;
}

/**
 * The package folder a package ID (an InfPath) names: its last directory component, when that is
 * a package folder name. A bare folder name is accepted too.
 */
export function packageFolderOfId(packageId: string): PackageFolderName | undefined {
  const parts = packageId.split(/[\\/]+/).filter((p) => p.length > 0);
  const last = parts[parts.length - 1];
  if (last === undefined) return undefined;
  if (/\.inf$/i.test(last) && parts.length >= 2) {
    const folder = parsePackageFolderName(parts[parts.length - 2] ?? '');
    return folder && folder.infName.toLowerCase() === last.toLowerCase() ? folder : undefined;
  }
  return parsePackageFolderName(last);
}

/** `x64\PCC\<folder>.cab`, relative to PRINT$; undefined for an environment without a directory. */
export function packageCabStorePath(environment: string, folder: string): string | undefined {
  const dir = environmentDirectory(environment);
  return dir === undefined ? undefined : `${dir}\\${PACKAGE_CAB_DIRECTORY}\\${folder}.cab`;
}
