/**
 * SourceDir and TargetDir: the two REG_SZ values a Windows print server appends to a
 * `CopyFiles\<name>` key while a remote client enumerates it (they are never in its registry),
 * and the paths each side builds from them ("Download queue-specific files", seed 004):
 *
 *   server module input   SourceDir \\SERVER\PRINT$\<Directory>   TargetDir <Directory>
 *   client module input   SourceDir as the server sent it           TargetDir %SystemRoot%\System32\spool\drivers\<TargetDir>
 *
 * SERVER is the name the client used (NetBIOS, DNS or IP). A server that is not Windows (Samba)
 * sends neither value; the client then derives them as a Windows server would (windowsServerPaths).
 */
import type { RegValue } from '../common/reg-value';
import { DRIVERS_SHARE } from '../spoolss/constants';
import { sameWindowsName } from './windows-names';

export const SOURCE_DIR_VALUE = 'SourceDir';
export const TARGET_DIR_VALUE = 'TargetDir';

/** The Windows name a client's %SystemRoot% stands for, as modules and traces see it. */
export const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';
/** Where queue-specific and driver files land, below %SystemRoot%. */
export const SPOOL_DRIVERS_RELATIVE = ['System32', 'spool', 'drivers'] as const;

export interface CopyFilesPaths {
  readonly sourceDir: string;
  readonly targetDir: string;
}

/** SourceDir or TargetDir (case-insensitive): values only the server makes up. */
export function isSyntheticPathValue(name: string): boolean {
  return sameWindowsName(name, SOURCE_DIR_VALUE) || sameWindowsName(name, TARGET_DIR_VALUE);
}

/** The key's own values, without SourceDir/TargetDir (a stored copy is shadowed by the synthetic one). */
export function withoutSyntheticPaths(values: readonly RegValue[]): RegValue[] {
  return values.filter((v) => !isSyntheticPathValue(v.name));
}

/** The SourceDir and TargetDir a server sent with a key; a value that is absent or not a string is undefined. */
export function sentCopyFilesPaths(values: readonly RegValue[]): {
  readonly sourceDir?: string;
  readonly targetDir?: string;
} {
  const text = (name: string): string | undefined => {
    const v = values.find((x) => sameWindowsName(x.name, name));
    return v && typeof v.value === 'string' ? v.value : undefined;
  };
  const sourceDir = text(SOURCE_DIR_VALUE);
  const targetDir = text(TARGET_DIR_VALUE);
  return { ...(sourceDir !== undefined && { sourceDir }), ...(targetDir !== undefined && { targetDir }) };
}

/** What a Windows server gives its module, and returns when the module leaves them: `\\SERVER\PRINT$\<Directory>` and `<Directory>`. */
export function windowsServerPaths(serverName: string, directory: string): CopyFilesPaths {
  return { sourceDir: `\\\\${serverName}\\${DRIVERS_SHARE}\\${directory}`, targetDir: directory };
}

/** `C:\Windows\System32\spool\drivers` for a client whose %SystemRoot% is `systemRoot`. */
export function clientDriversDirectory(systemRoot: string = DEFAULT_SYSTEM_ROOT): string {
  return [systemRoot, ...SPOOL_DRIVERS_RELATIVE].join('\\');
}

/** `<drivers directory>\<relative>`: the full client path of a TargetDir (or a driver file) already checked. */
export function belowDriversDirectory(driversDirectory: string, relative: string): string {
  return `${driversDirectory}\\${relative}`;
}
