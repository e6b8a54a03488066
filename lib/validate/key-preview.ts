/**
 * The preview part of `pointprint validate` for one CopyFiles key: per client environment, the
 * Point-and-Print engine's server-then-client run (lib/point-and-print/copy-files-preview.ts)
 * with that environment's SPLCLIENT_INFO_1, the refusals it meets as findings (CF107, CF108),
 * and each file looked up in the drivers store at SourceDir the way Windows finds it
 * (case-insensitively: CF101, CF102).
 */
import { win32ErrorName } from '../common/status/win32-error';
import type { CopyFilesKey } from '../point-and-print/copy-files-key';
import { previewCopyFiles, type CopyFilesPreview } from '../point-and-print/copy-files-preview';
import { sameWindowsName } from '../point-and-print/windows-names';
import { CLIENT_DRIVERS_DIRECTORY, clientInfoFor } from './client-environments';
import type { Finding, KeyFinding, KeyPreview, PreviewFile, ValidateOptions } from './findings';
import { VALIDATOR_RULES } from './rules';
import type { ValidationInput } from './validation-input';

export interface KeyPreviewContext {
  readonly input: ValidationInput;
  readonly printer: string;
  readonly key: CopyFilesKey;
  /** Where findings on the key point: its name and registry path. */
  readonly at: { readonly key: string; readonly keyPath: string };
  readonly options: ValidateOptions;
  readonly report: (finding: KeyFinding) => void;
  /** The Directory is known to be missing from the store (CF110 already says so). */
  readonly directoryMissing: boolean;
  /** What the clients' CopyFilesPolicy does with the key. */
  readonly policy: { readonly allowed: boolean; readonly reason: string };
}

/** One KeyPreview per environment of the options, findings through `ctx.report`. */
export async function previewKey(ctx: KeyPreviewContext, previews: KeyPreview[]): Promise<void> {
  const { input, printer, key, at, options, report, directoryMissing, policy } = ctx;
  const reported = new Set<string>();
  const once = (id: string): boolean => !reported.has(id) && (reported.add(id), true);
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
    const preview = await previewCopyFiles(key, module.module, {
      serverName: input.serverName,
      printerName: printer,
      clientInfo: clientInfoFor(environment),
      driversDirectory: CLIENT_DRIVERS_DIRECTORY,
      logger: options.logger,
    });
    if (!preview.downloads) {
      const refusal = refusalOf(preview, key, environment);
      if (refusal.onceId === undefined || once(refusal.onceId)) report({ ...at, environment, ...refusal.finding });
      previews.push({ ...base, downloads: false, reason: refusal.reason, files: [] });
      continue;
    }

    // With the Directory itself missing (CF110), each file of it would only repeat that finding.
    const directoryKnownMissing = directoryMissing && sameWindowsName(preview.storeDirectory, key.directory);
    const files: PreviewFile[] = [];
    for (const name of key.files) {
      const storePath = `${preview.storeDirectory}\\${name}`;
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
        source: `${preview.sourceDir}\\${name}`,
        target: `${preview.targetDir}\\${name}`,
        ...(inStore !== undefined && { inStore }),
      });
    }
    previews.push({
      ...base,
      downloads: policy.allowed,
      reason: policy.reason,
      sourceDir: preview.sourceDir,
      targetDir: preview.targetDir,
      files,
    });
  }
}

interface Refusal {
  /** Reported once per key and id; undefined: reported for every environment. */
  readonly onceId?: string;
  readonly finding: Pick<Finding, 'rule' | 'severity' | 'message' | 'valueName'>;
  /** The preview's reason. */
  readonly reason: string;
}

/** The finding and preview reason of a key a client of `environment` would not download. */
function refusalOf(
  preview: Extract<CopyFilesPreview, { downloads: false }>,
  key: CopyFilesKey,
  environment: string,
): Refusal {
  if (preview.side === 'server') {
    if (preview.refused === 'module') {
      return {
        finding: {
          rule: 'CF107',
          severity: VALIDATOR_RULES.CF107.severity,
          message: `for ${environment}, ${key.module ?? 'the module'} GenerateCopyFilePaths fails on the server: ${preview.error ?? win32ErrorName(preview.status)}`,
          valueName: 'Module',
        },
        reason: `server-side GenerateCopyFilePaths failed (${win32ErrorName(preview.status)})`,
      };
    }
    return {
      onceId: `CF108:${preview.what}`,
      finding: {
        rule: 'CF108',
        severity: VALIDATOR_RULES.CF108.severity,
        message: `for ${environment}, after the server-side module ${preview.what}`,
      },
      reason: `the server's paths are refused: ${preview.what}`,
    };
  }
  const what = preview.refused === 'module' ? `fails (${win32ErrorName(preview.status)})` : preview.what;
  return {
    onceId: `CF108c:${what}`,
    finding: {
      rule: preview.refused === 'module' ? 'CF107' : 'CF108',
      severity: 'error',
      message: `for ${environment}, the client-side module ${what}`,
    },
    reason: `the client-side module ${what}`,
  };
}
