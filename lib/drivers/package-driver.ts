/**
 * One driver of a package, resolved to the files it installs: its model's install section, the
 * files of its CopyFiles, and those of the core driver sections it names (CoreDriverSections,
 * "Package-Aware Print Drivers that Share Files"), looked up in the packages that define those
 * core drivers (for Unidrv, ntprint.inf's `"{D20EA372-...F0}" = ...` model). The driver's own
 * DriverFile/DataFile/ConfigFile/HelpFile win over a core section's.
 */
import type { DriverPackageInf, InfInstall, InfModel, PackageFile } from './driver-package-inf';

/** The package that defines a core driver GUID, or undefined when none is known. */
export type CoreDriverLookup = (guid: string) => DriverPackageInf | undefined;

export interface ResolvedDriverFile extends PackageFile {
  /** The INF whose section lists the file (its package holds it). */
  readonly infName: string;
  /** Set for a file of a core driver section. */
  readonly coreDriver?: string;
}

export interface ResolvedDriver {
  readonly model: InfModel;
  readonly install: InfInstall;
  readonly files: readonly ResolvedDriverFile[];
  readonly driverFile?: string;
  readonly dataFile?: string;
  readonly configFile?: string;
  readonly helpFile?: string;
  /** Core drivers the sections name that no known package defines. */
  readonly missingCoreDrivers: readonly string[];
  readonly problems: readonly string[];
}

export function findModel(pkg: DriverPackageInf, driverName: string): InfModel | undefined {
  return pkg.models.find((m) => m.name.toUpperCase() === driverName.toUpperCase());
}

export function resolvePackageDriver(
  pkg: DriverPackageInf,
  driverName: string,
  core: CoreDriverLookup,
): ResolvedDriver | undefined {
  const model = findModel(pkg, driverName);
  if (!model) return undefined;
  const install = pkg.install(model.installSection);
  const problems: string[] = [...pkg.problems, ...install.problems];
  const files = new Map<string, ResolvedDriverFile>();
  const add = (f: PackageFile, infName: string, coreDriver?: string): void => {
    const key = `${f.dirId}\\${f.subdir ?? ''}\\${f.name}`.toUpperCase();
    if (!files.has(key)) files.set(key, { ...f, infName, ...(coreDriver !== undefined && { coreDriver }) });
  };
  for (const f of install.files) add(f, pkg.infName);
  let named: Pick<InfInstall, 'driverFile' | 'dataFile' | 'configFile' | 'helpFile'> = {};
  const missingCoreDrivers: string[] = [];
  for (const ref of install.coreDriverSections) {
    const corePkg = core(ref.guid);
    if (!corePkg) {
      missingCoreDrivers.push(ref.guid);
      continue;
    }
    for (const section of ref.sections) {
      const coreInstall = corePkg.install(section);
      for (const f of coreInstall.files) add(f, corePkg.infName, ref.guid);
      named = { ...pickNamed(coreInstall), ...named };
      problems.push(...coreInstall.problems);
    }
  }
  named = { ...named, ...pickNamed(install) };
  // A missing core driver explains a missing DriverFile; otherwise the INF is incomplete.
  if (named.driverFile === undefined && missingCoreDrivers.length === 0)
    problems.push(`${pkg.infName}: "${driverName}" has no DriverFile`);
  const listed = [...files.values()];
  for (const [what, file] of Object.entries(named)) {
    if (file !== undefined && !listed.some((f) => f.name.toUpperCase() === file.toUpperCase()))
      problems.push(`${pkg.infName}: ${what} ${file} of "${driverName}" is in no CopyFiles of the driver`);
  }
  return { model, install, files: listed, ...named, missingCoreDrivers, problems };
}

function pickNamed(i: InfInstall): Pick<InfInstall, 'driverFile' | 'dataFile' | 'configFile' | 'helpFile'> {
  return {
    ...(i.driverFile !== undefined && { driverFile: i.driverFile }),
    ...(i.dataFile !== undefined && { dataFile: i.dataFile }),
    ...(i.configFile !== undefined && { configFile: i.configFile }),
    ...(i.helpFile !== undefined && { helpFile: i.helpFile }),
  };
}

/** The registry's DRIVER_INFO file names (Driver, Configuration File, ...) the driver installs. */
export function driverFileNames(d: ResolvedDriver): string[] {
  return d.files.map((f) => f.name);
}
