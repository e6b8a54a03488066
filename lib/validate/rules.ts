/**
 * The rules `pointprint validate` reports, each with a stable id. CF001–CF019 are the key rules
 * the server and the client apply too (lib/point-and-print/copy-files-key.ts); CF1xx need what
 * only the validator has: the drivers store, the module registry, the client policies and the
 * server-side modules run for each client environment.
 */
import { COPY_FILES_KEY_RULES } from '../point-and-print/copy-files-key';
import type { CopyFilesRule } from '../point-and-print/copy-files-key';

export const VALIDATOR_RULES = {
  CF101: {
    id: 'CF101',
    severity: 'error',
    refusesKey: false,
    summary: 'a Files entry is not in the drivers store under PRINT$\\<Directory>',
  },
  CF102: {
    id: 'CF102',
    severity: 'info',
    refusesKey: false,
    summary: 'a file or directory is found only in another case (Windows matches case-insensitively)',
  },
  CF103: {
    id: 'CF103',
    severity: 'warning',
    refusesKey: false,
    summary: 'Module is not known to the module registry (clients without it skip the key)',
  },
  CF104: {
    id: 'CF104',
    severity: 'warning',
    refusesKey: false,
    summary: "the clients' CopyFilesPolicy does not process this key",
  },
  CF105: {
    id: 'CF105',
    severity: 'error',
    refusesKey: false,
    summary: 'Module is also downloaded through Files (the CopyFiles abuse Windows now blocks)',
  },
  CF106: { id: 'CF106', severity: 'warning', refusesKey: false, summary: 'Files include executable code' },
  CF107: {
    id: 'CF107',
    severity: 'error',
    refusesKey: false,
    summary: "the server-side module's GenerateCopyFilePaths fails",
  },
  CF108: {
    id: 'CF108',
    severity: 'error',
    refusesKey: false,
    summary: 'after the modules, SourceDir leaves PRINT$ or TargetDir leaves the drivers directory',
  },
  CF109: { id: 'CF109', severity: 'info', refusesKey: false, summary: 'CopyFiles key has no component subkeys' },
  CF110: { id: 'CF110', severity: 'error', refusesKey: false, summary: 'the Directory is not in the drivers store' },
  CF111: { id: 'CF111', severity: 'warning', refusesKey: false, summary: 'no printers found in the input' },
} as const satisfies Record<string, CopyFilesRule>;

export const ALL_RULES: Readonly<Record<string, CopyFilesRule>> = { ...COPY_FILES_KEY_RULES, ...VALIDATOR_RULES };

/** Extensions of files Windows executes or loads as code. */
export const EXECUTABLE_EXTENSIONS = [
  '.dll',
  '.exe',
  '.sys',
  '.ocx',
  '.cpl',
  '.scr',
  '.com',
  '.drv',
  '.bat',
  '.cmd',
  '.ps1',
  '.vbs',
  '.js',
  '.msi',
  '.inf',
];
