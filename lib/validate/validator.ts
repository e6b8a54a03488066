/**
 * `pointprint validate`: checks every printer's CopyFiles keys the way the server and the clients
 * will treat them, and previews, per client environment, what a client downloads and where it lands.
 *
 * For each `Printers\<printer>\CopyFiles\<component>` key:
 *  1. the key rules (CF0xx) shared with the server and the client;
 *  2. Module known to the module registry, not itself downloaded, Files without executable code;
 *  3. what the clients' CopyFilesPolicy does with the key;
 *  4. per environment (key-preview.ts): the Point-and-Print engine's preview — the server-side
 *     module (COPYFILE_FLAG_SERVER_SPOOLER) with that client's SPLCLIENT_INFO_1, then the
 *     client-side module (COPYFILE_FLAG_CLIENT_SPOOLER) on %SystemRoot%\System32\spool\drivers\<TargetDir>,
 *     every path checked as a client checks it — and each file looked up in the store at
 *     SourceDir the way Windows finds it (case-insensitively).
 *
 * And for each driver of the validated environments that is package-aware or names an InfPath,
 * its driver package (PK0xx, package-checks.ts), then each printer's CopyFiles keys against its
 * driver's package (package-copyfiles-checks.ts).
 */
import { COPY_FILES_KEY } from '../point-and-print/constants';
import { COPY_FILES_KEY_RULES, readCopyFilesKey } from '../point-and-print/copy-files-key';
import type { CopyFilesKey, CopyFilesSeverity } from '../point-and-print/copy-files-key';
import { evaluateCopyFilesPolicy } from '../point-and-print/policy';
import { sameWindowsName } from '../point-and-print/windows-names';
import { PRINTERS_KEY } from '../registry/registry-key';
import type { Registry, RegistryKey } from '../registry/registry-key';
import {
  SEVERITY_RANK,
  type Finding,
  type KeyFinding,
  type KeyPreview,
  type ValidateOptions,
  type ValidationReport,
} from './findings';
import { previewKey } from './key-preview';
import { checkDriverPackages } from './package-checks';
import { checkPrinterAgainstPackage } from './package-copyfiles-checks';
import { EXECUTABLE_EXTENSIONS, VALIDATOR_RULES } from './rules';
import type { ValidationInput } from './validation-input';

export type { Finding, KeyPreview, PreviewFile, ValidateOptions, ValidationReport } from './findings';
export { SEVERITY_RANK } from './findings';

/** Printers keys: CurrentControlSet, and ControlSetNNN as exports of offline hives have them. */
function printersKeys(registry: Registry): RegistryKey[] {
  const out: RegistryKey[] = [];
  const current = registry.getKey(PRINTERS_KEY);
  if (current) out.push(current);
  const system = registry.getKey('HKEY_LOCAL_MACHINE\\SYSTEM');
  for (const cs of system?.keys() ?? []) {
    if (!/^ControlSet\d{3}$/i.test(cs.name)) continue;
    const printers = cs.getKey('Control\\Print\\Printers');
    if (printers) out.push(printers);
  }
  return out;
}

export async function validate(
  inputs: readonly ValidationInput[],
  options: ValidateOptions,
): Promise<ValidationReport> {
  const findings: Finding[] = [];
  const previews: KeyPreview[] = [];
  const inputSummaries: { label: string; kind: string; printers: string[] }[] = [];
  for (const input of inputs) {
    const printers: string[] = [];
    inputSummaries.push({ label: input.label, kind: input.kind, printers });
    const locate = (f: KeyFinding) => (f.keyPath ? input.locator?.locate(f.keyPath, f.valueName) : undefined);
    const packages = await checkDriverPackages(input, options, (f) => {
      const location = locate(f);
      findings.push({ ...f, input: input.label, ...(location && { location }) });
    });
    for (const u of input.unreadableKeys ?? []) {
      findings.push({
        rule: 'CF112',
        severity: VALIDATOR_RULES.CF112.severity,
        message: `${u.key} could not be read from the server (${u.reason}): its checks did not run`,
        input: input.label,
        printer: u.printer,
        key: u.key,
      });
    }
    const roots = printersKeys(input.registry);
    const printerKeys = roots.flatMap((r) => r.keys());
    if (printerKeys.length === 0) {
      findings.push({
        rule: 'CF111',
        severity: VALIDATOR_RULES.CF111.severity,
        message: `no printers under ${PRINTERS_KEY}: nothing to check`,
        input: input.label,
      });
      continue;
    }
    for (const printerKey of printerKeys) {
      printers.push(printerKey.name);
      await validatePrinter(input, printerKey, options, findings, previews);
      checkPrinterAgainstPackage(printerKey, packages, (f) => {
        const location = locate(f);
        findings.push({ ...f, input: input.label, printer: printerKey.name, ...(location && { location }) });
      });
    }
  }
  options.logger.debug('validation done', {
    component: 'validate',
    findings: findings.length,
    previews: previews.length,
  });
  return { inputs: inputSummaries, policy: options.policy, environments: options.environments, findings, previews };
}

async function validatePrinter(
  input: ValidationInput,
  printerKey: RegistryKey,
  options: ValidateOptions,
  findings: Finding[],
  previews: KeyPreview[],
): Promise<void> {
  const printer = printerKey.name;
  const copyFiles = printerKey.getKey(COPY_FILES_KEY);
  if (!copyFiles) return;
  const report = (f: KeyFinding): void => {
    const location = f.keyPath ? input.locator?.locate(f.keyPath, f.valueName) : undefined;
    findings.push({ ...f, input: input.label, printer, ...(location && { location }) });
  };

  for (const v of copyFiles.valueList()) {
    report({
      rule: 'CF014',
      severity: COPY_FILES_KEY_RULES.CF014.severity,
      message: `value "${v.name}" on the CopyFiles key itself is not used`,
      key: COPY_FILES_KEY,
      keyPath: copyFiles.path,
      valueName: v.name,
    });
  }
  // A component key the server would not give is CF112, not an empty CopyFiles.
  const unread = (input.unreadableKeys ?? []).some(
    (u) => sameWindowsName(u.printer, printer) && /^CopyFiles\\/i.test(u.key),
  );
  if (copyFiles.keys().length === 0 && !unread) {
    report({
      rule: 'CF109',
      severity: VALIDATOR_RULES.CF109.severity,
      message: 'CopyFiles has no component subkeys: nothing is downloaded',
      key: COPY_FILES_KEY,
      keyPath: copyFiles.path,
    });
  }

  for (const sub of copyFiles.walk()) {
    if (sub === copyFiles) continue;
    const keyName = `${copyFiles.name}\\${sub.path.slice(copyFiles.path.length + 1)}`;
    const values = sub.valueList();
    // A key that only holds deeper keys (CopyFiles\A with CopyFiles\A\B below) is checked through them.
    if (values.length === 0 && sub.keys().length > 0 && keyName.split('\\').length > 2) continue;
    const { key, problems } = readCopyFilesKey(keyName, values);
    for (const p of problems) {
      report({
        rule: p.rule,
        severity: p.severity,
        message: p.message,
        key: keyName,
        keyPath: sub.path,
        ...(p.valueName !== undefined && { valueName: p.valueName }),
      });
    }
    if (!key) continue;
    await validateKey(input, printer, key, sub, options, report, previews);
  }
}

async function validateKey(
  input: ValidationInput,
  printer: string,
  key: CopyFilesKey,
  registryKey: RegistryKey,
  options: ValidateOptions,
  report: (f: KeyFinding) => void,
  previews: KeyPreview[],
): Promise<void> {
  const at = { key: key.keyName, keyPath: registryKey.path };
  if (key.module !== undefined) {
    if (!options.modules.has(key.module)) {
      report({
        ...at,
        rule: 'CF103',
        severity: VALIDATOR_RULES.CF103.severity,
        message: `Module "${key.module}" is not in the module registry (known: ${options.modules.names().join(', ')}); a machine without it fails the key with ERROR_MOD_NOT_FOUND`,
        valueName: 'Module',
      });
    }
    if (key.files.some((f) => sameWindowsName(f, key.module ?? ''))) {
      report({
        ...at,
        rule: 'CF105',
        severity: VALIDATOR_RULES.CF105.severity,
        message: `Module "${key.module}" is also listed in Files: clients would download the code they are asked to load`,
        valueName: 'Files',
      });
    }
  }
  // The Module itself in Files is CF105's finding; CF106 is about other code.
  const executables = key.files.filter(
    (f) => !sameWindowsName(f, key.module ?? '') && EXECUTABLE_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext)),
  );
  if (executables.length > 0) {
    report({
      ...at,
      rule: 'CF106',
      severity: VALIDATOR_RULES.CF106.severity,
      message: `Files include executable code (${executables.join(', ')}): current Windows refuses such keys by default`,
      valueName: 'Files',
    });
  }
  const policy = evaluateCopyFilesPolicy(options.policy, key);
  if (!policy.allowed) {
    report({
      ...at,
      rule: 'CF104',
      severity: VALIDATOR_RULES.CF104.severity,
      message: `clients skip this key: ${policy.reason}`,
    });
  }

  let directoryMissing = false;
  if (input.lookup && input.lookupsDirectories !== false) {
    const dir = await input.lookup(key.directory);
    if (!dir || !dir.isDirectory) {
      directoryMissing = true;
      report({
        ...at,
        rule: 'CF110',
        severity: VALIDATOR_RULES.CF110.severity,
        message: `Directory "${key.directory}" is not a directory in the drivers store (PRINT$\\${key.directory})`,
        valueName: 'Directory',
      });
    } else if (dir.path !== key.directory) {
      report({
        ...at,
        rule: 'CF102',
        severity: VALIDATOR_RULES.CF102.severity,
        message: `Directory "${key.directory}" is "${dir.path}" in the store (found case-insensitively)`,
        valueName: 'Directory',
      });
    }
  }

  await previewKey({ input, printer, key, at, options, report, directoryMissing, policy }, previews);
}

/** Whether any finding is at or above `threshold`. */
export function hasFindingsAtOrAbove(report: ValidationReport, threshold: CopyFilesSeverity): boolean {
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
