/**
 * The spool folder `<stateDir>/PRINTERS`: a job's data in `<jobId>.SPL` and its metadata in the
 * `.SHD` shadow file next to it (./shadow-file.ts; Windows' two files, see
 * reference/spooler-anchors.md 1.13), and the next job id in `<stateDir>/spooler-state.json`.
 *
 * Every write goes through one PersistentFiles (lib/common/persistent-files.ts): rewrites are
 * atomic and serialised (lib/common/atomic-file.ts), a full disk is ERROR_DISK_FULL, and once
 * close() has resolved nothing writes into the folder. A durable write (the point where a job is
 * acknowledged) is fsynced with its directory.
 *
 * A file that cannot be read is never deleted: quarantine() renames it to
 * `<name>.corrupt-<reason>` in the same folder, bytes untouched.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isTemporaryName } from '../../common/atomic-file';
import { PersistentFiles } from '../../common/persistent-files';
import { keepAside, readStateFile } from '../../common/state-file';
import type { PrintJob } from './print-job';
import { decodeShadow, encodeShadow, type ShadowRead } from './shadow-file';

export const SPOOLER_STATE_FILE = 'spooler-state.json';

/** What the saved spooler state gave: the next job id, or why it could not be read. */
export type SpoolerStateRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly nextJobId: number }
  | { readonly kind: 'damaged'; readonly reason: string; readonly quarantinedAs: string };

export class SpoolFiles {
  private constructor(
    readonly dir: string,
    private readonly stateFile: string,
    private readonly files: PersistentFiles,
  ) {}

  static async open(stateDir: string): Promise<SpoolFiles> {
    const dir = path.join(stateDir, 'PRINTERS');
    await fs.mkdir(dir, { recursive: true });
    return new SpoolFiles(dir, path.join(stateDir, SPOOLER_STATE_FILE), new PersistentFiles('spooler'));
  }

  /** The saved state; a file that is not a spooler state is kept aside, never ignored silently. */
  readState(): SpoolerStateRead {
    const read = readStateFile(this.stateFile, (v) => {
      const next = (v as { nextJobId?: unknown } | null)?.nextJobId;
      return typeof next === 'number' && Number.isInteger(next) && next > 0;
    });
    if (read.kind === 'ok') return { kind: 'ok', nextJobId: (read.value as { nextJobId: number }).nextJobId };
    if (read.kind === 'none') return read;
    return { kind: 'damaged', reason: read.reason, quarantinedAs: this.relative(read.keptAs) };
  }

  async saveNextJobId(nextJobId: number): Promise<void> {
    await this.files.write(this.stateFile, JSON.stringify({ nextJobId }));
  }

  /** The job ids that have files in the folder, ascending; temporary files a crash left are removed. */
  async jobIds(): Promise<number[]> {
    const ids = new Set<number>();
    for (const n of await fs.readdir(this.dir)) {
      const m = /^(\d+)\.(SPL|SHD)(\..*)?$/i.exec(n);
      if (m?.[1] === undefined) continue;
      // `00012.SHD.<hex>.tmp` (and `00012.SHD.tmp` of older versions): a rewrite a crash cut short.
      if (m[3] !== undefined && (isTemporaryName(n) || m[3].toLowerCase() === '.tmp')) {
        await fs.rm(path.join(this.dir, n), { force: true });
        continue;
      }
      if (m[3] === undefined) ids.add(Number(m[1]));
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** The size of the job's .SPL, undefined when it has none. */
  dataSize(jobId: number): Promise<number | undefined> {
    return fs
      .stat(this.splPath(jobId))
      .then((st) => st.size)
      .catch(() => undefined);
  }

  createData(jobId: number): Promise<void> {
    const file = this.splPath(jobId);
    return this.files.run(file, () => fs.writeFile(file, Buffer.alloc(0)));
  }

  appendData(jobId: number, data: Buffer): Promise<void> {
    const file = this.splPath(jobId);
    return this.files.run(file, () => fs.appendFile(file, data));
  }

  readData(jobId: number): Promise<Buffer> {
    return fs.readFile(this.splPath(jobId));
  }

  /** fsync of the .SPL: the data is on disk before the job is acknowledged. */
  syncData(jobId: number): Promise<void> {
    const file = this.splPath(jobId);
    return this.files.run(file, async () => {
      const fh = await fs.open(file, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    });
  }

  /** The job's shadow: `ok`, `missing`, or `damaged` (quarantine it: see the header). */
  async readShadow(jobId: number): Promise<ShadowRead | { readonly kind: 'missing' }> {
    let text: string;
    try {
      text = await fs.readFile(this.shdPath(jobId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw err;
    }
    return decodeShadow(text);
  }

  /** `durable`: fsync the file and its directory (the acknowledgement point). */
  async saveShadow(job: PrintJob, durable = false): Promise<void> {
    await this.files.write(this.shdPath(job.jobId), encodeShadow(job), { durable });
  }

  async remove(jobId: number): Promise<void> {
    // The shadow goes first: an .SPL alone is an unacknowledged leftover on the next start.
    for (const file of [this.shdPath(jobId), this.splPath(jobId)])
      await this.files.run(file, () => fs.rm(file, { force: true }));
  }

  /**
   * Keeps the job's `.SPL` or `.SHD` aside as `<name>.corrupt-<reason>`; returns the new name
   * (relative to the state folder), undefined when there was no such file.
   */
  async quarantine(jobId: number, which: 'SPL' | 'SHD', reason: string): Promise<string | undefined> {
    const file = which === 'SPL' ? this.splPath(jobId) : this.shdPath(jobId);
    try {
      await fs.access(file);
    } catch {
      return undefined;
    }
    return this.relative(keepAside(file, reason));
  }

  /** Resolves once the writes in flight are done; later writes are refused. */
  close(): Promise<void> {
    return this.files.close();
  }

  private relative(file: string): string {
    return path.relative(path.dirname(this.stateFile), file);
  }

  private splPath(jobId: number): string {
    return path.join(this.dir, `${String(jobId).padStart(5, '0')}.SPL`);
  }

  private shdPath(jobId: number): string {
    return path.join(this.dir, `${String(jobId).padStart(5, '0')}.SHD`);
  }
}
