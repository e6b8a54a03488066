/**
 * Where separator page files live. Windows keeps its samples (sysprint.sep, pcl.sep,
 * pscript.sep) in %SystemRoot%\System32 and the printer's `Separator File` names one by full
 * path. pointprint emulates that folder by a directory of the fixture (`<fixture>/System32`,
 * see docs/spooler-decisions.md): a value `C:\Windows\System32\x.sep`, `%SystemRoot%\System32\x.sep`
 * or a relative `x.sep` names `<root>/x.sep`. Anything else (another drive or folder, a UNC path,
 * `..`, a DOS device) is refused with a PathEscapeError, and a symbolic link may not lead out of
 * the root either.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PathEscapeError } from '../../common/errors';
import { splitWindowsPath } from '../../drivers/windows-path';

const SYSTEM32_PREFIX = /^(?:[A-Za-z]:\\Windows|%SystemRoot%|%windir%)\\System32\\/i;

/** The POSIX path under `root` that a separator file name stands for. */
export function separatorFilePath(root: string, windowsPath: string): string {
  const relative = windowsPath.replace(/\//g, '\\').replace(SYSTEM32_PREFIX, '');
  const parts = splitWindowsPath(relative);
  if (parts.length === 0) throw new PathEscapeError(windowsPath, 'names the folder, not a file');
  return path.join(root, ...parts);
}

/**
 * Reads a separator file (or a \F file) under `root`. Undefined when it does not exist;
 * PathEscapeError when the name, or the real path behind a link, leaves the root.
 */
export async function readSeparatorFile(root: string, windowsPath: string): Promise<Buffer | undefined> {
  const file = separatorFilePath(root, windowsPath);
  let real: string;
  let realRoot: string;
  try {
    real = await fs.realpath(file);
    realRoot = await fs.realpath(root);
  } catch {
    return undefined;
  }
  const rel = path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new PathEscapeError(windowsPath, 'leads out of its folder');
  try {
    return await fs.readFile(real);
  } catch {
    return undefined;
  }
}
