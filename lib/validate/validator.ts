/**
 * `pointprint validate`: checks every printer's CopyFiles keys the way the server and the clients
 * will treat them, and previews, per client environment, what a client downloads and where it lands.
 *
 * For each `Printers\<printer>\CopyFiles\<component>` key:
 *  1. the key rules (CF0xx) shared with the server and the client;
 *  2. Module known to the module registry, not itself downloaded, Files without executable code;
 *  3. what the clients' CopyFilesPolicy does with the key;
 *  4. per environment: the server-side module (COPYFILE_FLAG_SERVER_SPOOLER) with that client's
 *     SPLCLIENT_INFO_1, then the client-side module (COPYFILE_FLAG_CLIENT_SPOOLER) on
 *     %SystemRoot%\System32\spool\drivers\<TargetDir>, and each file looked up in the store at
 *     SourceDir the way Windows finds it (case-insensitively).
 */
import type { Logger } from '../common/logger';
import { win32ErrorName } from '../common/status/win32-error';
import { COPY_FILES_KEY, CopyFileFlag, MAX_PATH } from '../point-and-print/constants';
import { COPY_FILES_KEY_RULES, readCopyFilesKey } from '../point-and-print/copy-files-key';
import type { CopyFilesKey, CopyFilesSeverity } from '../point-and-print/copy-files-key';
import { callGenerateCopyFilePaths } from '../point-and-print/module-calls';
import type { ModuleRegistry } from '../point-and-print/module-registry';
import { evaluateCopyFilesPolicy } from '../point-and-print/policy';
import type { PointAndPrintPolicy } from '../point-and-print/policy';
import { checkRelativeWindowsPath, sameWindowsName } from '../point-and-print/windows-names';
import { PRINTERS_KEY } from '../registry/registry-key';
import type { Registry, RegistryKey } from '../registry/registry-key';
import { DRIVERS_SHARE } from '../spoolss/constants';
import { CLIENT_DRIVERS_DIRECTORY, clientInfoFor } from './client-environments';
import type { SourceLocation } from './reg-file-locator';
import { EXECUTABLE_EXTENSIONS, VALIDATOR_RULES } from './rules';
import type { ValidationInput } from './validation-input';

export interface Finding {
  readonly rule: string;
  readonly severity: CopyFilesSeverity;
  readonly message: string;
  /** The input's label (file, folder, UNC). */
  readonly input: string;
  readonly printer?: string;
  /** Relative to the printer's key: `CopyFiles\ICM`. */
  readonly key?: string;
  /** The full registry path of the key. */
  readonly keyPath?: string;
  readonly valueName?: string;
  readonly environment?: string;
  readonly location?: SourceLocation;
}

export interface PreviewFile {
  readonly name: string;
  readonly source: string;
  readonly target: string;
  /** Whether the store has it; undefined without a store. */
  readonly inStore?: boolean;
}

export interface KeyPreview {
  readonly input: string;
  readonly printer: string;
  readonly key: string;
  readonly environment: string;
  /** Whether a client of this environment downloads the files. */
  readonly downloads: boolean;
  /** Why not, or the policy's reason when it does. */
  readonly reason: string;
  readonly sourceDir?: string;
  readonly targetDir?: string;
  readonly files: readonly PreviewFile[];
}

export interface ValidationReport {
  readonly inputs: readonly { readonly label: string; readonly kind: string; readonly printers: readonly string[] }[];
  readonly policy: PointAndPrintPolicy;
  readonly environments: readonly string[];
  readonly findings: readonly Finding[];
  readonly previews: readonly KeyPreview[];
}

export interface ValidateOptions {
  readonly modules: ModuleRegistry;
  readonly policy: PointAndPrintPolicy;
  readonly environments: readonly string[];
  readonly logger: Logger;
}

export const SEVERITY_RANK: Readonly<Record<CopyFilesSeverity, number>> = { info: 0, warning: 1, error: 2 };

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
  const report = (f: Omit<Finding, 'input' | 'printer' | 'location'>): void => {
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
  if (copyFiles.keys().length === 0) {
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
  report: (f: Omit<Finding, 'input' | 'printer' | 'location'>) => void,
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

  const reported = new Set<string>();
  const once = (id: string): boolean => !reported.has(id) && (reported.add(id), true);
  const shareRoot = `\\\\${input.serverName}\\${DRIVERS_SHARE}\\`;
  const module = options.modules.load(key.module);

  for (const environment of options.environments) {
    const base = { input: input.label, printer, key: key.keyName, environment };
    if (!module.ok) {
      previews.push({
        ...base,
        downloads: false,
        reason: `${module.error} (${win32ErrorName(module.status)})`,
        files: [],
      });
      continue;
    }
    const clientInfo = clientInfoFor(environment);
    const server = await callGenerateCopyFilePaths(
      module.module,
      {
        printerName: printer,
        directory: key.directory,
        clientInfo,
        level: 1,
        sourceDir: `${shareRoot}${key.directory}`,
        sourceDirSize: MAX_PATH,
        targetDir: key.directory,
        targetDirSize: MAX_PATH,
        flags: CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
      },
      options.logger,
    );
    if (!server.ok) {
      report({
        ...at,
        environment,
        rule: 'CF107',
        severity: VALIDATOR_RULES.CF107.severity,
        message: `for ${environment}, ${key.module ?? 'the module'} GenerateCopyFilePaths fails on the server: ${server.error ?? win32ErrorName(server.status)}`,
        valueName: 'Module',
      });
      previews.push({
        ...base,
        downloads: false,
        reason: `server-side GenerateCopyFilePaths failed (${win32ErrorName(server.status)})`,
        files: [],
      });
      continue;
    }
    const relativeSource = server.sourceDir.toUpperCase().startsWith(shareRoot.toUpperCase())
      ? server.sourceDir.slice(shareRoot.length)
      : undefined;
    const sourceProblem =
      relativeSource === undefined ? 'is not on PRINT$' : checkRelativeWindowsPath(relativeSource)?.detail;
    const targetProblem = checkRelativeWindowsPath(server.targetDir)?.detail;
    if (sourceProblem !== undefined || targetProblem !== undefined) {
      const what =
        sourceProblem !== undefined
          ? `SourceDir "${server.sourceDir}" ${sourceProblem}`
          : `TargetDir "${server.targetDir}" ${targetProblem}`;
      if (once(`CF108:${what}`)) {
        report({
          ...at,
          environment,
          rule: 'CF108',
          severity: VALIDATOR_RULES.CF108.severity,
          message: `for ${environment}, after the server-side module ${what}`,
        });
      }
      previews.push({ ...base, downloads: false, reason: `the server's paths are refused: ${what}`, files: [] });
      continue;
    }

    const client = await callGenerateCopyFilePaths(
      module.module,
      {
        printerName: `\\\\${input.serverName}\\${printer}`,
        directory: key.directory,
        clientInfo,
        level: 1,
        sourceDir: server.sourceDir,
        sourceDirSize: MAX_PATH,
        targetDir: `${CLIENT_DRIVERS_DIRECTORY}\\${server.targetDir}`,
        targetDirSize: MAX_PATH,
        flags: CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER,
      },
      options.logger,
    );
    const clientRoot = `${CLIENT_DRIVERS_DIRECTORY}\\`;
    const clientTarget = client.targetDir;
    const clientRelative = clientTarget.toUpperCase().startsWith(clientRoot.toUpperCase())
      ? clientTarget.slice(clientRoot.length)
      : undefined;
    if (!client.ok || clientRelative === undefined || checkRelativeWindowsPath(clientRelative) !== undefined) {
      const what = client.ok
        ? `TargetDir "${clientTarget}" leaves ${CLIENT_DRIVERS_DIRECTORY}`
        : `fails (${win32ErrorName(client.status)})`;
      if (once(`CF108c:${what}`)) {
        report({
          ...at,
          environment,
          rule: client.ok ? 'CF108' : 'CF107',
          severity: 'error',
          message: `for ${environment}, the client-side module ${what}`,
        });
      }
      previews.push({ ...base, downloads: false, reason: `the client-side module ${what}`, files: [] });
      continue;
    }

    // With the Directory itself missing (CF110), each file of it would only repeat that finding.
    const directoryKnownMissing = directoryMissing && sameWindowsName(relativeSource ?? '', key.directory);
    const files: PreviewFile[] = [];
    for (const name of key.files) {
      const storePath = `${relativeSource}\\${name}`;
      let inStore: boolean | undefined;
      if (input.lookup && !directoryKnownMissing) {
        const entry = await input.lookup(storePath);
        inStore = entry !== undefined && !entry.isDirectory;
        if (!inStore && once(`CF101:${storePath.toUpperCase()}`)) {
          report({
            ...at,
            environment,
            rule: 'CF101',
            severity: VALIDATOR_RULES.CF101.severity,
            message: `"${name}" is not in the drivers store at PRINT$\\${storePath} (needed by ${environment} clients)`,
            valueName: 'Files',
          });
        } else if (entry && !entry.path.endsWith(`\\${name}`) && once(`CF102:${storePath.toUpperCase()}`)) {
          // Only the file name's case matters here; the Directory's is reported once above.
          report({
            ...at,
            rule: 'CF102',
            severity: VALIDATOR_RULES.CF102.severity,
            message: `"${name}" is "${entry.path.slice(entry.path.lastIndexOf('\\') + 1)}" in the store (found case-insensitively)`,
            valueName: 'Files',
          });
        }
      } else if (input.lookup) {
        inStore = false;
      }
      files.push({
        name,
        source: `${server.sourceDir}\\${name}`,
        target: `${clientTarget}\\${name}`,
        ...(inStore !== undefined && { inStore }),
      });
    }
    previews.push({
      ...base,
      downloads: policy.allowed,
      reason: policy.reason,
      sourceDir: server.sourceDir,
      targetDir: clientTarget,
      files,
    });
  }
}

/** Whether any finding is at or above `threshold`. */
export function hasFindingsAtOrAbove(report: ValidationReport, threshold: CopyFilesSeverity): boolean {
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
