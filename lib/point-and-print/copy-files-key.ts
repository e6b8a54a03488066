/**
 * One `CopyFiles\<Component>` key of a printer, read and checked — the rules the server (before
 * it adds SourceDir/TargetDir), the client (before it downloads) and `pointprint validate` share.
 *
 * Values (Installing Queue-Specific Files, learn.microsoft.com print/installing-queue-specific-files):
 *   Directory  REG_SZ        relative to PRINT$ (%SystemRoot%\System32\spool\drivers), e.g. `Color`
 *   Files      REG_MULTI_SZ  file names in Directory, downloaded to every connecting client
 *   Module     REG_SZ        optional Point-and-Print DLL (GenerateCopyFilePaths, SpoolerCopyFileEvent)
 *
 * Windows documents the values but not what it does with malformed ones. Our decisions, marked
 * DEVIATION where they may differ from Windows, always fail closed: a key whose files could land
 * outside their directory, or whose Module is a path, is unusable (the server refuses it, the
 * client skips it); the other keys of the printer are unaffected.
 */
import { RegType, regTypeName } from '../common/reg-value';
import type { RegValue } from '../common/reg-value';
import { COPY_FILES_KEY, MAX_PATH } from './constants';
import { checkPlainFileName, checkRelativeWindowsPath, isBareDllFileName, sameWindowsName } from './windows-names';

export interface CopyFilesKey {
  /** `CopyFiles\ICM`, as the registry spells it. */
  readonly keyName: string;
  /** `ICM`. */
  readonly component: string;
  readonly directory: string;
  /** The Files entries, duplicates (case-insensitive) removed, in registry order. */
  readonly files: readonly string[];
  /** The Module value; undefined when absent or empty. */
  readonly module?: string;
}

export type CopyFilesSeverity = 'error' | 'warning' | 'info';

export interface CopyFilesProblem {
  /** A stable id from COPY_FILES_KEY_RULES. */
  readonly rule: string;
  readonly severity: CopyFilesSeverity;
  readonly message: string;
  /** The value concerned; undefined for the key itself. */
  readonly valueName?: string;
}

export interface CopyFilesRule {
  readonly id: string;
  readonly severity: CopyFilesSeverity;
  /** Whether a finding makes the key unusable (the server refuses it, the client skips it). */
  readonly refusesKey: boolean;
  readonly summary: string;
}

/** The key rules, by stable id. Severity `error` always means the key is refused. */
export const COPY_FILES_KEY_RULES = {
  CF001: { id: 'CF001', severity: 'error', refusesKey: true, summary: 'Directory value is missing' },
  CF002: { id: 'CF002', severity: 'error', refusesKey: true, summary: 'Directory value is not REG_SZ' },
  CF003: { id: 'CF003', severity: 'error', refusesKey: true, summary: 'a Files entry leaves its directory' },
  CF004: {
    id: 'CF004',
    severity: 'error',
    refusesKey: true,
    summary: 'Directory leaves PRINT$ (absolute, drive, UNC or ..)',
  },
  CF005: { id: 'CF005', severity: 'error', refusesKey: true, summary: 'Files value is missing' },
  CF006: { id: 'CF006', severity: 'error', refusesKey: true, summary: 'Files value is not REG_MULTI_SZ' },
  CF007: { id: 'CF007', severity: 'warning', refusesKey: false, summary: 'Files lists no file' },
  CF008: { id: 'CF008', severity: 'error', refusesKey: true, summary: 'a Files entry is not a plain file name' },
  CF009: {
    id: 'CF009',
    severity: 'warning',
    refusesKey: false,
    summary: 'a Files entry is listed twice (case-insensitive)',
  },
  CF010: { id: 'CF010', severity: 'error', refusesKey: true, summary: 'Module value is not REG_SZ' },
  CF011: { id: 'CF011', severity: 'error', refusesKey: true, summary: 'Module is a path, not a bare DLL file name' },
  CF012: { id: 'CF012', severity: 'warning', refusesKey: false, summary: 'Module does not end in .dll' },
  CF013: {
    id: 'CF013',
    severity: 'warning',
    refusesKey: false,
    summary: 'Module value is empty (no module is called)',
  },
  CF014: { id: 'CF014', severity: 'warning', refusesKey: false, summary: 'unknown value in a CopyFiles key' },
  CF015: { id: 'CF015', severity: 'error', refusesKey: true, summary: 'CopyFiles key has no values' },
  CF016: { id: 'CF016', severity: 'error', refusesKey: true, summary: 'Directory is not a usable relative path' },
  CF017: { id: 'CF017', severity: 'error', refusesKey: true, summary: 'Directory is too long for the spooler buffer' },
  CF018: {
    id: 'CF018',
    severity: 'warning',
    refusesKey: false,
    summary: 'key is not directly below CopyFiles and is not processed',
  },
  CF019: {
    id: 'CF019',
    severity: 'warning',
    refusesKey: false,
    summary: 'SourceDir/TargetDir stored in the registry (the server makes them up)',
  },
} as const satisfies Record<string, CopyFilesRule>;

export type CopyFilesKeyRuleId = keyof typeof COPY_FILES_KEY_RULES;

const KNOWN_VALUES = ['Directory', 'Files', 'Module'];
/** Values the server synthesises during EnumPrinterDataEx; stored copies are shadowed. */
const SYNTHETIC_VALUES = ['SourceDir', 'TargetDir'];

/** `CopyFiles\X`: exactly one level below CopyFiles (the only keys the spooler processes). Case-insensitive. */
export function isCopyFilesKeyName(keyName: string): boolean {
  const parts = keyName.split('\\');
  return parts.length === 2 && sameWindowsName(parts[0] ?? '', COPY_FILES_KEY) && (parts[1] ?? '').length > 0;
}

/** `CopyFiles\ICM` or `CopyFiles\A\B` (anything below CopyFiles). */
export function isUnderCopyFilesKey(keyName: string): boolean {
  const parts = keyName.split('\\');
  return parts.length >= 2 && sameWindowsName(parts[0] ?? '', COPY_FILES_KEY);
}

function problem(rule: CopyFilesKeyRuleId, message: string, valueName?: string): CopyFilesProblem {
  return {
    rule,
    severity: COPY_FILES_KEY_RULES[rule].severity,
    message,
    ...(valueName !== undefined && { valueName }),
  };
}

/**
 * Reads one CopyFiles key's values and checks them. `key` is undefined when the key is unusable;
 * `problems` says why, and also carries the warnings of a usable key.
 */
export function readCopyFilesKey(
  keyName: string,
  values: readonly RegValue[],
): { readonly key?: CopyFilesKey; readonly problems: readonly CopyFilesProblem[] } {
  const problems: CopyFilesProblem[] = [];
  if (!isCopyFilesKeyName(keyName)) {
    problems.push(
      problem('CF018', `${keyName} is not of the form CopyFiles\\<Component>; the spooler does not process it`),
    );
    return { problems };
  }
  const component = keyName.split('\\')[1] ?? '';
  if (values.length === 0) {
    problems.push(problem('CF015', `${keyName} has no values (needs Directory and Files)`));
    return { problems };
  }
  const find = (name: string): RegValue | undefined => values.find((v) => sameWindowsName(v.name, name));

  for (const v of values) {
    if (KNOWN_VALUES.some((n) => sameWindowsName(n, v.name))) continue;
    if (SYNTHETIC_VALUES.some((n) => sameWindowsName(n, v.name))) {
      problems.push(
        problem(
          'CF019',
          `${v.name} is stored in the registry; the server replaces it with its own during EnumPrinterDataEx`,
          v.name,
        ),
      );
    } else {
      problems.push(
        problem(
          'CF014',
          `unknown value "${v.name}" (${regTypeName(v.type)}) is copied to clients but not used`,
          v.name,
        ),
      );
    }
  }

  const directory = readDirectory(find('Directory'), problems);
  const files = readFiles(find('Files'), problems);
  const module = readModule(find('Module'), problems);

  const refused = problems.some((p) => p.severity === 'error');
  if (refused || directory === undefined || files === undefined) return { problems };
  return {
    key: { keyName, component, directory, files, ...(module !== undefined && { module }) },
    problems,
  };
}

function readDirectory(value: RegValue | undefined, problems: CopyFilesProblem[]): string | undefined {
  if (!value) {
    problems.push(problem('CF001', 'Directory is missing: the key names no directory under PRINT$'));
    return undefined;
  }
  // DEVIATION: Windows' handling of REG_EXPAND_SZ here is not documented; the docs say REG_SZ and we
  // refuse anything else, so an environment variable is never expanded into a path.
  if (value.type !== RegType.REG_SZ) {
    problems.push(problem('CF002', `Directory is ${regTypeName(value.type)}, expected REG_SZ`, value.name));
    return undefined;
  }
  // A trailing separator (`Color\`) names the same directory; it is dropped so paths join cleanly.
  const directory = (value.value as string).replace(/(?<=[^\\/])[\\/]+$/, '');
  if (directory.length === 0) {
    problems.push(
      problem('CF016', 'Directory is empty: files would land in the root of the drivers directory', value.name),
    );
    return undefined;
  }
  const pathProblem = checkRelativeWindowsPath(directory);
  if (pathProblem?.kind === 'escapes') {
    problems.push(
      problem('CF004', `Directory "${directory}" ${pathProblem.detail}: it must stay below PRINT$`, value.name),
    );
    return undefined;
  }
  if (pathProblem) {
    problems.push(problem('CF016', `Directory "${directory}" ${pathProblem.detail}`, value.name));
    return undefined;
  }
  // The longest path built from it is the client's %SystemRoot%\System32\spool\drivers\<Directory>;
  // we only know that the relative part alone must leave room in a MAX_PATH buffer.
  if (directory.length + 1 > MAX_PATH) {
    problems.push(
      problem(
        'CF017',
        `Directory is ${directory.length} characters; paths built from it exceed MAX_PATH (${MAX_PATH})`,
        value.name,
      ),
    );
    return undefined;
  }
  return directory;
}

function readFiles(value: RegValue | undefined, problems: CopyFilesProblem[]): string[] | undefined {
  if (!value) {
    problems.push(problem('CF005', 'Files is missing: the key names no file to download'));
    return undefined;
  }
  // DEVIATION: a REG_SZ Files value is refused rather than read as a one-entry list (undocumented).
  if (value.type !== RegType.REG_MULTI_SZ) {
    problems.push(problem('CF006', `Files is ${regTypeName(value.type)}, expected REG_MULTI_SZ`, value.name));
    return undefined;
  }
  const entries = value.value as readonly string[];
  if (entries.length === 0)
    problems.push(problem('CF007', 'Files is an empty list: nothing is downloaded', value.name));
  const files: string[] = [];
  let bad = false;
  for (const entry of entries) {
    const p = checkPlainFileName(entry);
    if (p?.kind === 'escapes') {
      problems.push(problem('CF003', `"${entry}" leaves its directory (${p.detail})`, value.name));
      bad = true;
    } else if (p) {
      // DEVIATION: the docs only promise plain file names; a sub-path or wildcard is refused.
      problems.push(problem('CF008', `"${entry}" ${p.detail}`, value.name));
      bad = true;
    } else if (files.some((f) => sameWindowsName(f, entry))) {
      problems.push(problem('CF009', `"${entry}" is listed more than once`, value.name));
    } else {
      files.push(entry);
    }
  }
  return bad ? undefined : files;
}

function readModule(value: RegValue | undefined, problems: CopyFilesProblem[]): string | undefined {
  if (!value) return undefined;
  if (value.type !== RegType.REG_SZ) {
    problems.push(problem('CF010', `Module is ${regTypeName(value.type)}, expected REG_SZ`, value.name));
    return undefined;
  }
  const module = value.value as string;
  if (module.length === 0) {
    problems.push(problem('CF013', 'Module is empty: no Point-and-Print module is called', value.name));
    return undefined;
  }
  if (!isBareDllFileName(module)) {
    problems.push(
      problem(
        'CF011',
        `Module "${module}" is not a bare DLL file name; only modules resident on the machine are loaded`,
        value.name,
      ),
    );
    return undefined;
  }
  if (!/\.dll$/i.test(module)) {
    problems.push(problem('CF012', `Module "${module}" does not end in .dll`, value.name));
  }
  return module;
}
