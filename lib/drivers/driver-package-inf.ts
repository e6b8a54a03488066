/**
 * An INF read as a printer driver package for one environment ("INF Files for Printer Drivers",
 * "Printer INF File Sections", "Package-Aware Print Drivers that Share Files"):
 *
 *   [Version]            Signature, Class, ClassGuid, Provider, CatalogFile, DriverVer=mm/dd/yyyy,w.x.y.z
 *   [Manufacturer]       %Mfg% = Models, NTamd64        -> [Models.NTamd64] (the environment's decoration)
 *   [Models.NTamd64]     "Driver name" = InstallSection, HardwareId ...; "{GUID}" = {GUID} defines a core driver
 *   [InstallSection]     (or InstallSection.NTamd64 / .NT) CopyFiles=@file, FileListSection ...; DriverFile,
 *                        DataFile, ConfigFile, HelpFile; CoreDriverSections="{GUID},SECTION,...",...
 *   [FileListSection]    destination[, source] per line
 *   [DestinationDirs]    DefaultDestDir = 66000; FileListSection = dirid[, subdir]
 *   [SourceDisksNames(.amd64)] / [SourceDisksFiles(.amd64)]   where a file is inside the package
 *   [PrinterPackageInstallation.amd64]   PackageAware=TRUE, CoreDriverDependencies={GUID},...
 *
 * What an INF lacks or gets wrong is reported in `problems` (the client refuses the package, the
 * validator reports them); nothing here touches the disk.
 */
import { normalizeCoreDriverGuid } from './core-drivers';
import { infDecoration, packageArchitecture, PrinterDirId } from './driver-package';
import type { InfEntry, InfFile } from './inf-parser';

export interface InfDriverVersion {
  readonly date?: Date;
  /** `w.x.y.z` as written. */
  readonly version: string;
  /** The DWORDLONG of CORE_PRINTER_DRIVER dwlDriverVersion: w<<48 | x<<32 | y<<16 | z. */
  readonly versionQword: bigint;
}

export interface PackageFile {
  /** The name it gets when installed. */
  readonly name: string;
  /** Its path inside the package (SourceDisksNames/SourceDisksFiles applied). */
  readonly source: string;
  readonly dirId: number;
  readonly subdir?: string;
}

export interface CoreSectionRef {
  readonly guid: string;
  readonly sections: readonly string[];
}

export interface InfInstall {
  /** The section actually used (with its platform suffix when the INF has one). */
  readonly section: string;
  readonly files: readonly PackageFile[];
  readonly driverFile?: string;
  readonly dataFile?: string;
  readonly configFile?: string;
  readonly helpFile?: string;
  readonly coreDriverSections: readonly CoreSectionRef[];
  /** Sections it names that are missing, and the like. */
  readonly problems: readonly string[];
}

export interface InfModel {
  readonly name: string;
  readonly installSection: string;
  readonly hardwareIds: readonly string[];
  readonly line: number;
}

export interface DriverPackageInf {
  readonly inf: InfFile;
  readonly infName: string;
  readonly environment: string;
  readonly provider?: string;
  readonly driverVer?: InfDriverVersion;
  /** The models of the environment's decoration; core drivers (GUID names) are apart. */
  readonly models: readonly InfModel[];
  readonly coreDrivers: readonly { readonly guid: string; readonly installSection: string }[];
  readonly packageAware: boolean;
  readonly coreDriverDependencies: readonly string[];
  readonly problems: readonly string[];
  /** A DDInstall section (platform suffixes tried) or a plain section, resolved to its files. */
  install(section: string): InfInstall;
}

export function readDriverPackageInf(inf: InfFile, infName: string, environment: string): DriverPackageInf {
  const problems: string[] = [];
  const decoration = infDecoration(environment) ?? 'NT';
  const arch = packageArchitecture(environment) ?? '';
  if (!inf.section('Version')) problems.push(`${infName} has no [Version] section`);
  const driverVer = parseDriverVer(inf.entries('Version', 'DriverVer')[0]?.values.join(','), problems, infName);
  const { models, coreDrivers } = readModels(inf, decoration, problems, infName);
  const pkgSection = `PrinterPackageInstallation.${arch}`;
  const packageAware = /^(true|1|yes)$/i.test(inf.value(pkgSection, 'PackageAware') ?? '');
  const coreDriverDependencies = guidsOf(inf.entries(pkgSection, 'CoreDriverDependencies'), problems, infName);
  const provider = inf.value('Version', 'Provider');
  return {
    inf,
    infName,
    environment,
    ...(provider !== undefined && { provider }),
    ...(driverVer && { driverVer }),
    models,
    coreDrivers,
    packageAware,
    coreDriverDependencies,
    problems,
    install: (section) => resolveInstall(inf, section, decoration, arch),
  };
}

/** `11/01/2025,1.3.0.0` -> date and version; problems for what does not parse. */
export function parseDriverVer(
  text: string | undefined,
  problems: string[],
  infName: string,
): InfDriverVersion | undefined {
  if (text === undefined) {
    problems.push(`${infName} has no DriverVer in [Version]`);
    return undefined;
  }
  const [dateText = '', versionText = '0.0.0.0'] = text.split(',').map((s) => s.trim());
  const dm = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(dateText);
  const [month, day] = [Number(dm?.[1]), Number(dm?.[2])];
  const date =
    dm && month >= 1 && month <= 12 && day >= 1 && day <= 31
      ? new Date(Date.UTC(Number(dm[3]), month - 1, day))
      : undefined;
  if (!date) problems.push(`${infName}: DriverVer date "${dateText}" is not mm/dd/yyyy`);
  const parts = versionText.split('.');
  const nums = parts.map((p) => (/^\d{1,5}$/.test(p) ? Number(p) : NaN));
  if (parts.length > 4 || nums.some((n) => !(n >= 0 && n <= 0xffff))) {
    problems.push(`${infName}: DriverVer version "${versionText}" is not w.x.y.z of 16-bit numbers`);
    return { ...(date && { date }), version: versionText, versionQword: 0n };
  }
  const q = [0, 1, 2, 3].reduce((acc, i) => (acc << 16n) | BigInt(nums[i] ?? 0), 0n);
  return { ...(date && { date }), version: versionText, versionQword: q };
}

function readModels(inf: InfFile, decoration: string, problems: string[], infName: string) {
  const models: InfModel[] = [];
  const coreDrivers: { guid: string; installSection: string }[] = [];
  const manufacturer = inf.section('Manufacturer');
  if (!manufacturer) problems.push(`${infName} has no [Manufacturer] section`);
  for (const m of manufacturer?.entries ?? []) {
    const [base, ...decorations] = m.values;
    if (!base) continue;
    const fitting = decorations.filter(
      (d) => d.toUpperCase() === decoration.toUpperCase() || d.toUpperCase().startsWith(`${decoration.toUpperCase()}.`),
    );
    const names = decorations.length === 0 ? [base] : fitting.map((d) => `${base}.${d}`);
    for (const name of names) {
      const section = inf.section(name);
      if (!section) {
        problems.push(`${infName}: [Manufacturer] names the models section [${name}], which is missing`);
        continue;
      }
      for (const e of section.entries) {
        const install = e.values[0];
        if (e.key === undefined || !install) continue;
        const guid = normalizeCoreDriverGuid(e.key);
        if (guid) coreDrivers.push({ guid, installSection: install });
        else models.push({ name: e.key, installSection: install, hardwareIds: e.values.slice(1), line: e.line });
      }
    }
  }
  return { models, coreDrivers };
}

function guidsOf(entries: readonly InfEntry[], problems: string[], infName: string): string[] {
  const out: string[] = [];
  for (const text of entries.flatMap((e) => e.values).flatMap((v) => v.split(','))) {
    if (text.trim() === '') continue;
    const guid = normalizeCoreDriverGuid(text);
    if (guid) out.push(guid);
    else problems.push(`${infName}: "${text.trim()}" in CoreDriverDependencies is not a GUID`);
  }
  return out;
}

function resolveInstall(inf: InfFile, name: string, decoration: string, arch: string): InfInstall {
  const problems: string[] = [];
  const section =
    [`${name}.${decoration}`, `${name}.NT`, name].map((n) => inf.section(n)).find((s) => s !== undefined)?.name ?? name;
  if (!inf.section(section)) problems.push(`${inf.fileName}: the install section [${name}] is missing`);
  const files: PackageFile[] = [];
  const where = sourceLocator(inf, arch);
  const defaultDir = destination(inf, 'DefaultDestDir');
  for (const item of inf.entries(section, 'CopyFiles').flatMap((e) => e.values)) {
    const ref = item.trim();
    if (ref === '') continue;
    if (ref.startsWith('@')) {
      const file = ref.slice(1).trim();
      files.push({ name: file, source: where(file), ...defaultDir });
      continue;
    }
    const list = inf.section(ref);
    if (!list) {
      problems.push(`${inf.fileName}: CopyFiles of [${section}] names the section [${ref}], which is missing`);
      continue;
    }
    const dir = inf.section('DestinationDirs')?.entries.some((e) => e.key?.toUpperCase() === ref.toUpperCase())
      ? destination(inf, ref)
      : defaultDir;
    for (const e of list.entries) {
      if (e.key !== undefined) continue;
      const dest = e.values[0]?.trim();
      if (!dest) continue;
      const src = e.values[1]?.trim() || dest;
      files.push({ name: dest, source: where(src), ...dir });
    }
  }
  const one = (key: string): string | undefined => inf.value(section, key)?.trim() || undefined;
  const driverFile = one('DriverFile');
  const dataFile = one('DataFile');
  const configFile = one('ConfigFile');
  const helpFile = one('HelpFile');
  return {
    section,
    files,
    ...(driverFile && { driverFile }),
    ...(dataFile && { dataFile }),
    ...(configFile && { configFile }),
    ...(helpFile && { helpFile }),
    coreDriverSections: coreSections(inf.entries(section, 'CoreDriverSections'), problems, inf.fileName),
    problems,
  };
}

/** `"{GUID},A,B","{GUID2},C"` or `{GUID},A,B`: each GUID opens a group of section names. */
function coreSections(entries: readonly InfEntry[], problems: string[], infName: string): CoreSectionRef[] {
  const out: { guid: string; sections: string[] }[] = [];
  for (const part of entries.flatMap((e) => e.values).flatMap((v) => v.split(','))) {
    const text = part.trim();
    if (text === '') continue;
    const guid = normalizeCoreDriverGuid(text);
    if (guid) out.push({ guid, sections: [] });
    else if (out.length > 0) out[out.length - 1]?.sections.push(text);
    else problems.push(`${infName}: CoreDriverSections starts with "${text}", not a core driver GUID`);
  }
  return out;
}

function destination(inf: InfFile, key: string): { dirId: number; subdir?: string } {
  const values = inf.entries('DestinationDirs', key)[0]?.values ?? [];
  const dirId = Number(values[0] ?? PrinterDirId.PRINTER_DRIVER_DIRECTORY);
  const subdir = values[1]?.trim();
  return {
    dirId: Number.isInteger(dirId) ? dirId : PrinterDirId.PRINTER_DRIVER_DIRECTORY,
    ...(subdir && { subdir }),
  };
}

/** A source file name -> its path in the package, through SourceDisksFiles and SourceDisksNames. */
function sourceLocator(inf: InfFile, arch: string): (file: string) => string {
  const pick = (base: string) => (inf.section(`${base}.${arch}`) ? `${base}.${arch}` : base);
  const disks = new Map<string, string>();
  for (const e of inf.section(pick('SourceDisksNames'))?.entries ?? []) {
    if (e.key !== undefined) disks.set(e.key.trim(), (e.values[3] ?? '').trim().replace(/^[\\/]+|[\\/]+$/g, ''));
  }
  const files = new Map<string, { disk: string; subdir: string }>();
  for (const e of inf.section(pick('SourceDisksFiles'))?.entries ?? []) {
    if (e.key === undefined) continue;
    files.set(e.key.trim().toUpperCase(), {
      disk: (e.values[0] ?? '').trim(),
      subdir: (e.values[1] ?? '').trim().replace(/^[\\/]+|[\\/]+$/g, ''),
    });
  }
  return (file) => {
    const f = files.get(file.toUpperCase());
    if (!f) return file;
    return [disks.get(f.disk) ?? '', f.subdir, file].filter((p) => p.length > 0).join('\\');
  };
}
