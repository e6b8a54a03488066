/**
 * The rules `pointprint validate` reports, each with a stable id. CF001–CF019 are the key rules
 * the server and the client apply too (lib/point-and-print/copy-files-key.ts); CF1xx need what
 * only the validator has: the drivers store, the module registry, the client policies and the
 * server-side modules run for each client environment. PK0xx check driver packages (Package
 * Point and Print): the CAB a package-aware driver's InfPath names in PRINT$\<arch>\PCC, its
 * INF against the driver's registry entry and files, and against the queues' CopyFiles keys.
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
  CF112: {
    id: 'CF112',
    severity: 'error',
    refusesKey: false,
    summary: 'a key of the printer could not be read from the server, so it was not checked',
  },
} as const satisfies Record<string, CopyFilesRule>;

const pk = (id: string, severity: CopyFilesRule['severity'], summary: string): CopyFilesRule => ({
  id,
  severity,
  refusesKey: false,
  summary,
});

export const PACKAGE_RULES = {
  PK001: pk(
    'PK001',
    'error',
    'the driver package CAB does not open (not a cabinet, a name that escapes, a limit, a checksum)',
  ),
  PK002: pk(
    'PK002',
    'error',
    'a driver marked package-aware has no package (no InfPath in the driver store, or no CAB for it)',
  ),
  PK003: pk('PK003', 'error', "the package's INF is missing or does not name the driver"),
  PK004: pk('PK004', 'error', 'the INF names a file the CAB lacks'),
  PK005: pk(
    'PK005',
    'error',
    "the INF's driver sections and the registry's driver entry disagree on the driver's files",
  ),
  PK006: pk('PK006', 'warning', "the package installs a driver file the registry's driver entry does not list"),
  PK007: pk('PK007', 'warning', 'the package-aware attribute and the package disagree'),
  PK008: pk('PK008', 'error', 'the core driver dependencies are inconsistent or have no core driver on the server'),
  PK009: pk(
    'PK009',
    'warning',
    'a file differs between the package and PRINT$\\<arch>\\<version> (package and legacy clients differ)',
  ),
  PK010: pk('PK010', 'error', "a queue's CopyFiles key and the driver's package put a file in different directories"),
  PK011: pk('PK011', 'info', "a file of a queue's CopyFiles key is not in the driver's package"),
  PK012: pk(
    'PK012',
    'error',
    'the INF has problems (missing sections, unreadable DriverVer ...): clients refuse the package',
  ),
} as const satisfies Record<string, CopyFilesRule>;

export type PackageRuleId = keyof typeof PACKAGE_RULES;

export const ALL_RULES: Readonly<Record<string, CopyFilesRule>> = {
  ...COPY_FILES_KEY_RULES,
  ...VALIDATOR_RULES,
  ...PACKAGE_RULES,
};

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
