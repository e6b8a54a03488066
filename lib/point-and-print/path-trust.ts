/**
 * What a client trusts of the paths a server (or a module) hands it. The server is not trusted:
 * nothing it says may place a file outside `%SystemRoot%\System32\spool\drivers` or fetch one
 * from another machine (DESIGN.md, "The flow every part serves"). The client and the validator's
 * preview apply the same checks, so the preview says what a client would refuse.
 *
 *   SourceDir  `\\SERVER\share[\path]` on the server this connection reaches, never climbing out
 *              of its share (sourceDirProblem); the validator also needs it on PRINT$ to look
 *              the files up in the store (relativeToPrintShare).
 *   TargetDir  as the server sends it: a relative Windows path (relativePathProblem); after the
 *              client's module: a full path below the client's drivers directory
 *              (relativeToDriversDirectory).
 */
import { parseUnc } from '../common/unc';
import { DRIVERS_SHARE } from '../spoolss/constants';
import { checkRelativeWindowsPath, sameWindowsName } from './windows-names';

export type RelativePathResult =
  | { readonly ok: true; readonly relative: string }
  /** `path` is the part the refusal is about (the whole path, or the relative part of it). */
  | { readonly ok: false; readonly path: string; readonly detail: string };

/** Why a client refuses a SourceDir from `serverName`, or undefined when it is acceptable. */
export function sourceDirProblem(sourceDir: string, serverName: string): string | undefined {
  if (!/^\\\\[^\\]+\\[^\\]+/.test(sourceDir)) return 'is not a \\\\SERVER\\share path';
  const unc = parseUnc(sourceDir);
  if (!sameWindowsName(unc.server, serverName)) return `names another server than ${serverName}`;
  if (unc.path !== undefined && checkRelativeWindowsPath(unc.path)) return 'climbs out of its share';
  return undefined;
}

/** Why a relative path (a TargetDir as sent) is refused, or undefined: no root, drive, UNC or `..`. */
export function relativePathProblem(path: string): string | undefined {
  return checkRelativeWindowsPath(path)?.detail;
}

/**
 * The part of a full client path below `driversDirectory` (`C:\Windows\System32\spool\drivers`),
 * compared case-insensitively, trailing separators dropped; refused when it is anywhere else.
 */
export function relativeToDriversDirectory(driversDirectory: string, windowsPath: string): RelativePathResult {
  const prefix = `${driversDirectory}\\`;
  if (windowsPath.length <= prefix.length || !sameWindowsName(windowsPath.slice(0, prefix.length), prefix)) {
    return { ok: false, path: windowsPath, detail: `not below ${driversDirectory}` };
  }
  const relative = windowsPath.slice(prefix.length).replace(/\\+$/, '');
  const problem = checkRelativeWindowsPath(relative);
  return problem ? { ok: false, path: relative, detail: problem.detail } : { ok: true, relative };
}

/** The directory of a SourceDir relative to `\\SERVER\PRINT$` (where the drivers store can be searched). */
export function relativeToPrintShare(sourceDir: string, serverName: string): RelativePathResult {
  const shareRoot = `\\\\${serverName}\\${DRIVERS_SHARE}\\`;
  if (!sourceDir.toUpperCase().startsWith(shareRoot.toUpperCase()))
    return { ok: false, path: sourceDir, detail: `is not on ${DRIVERS_SHARE}` };
  const relative = sourceDir.slice(shareRoot.length);
  const problem = checkRelativeWindowsPath(relative);
  return problem ? { ok: false, path: relative, detail: problem.detail } : { ok: true, relative };
}
