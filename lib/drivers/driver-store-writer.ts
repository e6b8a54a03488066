/**
 * Writes into a writable drivers store (PRINT$ for administrators, and AddPrinterDriverEx moving
 * uploaded files into `<arch>\<version>\`), with the store's own confinement:
 *
 * - an existing entry is reached only through DriverStore.resolve (splitWindowsPath, then a
 *   realpath check of every step: a symbolic link never leads out of the store);
 * - a new name is one checked component under a directory resolve found, created with O_EXCL and
 *   O_NOFOLLOW, so it can neither follow a link planted under that name nor replace one;
 * - a file is written through a handle, never buffered whole.
 *
 * A store opened read-only (a fixture's) refuses every write with DriverStoreReadOnlyError.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PointPrintError } from '../common/errors';
import { DriverStoreLookupError, type DriverStore, type DriverStoreEntry } from './driver-store';
import { splitWindowsPath } from './windows-path';

/** A write to a store served read-only (no state folder): the caller answers ACCESS_DENIED. */
export class DriverStoreReadOnlyError extends PointPrintError {
  override readonly code = 'ERR_DRIVER_STORE_READ_ONLY';
}

/** A name that is taken (create, or rename without replace): OBJECT_NAME_COLLISION. */
export class DriverStoreCollisionError extends PointPrintError {
  override readonly code = 'ERR_DRIVER_STORE_COLLISION';
}

/** rmdir of a directory that still has entries: DIRECTORY_NOT_EMPTY. */
export class DriverStoreNotEmptyError extends PointPrintError {
  override readonly code = 'ERR_DRIVER_STORE_NOT_EMPTY';
}

const WRITE_FLAGS = fs.constants.O_RDWR | fs.constants.O_NOFOLLOW;
const CREATE_FLAGS = fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

export class DriverStoreWriter {
  constructor(private readonly store: DriverStore) {}

  /** Creates an empty file (FILE_CREATE and the create branch of the *_IF dispositions). */
  async createFile(windowsPath: string): Promise<DriverStoreEntry> {
    const target = await this.newChild(windowsPath);
    try {
      await (await fs.promises.open(target, CREATE_FLAGS, 0o644)).close();
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') throw new DriverStoreCollisionError(`"${windowsPath}" exists`);
      throw err;
    }
    return this.entry(windowsPath);
  }

  async createDirectory(windowsPath: string): Promise<DriverStoreEntry> {
    const target = await this.newChild(windowsPath);
    try {
      await fs.promises.mkdir(target, 0o755);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') throw new DriverStoreCollisionError(`"${windowsPath}" exists`);
      throw err;
    }
    return this.entry(windowsPath);
  }

  /** A handle for WRITE on an existing file of the store, checked once (the caller keeps it). */
  async openForWrite(entry: DriverStoreEntry): Promise<fs.promises.FileHandle> {
    const real = await this.recheck(entry);
    if (real.isDirectory) throw new DriverStoreLookupError(entry.path, 'is-a-directory');
    return fs.promises.open(real.realPath, WRITE_FLAGS);
  }

  /** FileEndOfFileInformation, and the truncation of FILE_OVERWRITE(_IF) and FILE_SUPERSEDE. */
  async truncate(entry: DriverStoreEntry, size: number): Promise<void> {
    const handle = await this.openForWrite(entry);
    try {
      await handle.truncate(size);
    } finally {
      await handle.close();
    }
  }

  /** FileBasicInformation's times; undefined keeps a time. */
  async setTimes(entry: DriverStoreEntry, atime: Date | undefined, mtime: Date | undefined): Promise<void> {
    const real = await this.recheck(entry);
    await fs.promises.utimes(real.realPath, atime ?? real.atime, mtime ?? real.mtime);
  }

  /** FileRenameInformation within the store; a directory moves with its contents. */
  async rename(entry: DriverStoreEntry, newWindowsPath: string, replaceIfExists: boolean): Promise<DriverStoreEntry> {
    const real = await this.recheck(entry);
    const existing = await this.store.resolve(newWindowsPath);
    let target: string;
    if (existing !== undefined && existing.realPath !== real.realPath) {
      if (!replaceIfExists || existing.isDirectory) {
        throw new DriverStoreCollisionError(`"${newWindowsPath}" exists`);
      }
      target = existing.realPath;
    } else {
      // A new name, or the same file under another case.
      target = await this.newChild(newWindowsPath);
    }
    if (real.isDirectory && (target + path.sep).startsWith(real.realPath + path.sep)) {
      throw new DriverStoreCollisionError(`cannot move "${entry.path}" into itself`);
    }
    await fs.promises.rename(real.realPath, target);
    return this.entry(newWindowsPath);
  }

  /** Delete-on-close: a file, or an empty directory. */
  async remove(entry: DriverStoreEntry): Promise<void> {
    const real = await this.store.resolve(entry.path);
    if (real === undefined) return;
    if (real.realPath === this.store.root) throw new DriverStoreNotEmptyError('the root of the store');
    if (!real.isDirectory) {
      await fs.promises.unlink(real.realPath);
      return;
    }
    try {
      await fs.promises.rmdir(real.realPath);
    } catch (err) {
      if (errnoOf(err) === 'ENOTEMPTY' || errnoOf(err) === 'EEXIST') {
        throw new DriverStoreNotEmptyError(`"${entry.path}" is not empty`);
      }
      throw err;
    }
  }

  /** Whether a directory has entries (FileDispositionInformation refuses to mark it). */
  async hasEntries(entry: DriverStoreEntry): Promise<boolean> {
    const real = await this.recheck(entry);
    if (!real.isDirectory) return false;
    const dir = await fs.promises.opendir(real.realPath);
    try {
      return (await dir.read()) !== null;
    } finally {
      await dir.close().catch(() => undefined);
    }
  }

  /** Copies a file of the store over another path of it (AddPrinterDriverEx keeping the upload). */
  async copy(source: DriverStoreEntry, windowsPath: string): Promise<DriverStoreEntry> {
    const from = await this.recheck(source);
    const existing = await this.store.resolve(windowsPath);
    const target = existing?.realPath ?? (await this.newChild(windowsPath));
    await fs.promises.copyFile(from.realPath, target);
    return this.entry(windowsPath);
  }

  /** The POSIX path for a new last component under an existing directory of the store. */
  private async newChild(windowsPath: string): Promise<string> {
    if (!this.store.writable) throw new DriverStoreReadOnlyError(`the drivers store ${this.store.root} is read-only`);
    const parts = splitWindowsPath(windowsPath);
    const name = parts.pop();
    if (name === undefined) throw new DriverStoreCollisionError('the root of the store exists');
    const parentPath = parts.join('\\');
    const parent = await this.store.resolve(parentPath);
    if (parent === undefined) throw new DriverStoreLookupError(parentPath, 'not-found');
    if (!parent.isDirectory) throw new DriverStoreLookupError(parentPath, 'not-a-directory');
    return path.join(parent.realPath, name);
  }

  /** The entry again, through resolve: still in the store, and the store still writable. */
  private async recheck(entry: DriverStoreEntry): Promise<DriverStoreEntry> {
    if (!this.store.writable) throw new DriverStoreReadOnlyError(`the drivers store ${this.store.root} is read-only`);
    const real = await this.store.resolve(entry.path);
    if (real === undefined) throw new DriverStoreLookupError(entry.path, 'not-found');
    return real;
  }

  private async entry(windowsPath: string): Promise<DriverStoreEntry> {
    const e = await this.store.resolve(windowsPath);
    if (e === undefined) throw new DriverStoreLookupError(windowsPath, 'not-found');
    return e;
  }
}
