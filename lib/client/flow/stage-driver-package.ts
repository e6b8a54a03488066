/**
 * One driver package into the client's driver store ([MS-PRSOD] 3.1: "The print client extracts
 * the printer driver files that are contained in the downloaded data file"):
 *
 * 1. the CAB from the path GetPrinterDriverPackagePath gave, on the server the client is connected
 *    to, over SMB into DriverStore\Temp — never more bytes than it announced or the limit allows;
 * 2. verified: a valid cabinet whose names stay inside the package (lib/drivers/cabinet-reader),
 *    extracted into a fresh staging folder of FileRepository (nothing is written anywhere else);
 * 3. its INF parsed, without problems, naming what the client asked it for (the driver, or the core
 *    driver GUID);
 * 4. the staging folder renamed to `<inf>_<arch>_<hash>`, the package recorded in the client state.
 *
 * Any failure removes the staging folder and the downloaded CAB, and is thrown to the caller,
 * which falls back as Windows does.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PathEscapeError, PointPrintError } from '../../common/errors';
import { writeStreamToFile } from '../../common/stream-to-file';
import { parseUnc } from '../../common/unc';
import { CabinetReader, DEFAULT_CABINET_LIMITS, type CabinetLimits } from '../../drivers/cabinet-reader';
import { createDirectorySink } from '../../drivers/cabinet-sinks';
import { openFileCabinetSource } from '../../drivers/cabinet-source';
import { infHash, packageArchitecture, packageFolderName, packageFolderOfId } from '../../drivers/driver-package';
import { readDriverPackageInf, type DriverPackageInf } from '../../drivers/driver-package-inf';
import { DEFAULT_INF_LIMITS, parseInf } from '../../drivers/inf-parser';
import { isRootInf } from '../../drivers/package-contents';
import { resolvePackageDriver } from '../../drivers/package-driver';
import { splitWindowsPath } from '../../drivers/windows-path';
import { sameWindowsName } from '../../point-and-print/windows-names';
import { DRIVERS_SHARE } from '../../spoolss/constants';
import type { StagedPackage } from '../client-state';
import type { ClientDriverStore } from '../client-driver-store';
import type { PrintServerConnection } from '../print-server-connection';
import type { ConnectionFlow } from './flow-context';
import type { LocalClient } from './local-client';

/** A package the client could not take, and why. */
export class PackageInstallError extends PointPrintError {
  override readonly code = 'ERR_PACKAGE_INSTALL';
}

export interface StagedDriverPackage {
  readonly folder: string;
  /** The folder on disk. */
  readonly dir: string;
  readonly inf: DriverPackageInf;
  readonly packageId: string;
}

/** What the client expects the package to hold. */
export type PackageNeed =
  | { readonly packageId: string; readonly driverName: string }
  | { readonly packageId: string; readonly coreDriverGuid: string };

export async function stageDriverPackage(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  client: LocalClient,
  store: ClientDriverStore,
  cabUnc: string,
  need: PackageNeed,
): Promise<StagedDriverPackage> {
  const limits = flow.options.packageLimits ?? DEFAULT_CABINET_LIMITS;
  checkPackagePath(cabUnc, connection.serverName);
  const temp = await downloadCab(flow, connection, store, cabUnc, limits);
  const source = await openFileCabinetSource(temp);
  let staging: string | undefined;
  try {
    const reader = await CabinetReader.open(source, limits);
    staging = await store.createStagingFolder();
    const summary = await reader.extract(await createDirectorySink(staging));
    const infs = reader.entries.filter((e) => isRootInf(e.path));
    const wanted = packageFolderOfId(need.packageId)?.infName.toLowerCase();
    const entry = infs.find((e) => e.path[0]?.toLowerCase() === wanted) ?? (infs.length === 1 ? infs[0] : undefined);
    const infName = entry?.path[0];
    if (!entry || infName === undefined)
      throw new PackageInstallError(`${cabUnc} holds ${infs.length === 0 ? 'no INF' : 'no INF the package ID names'}`);
    if (entry.size > DEFAULT_INF_LIMITS.maxBytes) throw new PackageInstallError(`${infName} is too large to be an INF`);
    const infBytes = await fs.readFile(path.join(staging, infName));
    const inf = readDriverPackageInf(parseInf(infBytes, infName), infName, flow.environment);
    if (inf.problems.length > 0) throw new PackageInstallError(`${infName}: ${inf.problems.join('; ')}`);
    // The files the package is fetched for must be in it; core driver sections are checked in theirs.
    for (const source of filesNeeded(inf, need)) await packageFile(staging, infName, source);
    flow.emit({
      kind: 'package',
      stage: 'verified',
      detail: `${cabUnc}: a cabinet of ${reader.entries.length} files in ${reader.folders.length} folder(s) (${reader.folders.map((f) => f.compression).join(', ')}), ${summary.checksummedBlocks}/${summary.blocks} block checksums verified, every name inside the package; ${infName} ${'driverName' in need ? `names "${need.driverName}"` : `defines ${need.coreDriverGuid}`}`,
    });
    const folder = packageFolderName(infName, packageArchitecture(flow.environment) ?? 'unknown', infHash(infBytes));
    const dir = await store.commitStaging(staging, folder);
    staging = undefined;
    client.state.putPackage(stagedRecord(folder, infName, flow.environment, need.packageId, inf));
    flow.emit({ kind: 'package', stage: 'staged', detail: store.windowsPathOf(folder), path: dir });
    return { folder, dir, inf, packageId: need.packageId };
  } catch (err) {
    if (staging !== undefined) await fs.rm(staging, { recursive: true, force: true });
    throw err;
  } finally {
    await source.close();
    await fs.rm(temp, { force: true });
  }
}

/** The files of the package's own sections that `need` installs; PackageInstallError when it lacks the driver. */
function filesNeeded(inf: DriverPackageInf, need: PackageNeed): string[] {
  if ('driverName' in need) {
    const driver = resolvePackageDriver(inf, need.driverName, () => undefined);
    if (!driver) throw new PackageInstallError(`${inf.infName} does not name the driver "${need.driverName}"`);
    return driver.files.filter((f) => f.coreDriver === undefined).map((f) => f.source);
  }
  const core = inf.coreDrivers.find((c) => c.guid === need.coreDriverGuid);
  if (!core) throw new PackageInstallError(`${inf.infName} does not define the core driver ${need.coreDriverGuid}`);
  const install = inf.install(core.installSection);
  if (install.problems.length > 0) throw new PackageInstallError(install.problems.join('; '));
  return install.files.map((f) => f.source);
}

/** A file of a package folder on disk: a regular file inside it, found case-insensitively. */
export async function packageFile(dir: string, infName: string, source: string): Promise<string> {
  let at = dir;
  const parts = splitWindowsPath(source);
  for (const [i, part] of parts.entries()) {
    const names = await fs.readdir(at);
    const match = names.find((n) => n === part) ?? names.find((n) => sameWindowsName(n, part));
    if (match === undefined) throw new PackageInstallError(`${infName} names ${source}, which the package lacks`);
    at = path.join(at, match);
    const st = await fs.lstat(at);
    const last = i === parts.length - 1;
    if (st.isSymbolicLink() || (last ? !st.isFile() : !st.isDirectory()))
      throw new PackageInstallError(
        `${source} in the package of ${infName} is not a plain ${last ? 'file' : 'folder'}`,
      );
  }
  return at;
}

/** A package staged by an earlier connection, read back from the client's driver store. */
export async function loadStagedPackage(
  store: ClientDriverStore,
  record: StagedPackage,
  environment: string,
): Promise<StagedDriverPackage> {
  const dir = store.folderPath(record.folder);
  const infPath = path.join(dir, record.infName);
  if ((await fs.lstat(infPath)).size > DEFAULT_INF_LIMITS.maxBytes)
    throw new PackageInstallError(`${record.infName} is too large to be an INF`);
  const inf = readDriverPackageInf(parseInf(await fs.readFile(infPath), record.infName), record.infName, environment);
  return { folder: record.folder, dir, inf, packageId: record.packageId };
}

/** The CAB must be on PRINT$ of the server the client talks to: a server cannot send it elsewhere. */
function checkPackagePath(cabUnc: string, serverName: string): void {
  const unc = parseUnc(cabUnc);
  if (unc.server.toUpperCase() !== serverName.toUpperCase())
    throw new PackageInstallError(`the package path ${cabUnc} is not on \\\\${serverName}`);
  if ((unc.name ?? '').toUpperCase() !== DRIVERS_SHARE)
    throw new PackageInstallError(`the package path ${cabUnc} is not on the ${DRIVERS_SHARE} share`);
  if (!/\.cab$/i.test(unc.path ?? '')) throw new PackageInstallError(`the package path ${cabUnc} names no .cab file`);
}

async function downloadCab(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  store: ClientDriverStore,
  cabUnc: string,
  limits: CabinetLimits,
): Promise<string> {
  const { size, stream } = await connection.files.openRead(cabUnc);
  if (size > limits.maxCabinetSize) {
    // Nothing read: let the transport release it.
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw new PackageInstallError(`${cabUnc} is ${size} bytes, more than the ${limits.maxCabinetSize} allowed`);
  }
  const temp = await store.tempFile('.cab');
  try {
    // Bounded to the announced size, and removed on any failure.
    await writeStreamToFile(temp, stream, { expectedSize: size, source: cabUnc, mode: 0o600 });
  } catch (err) {
    throw err instanceof PathEscapeError ? new PackageInstallError(err.message) : err;
  }
  flow.emit({
    kind: 'download',
    what: 'package',
    source: cabUnc,
    target: `${store.systemRoot}\\System32\\DriverStore\\Temp\\${path.basename(temp)}`,
    path: temp,
    size,
  });
  return temp;
}

function stagedRecord(
  folder: string,
  infName: string,
  environment: string,
  packageId: string,
  inf: DriverPackageInf,
): StagedPackage {
  return {
    folder,
    infName,
    environment,
    packageId,
    coreDrivers: inf.coreDrivers.map((c) => ({
      guid: c.guid,
      driverDate: (inf.driverVer?.date ?? new Date(0)).toISOString(),
      driverVersion: (inf.driverVer?.versionQword ?? 0n).toString(),
    })),
    stagedAt: new Date().toISOString(),
  };
}
