/**
 * The spool folder `<stateDir>/PRINTERS`: a job's data in `<jobId>.SPL` and its metadata in the
 * `.SHD` shadow file next to it (JSON here; Windows' two files, see reference/spooler-anchors.md
 * 1.13), and the next job id in `<stateDir>/spooler-state.json`. A durable write (the point where
 * a job is acknowledged) goes to a temporary file, is fsynced and renamed over the old one, then
 * the directory is fsynced.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PrintJob } from './print-job';

export class SpoolFiles {
  private constructor(
    private readonly dir: string,
    private readonly counterFile: string,
  ) {}

  static async open(stateDir: string): Promise<SpoolFiles> {
    const dir = path.join(stateDir, 'PRINTERS');
    await fs.mkdir(dir, { recursive: true });
    return new SpoolFiles(dir, path.join(stateDir, 'spooler-state.json'));
  }

  /** The next job id saved by the last run, if any. */
  async readNextJobId(): Promise<number | undefined> {
    try {
      const saved = JSON.parse(await fs.readFile(this.counterFile, 'utf8')) as { nextJobId?: unknown };
      if (typeof saved.nextJobId === 'number' && saved.nextJobId > 0) return saved.nextJobId;
    } catch {
      // first start
    }
    return undefined;
  }

  async saveNextJobId(nextJobId: number): Promise<void> {
    await writeDurably(this.counterFile, JSON.stringify({ nextJobId }));
  }

  /** The job ids that have files in the folder, ascending; temporary files a crash left are removed. */
  async jobIds(): Promise<number[]> {
    const ids = new Set<number>();
    for (const n of await fs.readdir(this.dir)) {
      const m = /^(\d+)\.(SPL|SHD)(\.tmp)?$/i.exec(n);
      if (m?.[1] !== undefined) ids.add(Number(m[1]));
      if (m?.[3] !== undefined) await fs.rm(path.join(this.dir, n), { force: true });
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
    return fs.writeFile(this.splPath(jobId), Buffer.alloc(0));
  }

  appendData(jobId: number, data: Buffer): Promise<void> {
    return fs.appendFile(this.splPath(jobId), data);
  }

  readData(jobId: number): Promise<Buffer> {
    return fs.readFile(this.splPath(jobId));
  }

  /** fsync of the .SPL: the data is on disk before the job is acknowledged. */
  async syncData(jobId: number): Promise<void> {
    const fh = await fs.open(this.splPath(jobId), 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async readShadow(jobId: number): Promise<PrintJob | undefined> {
    try {
      const raw = JSON.parse(await fs.readFile(this.shdPath(jobId), 'utf8')) as Record<string, unknown>;
      if (typeof raw.jobId !== 'number' || typeof raw.printerName !== 'string' || typeof raw.status !== 'number')
        return undefined;
      return { ...(raw as unknown as PrintJob), submitted: new Date(String(raw.submitted)) };
    } catch {
      return undefined;
    }
  }

  /** `durable`: fsync the file and its directory (the acknowledgement point). */
  async saveShadow(job: PrintJob, durable = false): Promise<void> {
    const shadow = JSON.stringify({ ...job, submitted: job.submitted.toISOString() }, null, 2);
    if (durable) await writeDurably(this.shdPath(job.jobId), shadow);
    else {
      const tmp = `${this.shdPath(job.jobId)}.tmp`;
      await fs.writeFile(tmp, shadow);
      await fs.rename(tmp, this.shdPath(job.jobId));
    }
  }

  async remove(jobId: number): Promise<void> {
    // The shadow goes first: an .SPL alone is an unacknowledged leftover on the next start.
    await fs.rm(this.shdPath(jobId), { force: true });
    await fs.rm(this.splPath(jobId), { force: true });
  }

  private splPath(jobId: number): string {
    return path.join(this.dir, `${String(jobId).padStart(5, '0')}.SPL`);
  }

  private shdPath(jobId: number): string {
    return path.join(this.dir, `${String(jobId).padStart(5, '0')}.SHD`);
  }
}

/** Temporary file, fsync, rename, fsync of the directory. */
async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
  const dir = await fs.open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
