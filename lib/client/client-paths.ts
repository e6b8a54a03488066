/**
 * The client's %SystemRoot% on disk (the client root) and the one place files from a server may
 * land: `<client root>/System32/spool/drivers`. Every name a server sent goes through
 * checkRelativeWindowsPath / checkPlainFileName first; directories are then matched
 * case-insensitively (Windows semantics on a POSIX disk: an existing `color` serves `Color`,
 * a missing one is created with the server's spelling), symbolic links are refused, and files
 * are written under a temporary name and renamed, so no half-written file has its final name
 * (lib/common/stream-to-file.ts). A download is checked against the size the server announced
 * and against the client's download limit; a full disk stops it with ERROR_DISK_FULL; its
 * `.partial` file never stays, and those an interrupted run left are removed at the next start.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { PathEscapeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { removeLeftoverPartials, writeStreamToFile } from '../common/stream-to-file';
import {
  belowDriversDirectory,
  clientDriversDirectory,
  DEFAULT_SYSTEM_ROOT,
  SPOOL_DRIVERS_RELATIVE,
} from '../point-and-print/copy-files-paths';
import { relativeToDriversDirectory } from '../point-and-print/path-trust';
import { checkPlainFileName, checkRelativeWindowsPath, sameWindowsName } from '../point-and-print/windows-names';

/** Windows' own folders under spool\drivers that a fresh client has. */
const SKELETON = ['color'];

/** The largest file a client downloads unless told otherwise (`--max-download-size`, `maxDownloadSize`). */
export const DEFAULT_MAX_DOWNLOAD_SIZE = 1024 * 1024 * 1024;

export class ClientPaths {
  /** No download may be larger (bytes). */
  maxDownloadSize = DEFAULT_MAX_DOWNLOAD_SIZE;

  constructor(
    /** The client root on disk. */
    readonly root: string,
    /** Its Windows name (`C:\Windows`). */
    readonly systemRoot: string = DEFAULT_SYSTEM_ROOT,
  ) {}

  /** `<root>/System32/spool/drivers` on disk. */
  get driversDir(): string {
    return path.join(this.root, ...SPOOL_DRIVERS_RELATIVE);
  }

  /** `C:\Windows\System32\spool\drivers`. */
  get driversWindowsPath(): string {
    return clientDriversDirectory(this.systemRoot);
  }

  /**
   * Creates the client root's spool\drivers (and Windows' color folder) when missing, and removes
   * the `.partial` files of downloads an interrupted run left there.
   */
  async ensureSkeleton(logger?: Logger): Promise<void> {
    for (const d of SKELETON) await fs.mkdir(path.join(this.driversDir, d), { recursive: true });
    const removed = await removeLeftoverPartials(this.driversDir);
    if (removed.length > 0) logger?.info('partial downloads of an interrupted run removed', { files: removed });
  }

  /** `C:\Windows\System32\spool\drivers\<relative>` for a relative Windows path already checked. */
  windowsPathOf(relative: string): string {
    return belowDriversDirectory(this.driversWindowsPath, relative);
  }

  /**
   * The relative part of a full Windows path below spool\drivers (what a client-side module
   * returned as TargetDir), or a PathEscapeError when it is anywhere else.
   */
  relativeToDrivers(windowsPath: string): string {
    const result = relativeToDriversDirectory(this.driversWindowsPath, windowsPath);
    if (!result.ok) throw new PathEscapeError(result.path, result.detail);
    return result.relative;
  }

  /**
   * The directory on disk for a relative Windows path below spool\drivers, created when missing.
   * Existing components are matched case-insensitively; a symbolic link anywhere is refused.
   */
  async directoryFor(relative: string): Promise<string> {
    checkRelative(relative);
    await fs.mkdir(this.driversDir, { recursive: true });
    let dir = this.driversDir;
    for (const part of relative.split(/[\\/]/)) {
      const existing = await matchEntry(dir, part);
      const next = path.join(dir, existing ?? part);
      if (existing === undefined) {
        await fs.mkdir(next);
      } else {
        const st = await fs.lstat(next);
        if (st.isSymbolicLink()) throw new PathEscapeError(relative, `"${existing}" is a symbolic link on the client`);
        if (!st.isDirectory())
          throw new PathEscapeError(relative, `"${existing}" is a file on the client, not a directory`);
      }
      dir = next;
    }
    const real = await fs.realpath(dir);
    const base = await fs.realpath(this.driversDir);
    if (real !== base && !real.startsWith(base + path.sep))
      throw new PathEscapeError(relative, 'resolves outside spool\\drivers');
    return dir;
  }

  /**
   * Writes `source` to `<dir>/<fileName>` via a temporary name and a rename. An existing file of
   * the same name in another case is replaced under its on-disk name. `announcedSize` is the
   * size the server gave (end of file): the copy must have exactly that many bytes, and no more
   * than maxDownloadSize. Returns the final path.
   */
  async writeFileAtomically(
    dir: string,
    fileName: string,
    source: NodeJS.ReadableStream,
    announcedSize?: number,
    from?: string,
  ): Promise<string> {
    const problem = checkPlainFileName(fileName);
    if (problem) throw new PathEscapeError(fileName, problem.detail);
    const existing = await matchEntry(dir, fileName);
    const finalPath = path.join(dir, existing ?? fileName);
    if (existing !== undefined && (await fs.lstat(finalPath)).isDirectory()) {
      throw new PathEscapeError(fileName, 'a directory of that name exists on the client');
    }
    await writeStreamToFile(finalPath, source, {
      maxSize: this.maxDownloadSize,
      ...(announcedSize !== undefined && { expectedSize: announcedSize }),
      source: from ?? fileName,
    });
    return finalPath;
  }

  /** Every file under the client root, as sorted relative POSIX paths (for the demo's tree). */
  async listTree(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          out.push(`${r}/`);
          await walk(path.join(dir, e.name), r);
        } else out.push(r);
      }
    };
    await walk(this.root, '');
    return out;
  }
}

function checkRelative(relative: string): void {
  const problem = checkRelativeWindowsPath(relative);
  if (problem) throw new PathEscapeError(relative, problem.detail);
}

/** The on-disk name in `dir` matching `name`: exact case first, then case-insensitive. */
async function matchEntry(dir: string, name: string): Promise<string | undefined> {
  // The exact name usually exists: one lstat rather than listing a directory of thousands of files.
  try {
    await fs.lstat(path.join(dir, name));
    return name;
  } catch {
    // not under this exact name: look case-insensitively
  }
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return undefined;
  }
  if (names.includes(name)) return name;
  return names.sort().find((n) => sameWindowsName(n, name));
}
