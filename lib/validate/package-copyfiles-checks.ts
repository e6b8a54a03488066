/**
 * The queue-specific files of a printer whose driver comes in a package (PK010, PK011;
 * ./rules.ts): a client that installs the driver from its package gets the package's files where
 * the INF puts them (DIRID 66003: spool\drivers\color; 66000: <arch>\<version>), and the
 * printer's `CopyFiles\<name>` keys send theirs to `<Directory>`. The same file in two places, or
 * under two spellings, is what packagers need to hear of; a key's file the package lacks reaches
 * package clients only through CopyFiles (and its policy).
 */
import { COPY_FILES_KEY } from '../point-and-print/constants';
import { readCopyFilesKey } from '../point-and-print/copy-files-key';
import { sameWindowsName } from '../point-and-print/windows-names';
import { PrinterDirId } from '../drivers/driver-package';
import { environmentDirectory } from '../spoolss/constants';
import type { RegistryKey } from '../registry/registry-key';
import type { KeyFinding } from './findings';
import type { ResolvedPackageDriver } from './package-checks';
import { PACKAGE_RULES } from './rules';

export function checkPrinterAgainstPackage(
  printerKey: RegistryKey,
  packages: readonly ResolvedPackageDriver[],
  report: (finding: KeyFinding) => void,
): void {
  const driverName = printerKey.getValue('Printer Driver')?.value;
  if (typeof driverName !== 'string') return;
  const mine = packages.filter((p) => sameWindowsName(p.driver.name, driverName));
  const copyFiles = printerKey.getKey(COPY_FILES_KEY);
  if (mine.length === 0 || !copyFiles) return;
  for (const sub of copyFiles.keys()) {
    const keyName = `${COPY_FILES_KEY}\\${sub.name}`;
    const { key } = readCopyFilesKey(keyName, sub.valueList());
    if (!key) continue; // the key rules say why
    const at = { key: keyName, keyPath: sub.path, valueName: 'Files' };
    for (const name of key.files) {
      let inAny = false;
      for (const p of mine) {
        const file = p.resolved.files.find((f) => sameWindowsName(f.name, name));
        if (!file) continue;
        inAny = true;
        const expected = directoryOf(file.dirId, file.subdir, p.environment, p.driver.version);
        if (expected !== undefined && !sameWindowsName(expected, key.directory)) {
          report({
            ...at,
            environment: p.environment,
            rule: 'PK010',
            severity: PACKAGE_RULES.PK010.severity,
            message: `${name}: the package ${file.infName} installs it in ${expected}, this key sends it to ${key.directory}`,
          });
        } else if (file.name !== name) {
          report({
            ...at,
            environment: p.environment,
            rule: 'PK010',
            severity: PACKAGE_RULES.PK010.severity,
            message: `${name} is "${file.name}" in the package ${file.infName}: clients may end up with both spellings`,
          });
        }
      }
      if (!inAny) {
        report({
          ...at,
          rule: 'PK011',
          severity: PACKAGE_RULES.PK011.severity,
          message: `${name} is not in the package of "${driverName}": package clients get it only through ${keyName} (and CopyFilesPolicy)`,
        });
      }
    }
  }
}

/** Where a package file lands, relative to spool\drivers; undefined outside it. */
function directoryOf(
  dirId: number,
  subdir: string | undefined,
  environment: string,
  version: number,
): string | undefined {
  const base =
    dirId === PrinterDirId.COLOR_DIRECTORY
      ? 'Color'
      : dirId === PrinterDirId.PRINTER_DRIVER_DIRECTORY
        ? `${environmentDirectory(environment) ?? ''}\\${version}`
        : undefined;
  return base === undefined ? undefined : subdir ? `${base}\\${subdir}` : base;
}
