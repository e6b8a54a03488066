/**
 * The driver package rules (PK001–PK009, PK012; ./rules.ts) for each driver of the input's
 * registry (`Environments\<env>\Drivers\Version-<n>\<driver>`) that is package-aware or names
 * an InfPath, in the environments validated:
 *
 * - the package: InfPath must name a folder of the driver store, served as
 *   `PRINT$\<arch>\PCC\<folder>.cab` (docs/drivers-store.md); the CAB must open
 *   (lib/drivers/cabinet-reader: names, limits, checksums) and hold the INF the folder is named after;
 * - the INF must be without problems and name the driver; every file its sections name (its own,
 *   and its core drivers' from the server's core packages) must be in the CABs;
 * - the INF's DriverFile/DataFile/ConfigFile/HelpFile and files must match the registry entry's,
 *   and the bytes those of PRINT$\<arch>\<version>, which legacy clients get;
 * - PRINTER_DRIVER_PACKAGE_AWARE must agree with PackageAware, CoreDependencies with the INF's
 *   CoreDriverDependencies, and every core driver must be one the server has.
 *
 * The resolved packages are returned, for the queue checks (./package-copyfiles-checks.ts).
 */
import { createHash } from 'node:crypto';
import { CabinetError } from '../drivers/cabinet-format';
import { handleCabinetSource } from '../drivers/cabinet-source';
import { normalizeCoreDriverGuid } from '../drivers/core-drivers';
import { DriverPackageCatalog, type CatalogPackage } from '../drivers/driver-package-catalog';
import { isPackageAware, packageCabStorePath, packageFolderOfId, PrinterDirId } from '../drivers/driver-package';
import type { DriverStore } from '../drivers/driver-store';
import { InfError } from '../drivers/inf-parser';
import { readPackageContents, type PackageContents } from '../drivers/package-contents';
import { resolvePackageDriver, type ResolvedDriver } from '../drivers/package-driver';
import { MalformedPacketError } from '../common/errors';
import { ENVIRONMENTS_KEY, type Registry, type RegistryKey } from '../registry/registry-key';
import { readDriverInfo } from '../spooler/drivers/driver-info';
import { environmentDirectory } from '../spoolss/constants';
import type { DriverInfo } from '../spoolss/types';
import type { KeyFinding, ValidateOptions } from './findings';
import { PACKAGE_RULES, type PackageRuleId } from './rules';
import type { ValidationInput } from './validation-input';

/** A package-aware driver whose package was read, for the queue checks. */
export interface ResolvedPackageDriver {
  readonly environment: string;
  readonly driver: DriverInfo;
  readonly resolved: ResolvedDriver;
}

type Report = (finding: KeyFinding) => void;

export async function checkDriverPackages(
  input: ValidationInput,
  options: ValidateOptions,
  report: Report,
): Promise<ResolvedPackageDriver[]> {
  const out: ResolvedPackageDriver[] = [];
  const catalog = input.driverStore && new DriverPackageCatalog(input.driverStore, { logger: options.logger });
  for (const environment of options.environments) {
    for (const { key, version } of driverKeys(input.registry, environment)) {
      const arch = environmentDirectory(environment) ?? '';
      const driver = readDriverInfo(key, environment, version, { arch, pathPrefix: '', logger: options.logger });
      if (!isPackageAware(driver.printerDriverAttributes) && driver.infPath === '') continue;
      const at = { key: `Drivers\\Version-${version}\\${driver.name}`, keyPath: key.path, environment };
      const finding = (rule: PackageRuleId, message: string, valueName?: string): void =>
        report({
          ...at,
          rule,
          severity: PACKAGE_RULES[rule].severity,
          message,
          ...(valueName !== undefined && { valueName }),
        });
      const resolved = await checkDriver(input.driverStore, catalog, environment, driver, finding);
      if (resolved) out.push({ environment, driver, resolved });
    }
  }
  return out;
}

type Finding = (rule: PackageRuleId, message: string, valueName?: string) => void;

async function checkDriver(
  store: DriverStore | undefined,
  catalog: DriverPackageCatalog | undefined,
  environment: string,
  driver: DriverInfo,
  finding: Finding,
): Promise<ResolvedDriver | undefined> {
  const aware = isPackageAware(driver.printerDriverAttributes);
  const folder = packageFolderOfId(driver.infPath);
  if (!folder) {
    if (aware)
      finding(
        'PK002',
        driver.infPath === ''
          ? `"${driver.name}" is package-aware (PrinterDriverAttributes 0x${driver.printerDriverAttributes.toString(16)}) but has no InfPath: clients get no package`
          : `InfPath "${driver.infPath}" names no driver store package folder (<inf>_<arch>_<hash>)`,
        'InfPath',
      );
    return undefined;
  }
  if (!store || !catalog) return undefined;
  const cabPath = packageCabStorePath(environment, folder.folder) ?? '';
  const entry = await store.resolve(cabPath).catch(() => undefined);
  if (!entry || entry.isDirectory) {
    if (aware)
      finding('PK002', `"${driver.name}" is package-aware but PRINT$\\${cabPath} is not in the store`, 'InfPath');
    return undefined;
  }
  let contents: PackageContents;
  const source = handleCabinetSource(await store.openFile(entry), entry.size);
  try {
    contents = await readPackageContents(source, environment);
  } catch (err) {
    if (err instanceof CabinetError || err instanceof InfError || err instanceof MalformedPacketError) {
      finding('PK001', `PRINT$\\${entry.path}: ${err.message}`, 'InfPath');
      return undefined;
    }
    throw err;
  } finally {
    await source.close();
  }
  const inf = contents.infs.find((i) => i.infName.toLowerCase() === folder.infName.toLowerCase());
  if (!inf) {
    finding('PK003', `PRINT$\\${entry.path} holds no ${folder.infName}`, 'InfPath');
    return undefined;
  }
  if (inf.packageAware !== aware) {
    finding(
      'PK007',
      aware
        ? `the registry marks "${driver.name}" package-aware but ${inf.infName} has no PackageAware=TRUE`
        : `${inf.infName} is a package-aware package but PrinterDriverAttributes lacks PRINTER_DRIVER_PACKAGE_AWARE: clients copy the files one by one`,
      'PrinterDriverAttributes',
    );
  }
  const packages = await catalog.packages(environment);
  const coreOf = (guid: string): CatalogPackage | undefined => catalog.corePackage(packages, guid);
  const resolved = resolvePackageDriver(inf, driver.name, (g) => coreOf(g)?.inf);
  if (!resolved) {
    finding('PK003', `${inf.infName} does not name "${driver.name}" for ${environment}`, 'InfPath');
    return undefined;
  }
  for (const p of [...new Set(resolved.problems)]) finding('PK012', p, 'InfPath');
  checkCoreDependencies(driver, inf.coreDriverDependencies, resolved, (g) => coreOf(g) !== undefined, finding);
  checkFilesPresent(resolved, contents, coreOf, finding);
  checkRegistryFiles(driver, resolved, finding);
  await checkBytes(store, environment, driver, resolved, contents, coreOf, finding);
  return resolved;
}

function checkCoreDependencies(
  driver: DriverInfo,
  infDependencies: readonly string[],
  resolved: ResolvedDriver,
  serverHas: (guid: string) => boolean,
  finding: Finding,
): void {
  const registry = new Set(driver.coreDriverDependencies.map((g) => normalizeCoreDriverGuid(g) ?? g));
  const inf = new Set(infDependencies);
  const used = new Set(resolved.install.coreDriverSections.map((r) => r.guid));
  const list = (s: Set<string>): string => (s.size > 0 ? [...s].join(', ') : 'none');
  if ([...registry].some((g) => !inf.has(g)) || [...inf].some((g) => !registry.has(g)))
    finding(
      'PK008',
      `CoreDependencies (${list(registry)}) differ from the INF's CoreDriverDependencies (${list(inf)})`,
      'CoreDependencies',
    );
  for (const g of used) {
    if (!registry.has(g))
      finding('PK008', `CoreDriverSections name ${g}, which CoreDependencies does not list`, 'CoreDependencies');
  }
  for (const g of new Set([...registry, ...used])) {
    if (!serverHas(g))
      finding(
        'PK008',
        `no package in PRINT$\\<arch>\\PCC defines the core driver ${g}: clients cannot get it`,
        'CoreDependencies',
      );
  }
}

function checkFilesPresent(
  resolved: ResolvedDriver,
  own: PackageContents,
  coreOf: (guid: string) => CatalogPackage | undefined,
  finding: Finding,
): void {
  for (const f of resolved.files) {
    const contents = f.coreDriver !== undefined ? coreOf(f.coreDriver)?.contents : own;
    if (contents && !contents.files.has(f.source.toUpperCase()))
      finding('PK004', `${f.infName} names ${f.source}, which its CAB lacks`);
  }
}

function checkRegistryFiles(driver: DriverInfo, resolved: ResolvedDriver, finding: Finding): void {
  const base = (p: string): string => p.split('\\').pop() ?? '';
  const same = (a: string | undefined, b: string): boolean => (a ?? '').toUpperCase() === b.toUpperCase();
  const pairs: [string, string, string | undefined][] = [
    ['Driver', base(driver.driverPath), resolved.driverFile],
    ['Data File', base(driver.dataFile), resolved.dataFile],
    ['Configuration File', base(driver.configFile), resolved.configFile],
    ['Help File', base(driver.helpFile), resolved.helpFile],
  ];
  for (const [value, registry, inf] of pairs) {
    if (!same(inf, registry))
      finding('PK005', `${value} is "${registry}" in the registry, "${inf ?? ''}" in the INF`, value);
  }
  const installed = resolved.files.filter((f) => f.dirId === PrinterDirId.PRINTER_DRIVER_DIRECTORY);
  for (const dep of driver.dependentFiles.map(base)) {
    if (!installed.some((f) => same(f.name, dep)))
      finding('PK005', `Dependent File ${dep} is not installed by the package`, 'Dependent Files');
  }
  const listed = driver.files.map((f) => base(f.path));
  for (const f of installed) {
    if (!listed.some((name) => same(f.name, name)))
      finding('PK006', `the package installs ${f.name}, which the registry entry does not list`, 'Dependent Files');
  }
}

async function checkBytes(
  store: DriverStore,
  environment: string,
  driver: DriverInfo,
  resolved: ResolvedDriver,
  own: PackageContents,
  coreOf: (guid: string) => CatalogPackage | undefined,
  finding: Finding,
): Promise<void> {
  const dir = environmentDirectory(environment);
  for (const f of resolved.files.filter((x) => x.dirId === PrinterDirId.PRINTER_DRIVER_DIRECTORY)) {
    const contents = f.coreDriver !== undefined ? coreOf(f.coreDriver)?.contents : own;
    const inCab = contents?.files.get(f.source.toUpperCase());
    const legacy = await store.resolve(`${dir}\\${driver.version}\\${f.name}`).catch(() => undefined);
    if (!inCab || !legacy || legacy.isDirectory) continue;
    if ((await sha256Of(store, legacy)) !== inCab.sha256)
      finding('PK009', `${f.name} in ${f.infName}'s package differs from PRINT$\\${legacy.path}`);
  }
}

async function sha256Of(store: DriverStore, entry: Parameters<DriverStore['createReadStream']>[0]): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of store.createReadStream(entry)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function driverKeys(registry: Registry, environment: string): { key: RegistryKey; version: number }[] {
  const drivers = registry.getKey(`${ENVIRONMENTS_KEY}\\${environment}\\Drivers`);
  const out: { key: RegistryKey; version: number }[] = [];
  for (const versionKey of drivers?.keys() ?? []) {
    const m = /^Version-(\d+)$/i.exec(versionKey.name);
    if (m?.[1] !== undefined) for (const key of versionKey.keys()) out.push({ key, version: Number(m[1]) });
  }
  return out;
}
