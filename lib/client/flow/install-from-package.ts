/**
 * The driver installed from staged packages into `spool\drivers`: its model's install section and
 * the core driver sections it names, resolved to files (lib/drivers/package-driver.ts), each
 * checked to be a plain file of its package folder, then copied to the INF's destination:
 * DIRID 66000 to `spool\drivers\<arch>\<version>`, 66003 to `spool\drivers\color`. Everything is
 * checked before the first file is copied. Then event 316, as for any driver installation.
 *
 * DEVIATION: files for other destinations (66001 print processors, 66002 System32) are not
 * installed, with a warning: our client never writes outside spool\drivers.
 */
import { createReadStream } from 'node:fs';
import { PathEscapeError } from '../../common/errors';
import { PrinterDirId } from '../../drivers/driver-package';
import { resolvePackageDriver, type ResolvedDriverFile } from '../../drivers/package-driver';
import { checkPlainFileName, checkRelativeWindowsPath, sameWindowsName } from '../../point-and-print/windows-names';
import type { DriverInfo } from '../../spoolss/types';
import type { ConnectionFlow } from './flow-context';
import { recordInstalledDriver } from './legacy-driver-copy';
import type { LocalClient } from './local-client';
import type { PrinterTarget } from './parse-printer-name';
import { packageFile, PackageInstallError, type StagedDriverPackage } from './stage-driver-package';

interface PlannedFile {
  readonly file: ResolvedDriverFile;
  readonly source: string;
  /** Relative to spool\drivers. */
  readonly targetDir: string;
}

export async function installFromStagedPackages(
  flow: ConnectionFlow,
  target: PrinterTarget,
  client: LocalClient,
  driver: DriverInfo,
  own: StagedDriverPackage,
  core: (guid: string) => StagedDriverPackage | undefined,
): Promise<void> {
  const resolved = resolvePackageDriver(own.inf, driver.name, (g) => core(g)?.inf);
  if (!resolved) throw new PackageInstallError(`${own.inf.infName} does not name the driver "${driver.name}"`);
  if (resolved.missingCoreDrivers.length > 0)
    throw new PackageInstallError(`core driver(s) ${resolved.missingCoreDrivers.join(', ')} not available`);
  if (resolved.problems.length > 0) throw new PackageInstallError(resolved.problems.join('; '));

  const plan: PlannedFile[] = [];
  for (const file of resolved.files) {
    const pkg = file.coreDriver !== undefined ? core(file.coreDriver) : own;
    if (!pkg) throw new PackageInstallError(`no staged package holds ${file.name}`);
    const targetDir = destinationOf(file, target, driver);
    if (targetDir === undefined) {
      flow.warn(`${file.name} of ${file.infName} goes to DIRID ${file.dirId}: not installed (only spool\\drivers is)`);
      continue;
    }
    const nameProblem = checkPlainFileName(file.name) ?? checkRelativeWindowsPath(targetDir);
    if (nameProblem) throw new PathEscapeError(file.name, nameProblem.detail);
    plan.push({ file, source: await packageFile(pkg.dir, pkg.inf.infName, file.source), targetDir });
  }

  const files: string[] = [];
  for (const p of plan) {
    const dir = await flow.paths.directoryFor(p.targetDir);
    const written = await flow.paths.writeFileAtomically(dir, p.file.name, createReadStream(p.source));
    flow.written.push(written);
    const relative = `${p.targetDir}\\${p.file.name}`;
    files.push(relative);
    flow.emit({
      kind: 'package',
      stage: 'install-file',
      detail: `${p.file.source} of ${p.file.infName} -> ${flow.paths.windowsPathOf(relative)}`,
      path: written,
    });
  }
  const versionDir = `${target.arch}\\${driver.version}`;
  const missing = driver.files
    .map((f) => f.path.split('\\').pop() ?? '')
    .filter((name) => !plan.some((p) => p.targetDir === versionDir && sameWindowsName(p.file.name, name)));
  if (missing.length > 0)
    flow.warn(
      `the package of "${driver.name}" does not install ${missing.join(', ')}, which the server's driver names`,
    );
  recordInstalledDriver(flow, client, driver, files, own.folder);
  flow.emit({
    kind: 'package',
    stage: 'installed',
    detail: `"${driver.name}" installed from ${own.folder} (${files.length} files)`,
  });
}

function destinationOf(file: ResolvedDriverFile, target: PrinterTarget, driver: DriverInfo): string | undefined {
  const base =
    file.dirId === PrinterDirId.PRINTER_DRIVER_DIRECTORY
      ? `${target.arch}\\${driver.version}`
      : file.dirId === PrinterDirId.COLOR_DIRECTORY
        ? 'color'
        : undefined;
  if (base === undefined) return undefined;
  return file.subdir ? `${base}\\${file.subdir}` : base;
}
