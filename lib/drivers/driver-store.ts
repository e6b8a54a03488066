/**
 * The drivers store behind the PRINT$ share (`%SystemRoot%\System32\spool\drivers` on Windows):
 * a POSIX directory tree read with Windows path semantics.
 *
 * - Names match case-insensitively; an exact-case match wins when a POSIX tree holds several
 *   spellings of one name, otherwise the first in sorted order.
 * - Every path goes through splitWindowsPath (no "..", drives, UNC, devices, streams).
 * - Every step is checked with realpath: a symbolic link may point elsewhere inside the store,
 *   never outside it (PathEscapeError).
 * - Files are read by range or as streams, never whole, so large driver packages stay cheap.
 * - Writes go through driver-store-writer.ts, and only into a store opened writable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, PathEscapeError, PointPrintError } from '../common/errors';
import { joinWindowsPath, splitWindowsPath } from './windows-path';

export interface DriverStoreEntry {
  /** The name as it is on disk ('' for the root). */
  readonly name: string;
  /** Windows relative path with backslashes, in on-disk case; '' for the root. */
  readonly path: string;
  /** The resolved POSIX path (symbolic links followed, inside the store). */
  readonly realPath: string;
  readonly isDirectory: boolean;
  readonly size: number;
  readonly mtime: Date;
  readonly ctime: Date;
  readonly atime: Date;
  readonly birthtime: Date;
}

/** A lookup that found nothing usable: the caller maps it (STATUS_OBJECT_NAME_NOT_FOUND, ...). */
export class DriverStoreLookupError extends PointPrintError {
  override readonly code = 'ERR_DRIVER_STORE_LOOKUP';
  constructor(
    readonly windowsPath: string,
    readonly reason: 'not-found' | 'not-a-directory' | 'is-a-directory',
  ) {
    super(`${reason.replace(/-/g, ' ')}: "${windowsPath}"`);
  }
}

/** A read range that is negative, not an integer, or larger than MAX_READ_LENGTH. */
export class InvalidReadRangeError extends PointPrintError {
  override readonly code = 'ERR_INVALID_READ_RANGE';
}

/** The largest range one read may ask for (an SMB2 READ is at most 8 MiB). */
export const MAX_READ_LENGTH = 16 * 1024 * 1024;

const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW;

const isNotFound = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
};

/** Whether a directory entry of exactly this name exists (a link counts: confine() checks where it leads). */
async function existsExactly(p: string): Promise<boolean> {
  try {
    await fs.promises.lstat(p);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

export class DriverStore {
  private constructor(
    /** The store's real path (symbolic links resolved). */
    readonly root: string,
    /** Whether DriverStoreWriter may change it (a state folder's copy; never a fixture's). */
    readonly writable: boolean,
  ) {}

  /** Opens a store; ConfigError if `root` is not a directory. */
  static async open(root: string, options: { readonly writable?: boolean } = {}): Promise<DriverStore> {
    let real: string;
    try {
      real = await fs.promises.realpath(root);
    } catch (err) {
      throw new ConfigError(`drivers store ${root} does not exist`, { cause: err });
    }
    if (!(await fs.promises.stat(real)).isDirectory())
      throw new ConfigError(`drivers store ${root} is not a directory`);
    return new DriverStore(real, options.writable === true);
  }

  /** Throws PathEscapeError for unsafe names; undefined when not found. '' or '\\' is the root. */
  async resolve(windowsPath: string): Promise<DriverStoreEntry | undefined> {
    const parts = windowsPath === '\\' || windowsPath === '/' ? [] : splitWindowsPath(windowsPath);
    let dir = this.root;
    const names: string[] = [];
    for (const part of parts) {
      // The name as written usually exists as is: one lstat instead of listing the directory
      // (which made a key of thousands of files quadratic). pickMatch prefers that name anyway.
      let match: string | undefined = (await existsExactly(path.join(dir, part))) ? part : undefined;
      if (match === undefined) {
        let onDisk: string[];
        try {
          onDisk = await fs.promises.readdir(dir);
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
        match = pickMatch(onDisk, part);
      }
      if (match === undefined) return undefined;
      const real = await this.confine(path.join(dir, match), windowsPath);
      if (real === undefined) return undefined;
      dir = real;
      names.push(match);
    }
    return this.entryAt(names, dir);
  }

  /** The entries of a directory, sorted by name case-insensitively. Unreachable names are left out. */
  async list(windowsDir: string): Promise<DriverStoreEntry[]> {
    const dir = await this.resolve(windowsDir);
    if (!dir) throw new DriverStoreLookupError(windowsDir, 'not-found');
    if (!dir.isDirectory) throw new DriverStoreLookupError(windowsDir, 'not-a-directory');
    const base = dir.path === '' ? [] : dir.path.split('\\');
    const out: DriverStoreEntry[] = [];
    for (const name of await fs.promises.readdir(dir.realPath)) {
      // A POSIX name Windows could not open ("a:b", "nul", "x.") is not part of the share.
      if (!isReachableName(name)) continue;
      let real: string | undefined;
      try {
        real = await this.confine(path.join(dir.realPath, name), joinWindowsPath([...base, name]));
      } catch (err) {
        if (err instanceof PathEscapeError) continue;
        throw err;
      }
      if (real === undefined) continue;
      const entry = await this.entryAt([...base, name], real);
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => compareNames(a.name, b.name));
  }

  /** Reads `length` bytes at `position` (fewer at the end of the file). */
  async read(entry: DriverStoreEntry, position: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(position) || position < 0)
      throw new InvalidReadRangeError(`bad read position ${position}`);
    if (!Number.isSafeInteger(length) || length < 0 || length > MAX_READ_LENGTH) {
      throw new InvalidReadRangeError(`bad read length ${length} (at most ${MAX_READ_LENGTH})`);
    }
    if (entry.isDirectory) throw new DriverStoreLookupError(entry.path, 'is-a-directory');
    await this.confineExisting(entry);
    const handle = await fs.promises.open(entry.realPath, OPEN_FLAGS);
    try {
      const buffer = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  /** Opens a file of the store for reads, checked once: the caller keeps the handle for its READs. */
  async openFile(entry: DriverStoreEntry): Promise<fs.promises.FileHandle> {
    if (entry.isDirectory) throw new DriverStoreLookupError(entry.path, 'is-a-directory');
    await this.confineExisting(entry);
    return fs.promises.open(entry.realPath, OPEN_FLAGS);
  }

  /** A stream over the file or the inclusive byte range [start, end]. */
  createReadStream(entry: DriverStoreEntry, options: { start?: number; end?: number } = {}): NodeJS.ReadableStream {
    if (entry.isDirectory) throw new DriverStoreLookupError(entry.path, 'is-a-directory');
    const real = fs.realpathSync(entry.realPath);
    if (!this.contains(real)) throw new PathEscapeError(entry.path, 'the file lies outside the drivers store');
    const fd = fs.openSync(real, OPEN_FLAGS);
    return fs.createReadStream(real, { fd, start: options.start, end: options.end, autoClose: true });
  }

  private contains(real: string): boolean {
    return real === this.root || real.startsWith(this.root.endsWith(path.sep) ? this.root : this.root + path.sep);
  }

  /** realpath of `posixPath`, refused if it leaves the store; undefined for a dangling link. */
  private async confine(posixPath: string, windowsPath: string): Promise<string | undefined> {
    let real: string;
    try {
      real = await fs.promises.realpath(posixPath);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    if (!this.contains(real)) throw new PathEscapeError(windowsPath, 'a symbolic link leads outside the drivers store');
    return real;
  }

  /** Entries are plain objects: check the one given back to us still lies in the store. */
  private async confineExisting(entry: DriverStoreEntry): Promise<void> {
    const real = await this.confine(entry.realPath, entry.path);
    if (real === undefined) throw new DriverStoreLookupError(entry.path, 'not-found');
  }

  private async entryAt(names: readonly string[], real: string): Promise<DriverStoreEntry | undefined> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(real);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    return {
      name: names[names.length - 1] ?? '',
      path: joinWindowsPath(names),
      realPath: real,
      isDirectory: stat.isDirectory(),
      size: stat.isDirectory() ? 0 : stat.size,
      mtime: stat.mtime,
      ctime: stat.ctime,
      atime: stat.atime,
      birthtime: stat.birthtime,
    };
  }
}

function compareNames(a: string, b: string): number {
  const A = a.toUpperCase();
  const B = b.toUpperCase();
  if (A !== B) return A < B ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function pickMatch(onDisk: readonly string[], wanted: string): string | undefined {
  if (onDisk.includes(wanted)) return wanted;
  const folded = wanted.toUpperCase();
  return onDisk.filter((n) => n.toUpperCase() === folded).sort()[0];
}

function isReachableName(name: string): boolean {
  try {
    const parts = splitWindowsPath(name);
    return parts.length === 1 && parts[0] === name;
  } catch {
    return false;
  }
}
