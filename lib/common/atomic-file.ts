/**
 * The one way pointprint persists a file it rewrites (spooler-state.json, .SHD shadow files,
 * usage.json, devices.json, the client's pointprint-client.json) or appends to (eventlog.jsonl).
 *
 * - Atomic: a rewrite goes to a temporary file with a unique name in the same folder
 *   (`<name>.<12 hex>.tmp`), is fsynced, renamed over the target, then the folder is fsynced.
 *   A reader sees the old content or the new one, never a mix and never nothing.
 * - Serialised: operations on one file (by resolved path, for the whole process) run one at a
 *   time, in order. Rewrites waiting behind a running one collapse into one write of the newest
 *   content (last state wins); appends waiting together are written as one. Each caller's promise
 *   settles when a write holding its content, or a newer one, is done.
 * - Errors: a full disk or quota is Win32Error(ERROR_DISK_FULL) naming the file
 *   (./file-system-errors.ts); the temporary file is removed.
 *
 * The file-system calls go through a WriterFileSystem, so tests can make them fail.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileWriteError } from './file-system-errors';

/** The calls the writer makes on disk. */
export interface WriterFileSystem {
  /** Creates `file` (which must not exist), writes `data`, fsyncs it when `sync`, closes it. */
  writeNew(file: string, data: string | Buffer, sync: boolean, mode: number): Promise<void>;
  /** Appends `data` to `file` (created when missing), fsyncs it when `sync`. */
  append(file: string, data: string | Buffer, sync: boolean): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes `file`; no error when it does not exist. */
  remove(file: string): Promise<void>;
  syncDirectory(dir: string): Promise<void>;
}

async function withFile(file: string, flags: string, mode: number, use: (fh: fs.FileHandle) => Promise<void>) {
  const fh = await fs.open(file, flags, mode);
  try {
    await use(fh);
  } finally {
    await fh.close();
  }
}

export const nodeFileSystem: WriterFileSystem = {
  writeNew: (file, data, sync, mode) =>
    withFile(file, 'wx', mode, async (fh) => {
      await fh.writeFile(data);
      if (sync) await fh.sync();
    }),
  append: (file, data, sync) =>
    withFile(file, 'a', 0o644, async (fh) => {
      await fh.appendFile(data);
      if (sync) await fh.sync();
    }),
  rename: (from, to) => fs.rename(from, to),
  remove: (file) => fs.rm(file, { force: true }),
  syncDirectory: (dir) => withFile(dir, 'r', 0, (fh) => fh.sync()),
};

export interface AtomicWriteOptions {
  /** fsync the file and its folder before resolving (default true). */
  readonly durable?: boolean;
  /** Mode of a new file (default 0o644). */
  readonly mode?: number;
  readonly fileSystem?: WriterFileSystem;
}

const TEMPORARY_NAME = /\.[0-9a-f]{12}\.tmp$/;

/** A temporary name this writer uses (`<name>.<12 hex>.tmp`): what a crash may leave behind. */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

interface Operation {
  readonly kind: 'replace' | 'append';
  data: string | Buffer;
  durable: boolean;
  mode: number;
  fileSystem: WriterFileSystem;
  readonly waiters: Waiter[];
}

/** Operations waiting per file (the running one has left its queue). */
const queues = new Map<string, Operation[]>();

function enqueue(file: string, kind: Operation['kind'], data: string | Buffer, options: AtomicWriteOptions) {
  const key = path.resolve(file);
  return new Promise<void>((resolve, reject) => {
    let queue = queues.get(key);
    const idle = queue === undefined;
    if (queue === undefined) {
      queue = [];
      queues.set(key, queue);
    }
    const waiting = queue[queue.length - 1];
    const fileSystem = options.fileSystem ?? nodeFileSystem;
    if (waiting !== undefined && waiting.kind === kind && waiting.fileSystem === fileSystem) {
      // Last state wins for rewrites; appends keep every byte, in order.
      waiting.data = kind === 'replace' ? data : Buffer.concat([Buffer.from(waiting.data), Buffer.from(data)]);
      waiting.durable ||= options.durable ?? true;
      waiting.mode = options.mode ?? waiting.mode;
      waiting.waiters.push({ resolve, reject });
    } else {
      queue.push({
        kind,
        data,
        durable: options.durable ?? true,
        mode: options.mode ?? 0o644,
        fileSystem,
        waiters: [{ resolve, reject }],
      });
    }
    if (idle) void drain(key, queue);
  });
}

async function drain(file: string, queue: Operation[]): Promise<void> {
  for (let op = queue.shift(); op !== undefined; op = queue.shift()) {
    try {
      if (op.kind === 'replace') await replace(file, op);
      else await op.fileSystem.append(file, op.data, op.durable);
      for (const w of op.waiters) w.resolve();
    } catch (err) {
      const mapped = fileWriteError(err, file);
      for (const w of op.waiters) w.reject(mapped);
    }
  }
  queues.delete(file);
}

async function replace(file: string, op: Operation): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await op.fileSystem.writeNew(tmp, op.data, op.durable, op.mode);
    await op.fileSystem.rename(tmp, file);
  } catch (err) {
    await op.fileSystem.remove(tmp).catch(() => undefined);
    throw err;
  }
  if (op.durable) await op.fileSystem.syncDirectory(dir);
}

/** Replaces `file` with `data`, atomically and serialised with every other write of it (see the header). */
export function writeFileAtomic(file: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  return enqueue(file, 'replace', data, options);
}

/** Appends `data` to `file`, serialised with every other write of it; fsynced unless `durable: false`. */
export function appendToFile(file: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  return enqueue(file, 'append', data, options);
}
