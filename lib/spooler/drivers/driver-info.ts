/**
 * A driver's registry key (Environments\<env>\Drivers\Version-<n>\<name>, Windows' layout) read
 * into a DriverInfo. File values are bare names of files in PRINT$\<arch>\<version>\; they are
 * returned as full paths under `pathPrefix` and, in `files`, relative to PRINT$.
 */
import type { Logger } from '../../common/logger';
import { filetimeToDate } from '../../common/binary/filetime';
import { RegType, type RegValue } from '../../common/reg-value';
import { ENVIRONMENTS_KEY, type Registry, type RegistryKey } from '../../registry/registry-key';
import type { DriverFile, DriverInfo } from '../../spoolss/types';

/** The versions of a driver present for an environment, newest first. */
export function driverVersionsOf(
  registry: Registry,
  environment: string,
  driverName: string,
): { version: number; key: RegistryKey }[] {
  const drivers = registry.getKey(`${ENVIRONMENTS_KEY}\\${environment}\\Drivers`);
  const out: { version: number; key: RegistryKey }[] = [];
  for (const versionKey of drivers?.keys() ?? []) {
    const m = /^Version-(\d+)$/i.exec(versionKey.name);
    const key = driverName.length > 0 ? versionKey.getKey(driverName) : undefined;
    if (m?.[1] !== undefined && key && !driverName.includes('\\')) out.push({ version: Number(m[1]), key });
  }
  return out.sort((a, b) => b.version - a.version);
}

export interface DriverPathContext {
  /** PRINT$ subdirectory of the environment (`x64`). */
  readonly arch: string;
  /** `\\SERVER\print$` or `C:\Windows\System32\spool\DRIVERS`. */
  readonly pathPrefix: string;
  readonly logger: Logger;
}

const EPOCH = new Date(0);

/** A file value usable as a name inside the version directory: no separators, no `..`, no drive or stream. */
export function isPlainDriverFileName(name: string): boolean {
  return name.length > 0 && !/[\\/:*?"<>|\0]/.test(name) && name !== '.' && name !== '..';
}

export function readDriverInfo(
  key: RegistryKey,
  environment: string,
  version: number,
  ctx: DriverPathContext,
): DriverInfo {
  const files: DriverFile[] = [];
  const seen = new Set<string>();
  const rel = (name: string): string => `${ctx.arch}\\${version}\\${name}`;
  const full = (name: string): string => (name ? `${ctx.pathPrefix}\\${rel(name)}` : '');
  const addFile = (name: string, fileType: DriverFile['fileType']): string => {
    if (name.length === 0) return '';
    if (!isPlainDriverFileName(name)) {
      ctx.logger.warn('driver file value is not a plain file name: left out', { driver: key.name, file: name });
      return '';
    }
    if (!seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      files.push({ path: rel(name), fileType });
    }
    return full(name);
  };
  const driverPath = addFile(str(key, 'Driver'), 0);
  const configFile = addFile(str(key, 'Configuration File'), 1);
  const dataFile = addFile(str(key, 'Data File'), 2);
  const helpFile = addFile(str(key, 'Help File'), 3);
  const dependentFiles = multi(key, 'Dependent Files')
    .map((f) => addFile(f, 4))
    .filter((f) => f.length > 0);
  return {
    version: num(key.getValue('Version')) ?? version,
    name: key.name,
    environment,
    driverPath,
    dataFile,
    configFile,
    helpFile,
    dependentFiles,
    monitorName: str(key, 'Monitor'),
    defaultDataType: str(key, 'Datatype'),
    previousNames: multi(key, 'Previous Names'),
    driverDate: date(key.getValue('DriverDate')),
    driverVersion: qword(key.getValue('DriverVersion')),
    mfgName: str(key, 'Manufacturer'),
    oemUrl: str(key, 'OEM URL'),
    hardwareId: str(key, 'HardwareID'),
    provider: str(key, 'Provider'),
    printProcessor: str(key, 'Print Processor'),
    vendorSetup: str(key, 'VendorSetup'),
    colorProfiles: multi(key, 'ColorProfiles', 'Color Profiles'),
    infPath: str(key, 'InfPath'),
    printerDriverAttributes: num(key.getValue('PrinterDriverAttributes')) ?? 0,
    coreDriverDependencies: multi(key, 'CoreDependencies'),
    minInboxDriverVerDate: date(key.getValue('MinInboxDriverVerDate')),
    minInboxDriverVerVersion: qword(key.getValue('MinInboxDriverVerVersion')),
    files,
  };
}

function str(key: RegistryKey, name: string): string {
  const v = key.getValue(name);
  return v && typeof v.value === 'string' ? v.value : '';
}

/** A list value; `alias` is another name it has been written under (Samba writes `Color Profiles`). */
function multi(key: RegistryKey, name: string, alias?: string): string[] {
  const v = key.getValue(name) ?? (alias === undefined ? undefined : key.getValue(alias));
  if (!v) return [];
  if (v.type === RegType.REG_MULTI_SZ) return [...(v.value as readonly string[])];
  return typeof v.value === 'string' && v.value.length > 0 ? [v.value] : [];
}

function num(v: RegValue | undefined): number | undefined {
  return v && v.type === RegType.REG_DWORD ? (v.value as number) : undefined;
}

/**
 * DriverVersion: REG_QWORD, or REG_BINARY of 8 bytes as Windows writes it, or an INF-style
 * `w.x.y.z` string (DriverVer's form, what the JSON fixtures hold): w<<48 | x<<32 | y<<16 | z.
 */
function qword(v: RegValue | undefined): bigint {
  if (!v) return 0n;
  if (v.type === RegType.REG_QWORD) return v.value as bigint;
  if (Buffer.isBuffer(v.value) && v.value.length >= 8) return v.value.readBigUInt64LE(0);
  if (typeof v.value === 'string') {
    const parts = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(v.value.trim())?.slice(1).map(Number);
    if (parts?.every((n) => n <= 0xffff)) return parts.reduce((q, n) => (q << 16n) | BigInt(n), 0n);
  }
  return 0n;
}

/** DriverDate: an 8-byte FILETIME (REG_BINARY / REG_QWORD), or an INF-style `MM/DD/YYYY` string. */
function date(v: RegValue | undefined): Date {
  if (!v) return EPOCH;
  if (v.type === RegType.REG_QWORD) return filetimeToDate(v.value as bigint);
  if (Buffer.isBuffer(v.value) && v.value.length >= 8) return filetimeToDate(v.value.readBigUInt64LE(0));
  if (typeof v.value === 'string') {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.value.trim());
    if (m?.[1] && m[2] && m[3]) return new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])));
  }
  return EPOCH;
}
