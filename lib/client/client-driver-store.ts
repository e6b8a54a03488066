/**
 * The client's driver store, where Package Point and Print stages a package before the driver
 * is installed from it: `<client root>\System32\DriverStore\FileRepository\<inf>_<arch>_<hash>\`
 * ("the driver store ... a trusted cache of drivers that are stored in subfolders of
 * %systemroot%\system32\DriverStore\FileRepository"), with downloaded CABs kept in
 * `DriverStore\Temp` until they are extracted.
 *
 * A package is extracted into a fresh `.staging-*` folder inside FileRepository and renamed to
 * its final name only once it is verified; a failure removes the staging folder. Every folder is
 * checked to resolve inside the client root (no symbolic link leads elsewhere).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PathEscapeError } from '../common/errors';
import { DRIVER_STORE_REPOSITORY, parsePackageFolderName } from '../drivers/driver-package';
import { DEFAULT_SYSTEM_ROOT } from '../point-and-print/copy-files-paths';

const STAGING_PREFIX = '.staging-';

export class ClientDriverStore {
  constructor(
    /** The client root on disk. */
    readonly root: string,
    /** Its Windows name (`C:\Windows`). */
    readonly systemRoot: string = DEFAULT_SYSTEM_ROOT,
  ) {}

  /** `<root>/System32/DriverStore/FileRepository`. */
  get repositoryDir(): string {
    return path.join(this.root, ...DRIVER_STORE_REPOSITORY.split('\\'));
  }

  /** `<root>/System32/DriverStore/Temp`. */
  get tempDir(): string {
    return path.join(this.root, 'System32', 'DriverStore', 'Temp');
  }

  /** `C:\Windows\System32\DriverStore\FileRepository\<folder>`. */
  windowsPathOf(folder: string): string {
    return `${this.systemRoot}\\${DRIVER_STORE_REPOSITORY}\\${folder}`;
  }

  /** The folder of a staged package on disk; PathEscapeError for a name that is not a package folder. */
  folderPath(folder: string): string {
    if (!parsePackageFolderName(folder)) throw new PathEscapeError(folder, 'not a driver package folder name');
    return path.join(this.repositoryDir, folder);
  }

  /** A new, empty staging folder inside FileRepository. */
  async createStagingFolder(): Promise<string> {
    const repo = await this.confined(this.repositoryDir);
    return fs.mkdtemp(path.join(repo, STAGING_PREFIX));
  }

  /** A new file name in DriverStore\Temp for a download (the file is not created). */
  async tempFile(extension: string): Promise<string> {
    const temp = await this.confined(this.tempDir);
    return path.join(temp, `${randomBytes(8).toString('hex')}${extension}`);
  }

  /** Renames a verified staging folder to its package folder, replacing an older copy. */
  async commitStaging(staging: string, folder: string): Promise<string> {
    const repo = await this.confined(this.repositoryDir);
    if (path.dirname(staging) !== repo || !path.basename(staging).startsWith(STAGING_PREFIX))
      throw new PathEscapeError(staging, 'not a staging folder of this driver store');
    const final = path.join(repo, path.basename(this.folderPath(folder)));
    await fs.rm(final, { recursive: true, force: true });
    await fs.rename(staging, final);
    return final;
  }

  /**
   * Creates `dir` and the folders leading to it below the client root, one by one, refusing any
   * component that is a symbolic link (nothing is created through one), then checks it resolves
   * inside the root.
   */
  private async confined(dir: string): Promise<string> {
    const base = await fs.realpath(this.root);
    let at = this.root;
    for (const part of path.relative(this.root, dir).split(path.sep)) {
      if (part === '' || part === '.' || part === '..') throw new PathEscapeError(dir, 'not below the client root');
      at = path.join(at, part);
      try {
        const st = await fs.lstat(at);
        if (st.isSymbolicLink()) throw new PathEscapeError(at, 'is a symbolic link on the client');
        if (!st.isDirectory()) throw new PathEscapeError(at, 'is a file on the client, not a folder');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await fs.mkdir(at);
      }
    }
    const real = await fs.realpath(at);
    if (!real.startsWith(base + path.sep)) throw new PathEscapeError(dir, 'resolves outside the client root');
    return real;
  }
}
