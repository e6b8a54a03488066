/**
 * A stream (a download) written to a file the way ./atomic-file.ts writes: into a temporary
 * `.<name>.<pid>-<12 hex>.partial` in the same folder, fsynced, renamed over the target; on any
 * failure the partial file is removed. The bytes are counted as they come: more than the source
 * announced, or than the limit, stops the copy at once (a hostile server cannot fill the disk);
 * fewer than announced is an error too (no truncated file gets its final name). A full disk is
 * Win32Error(ERROR_DISK_FULL) naming the file.
 *
 * A run that dies mid-copy leaves its partial file: removeLeftoverPartials() removes those whose
 * process is gone, and never those of a live process (concurrent runs share a client root).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Win32Error } from './errors';
import { fileWriteError } from './file-system-errors';
import { Win32ErrorCode } from './status/win32-error';

export interface StreamToFileOptions {
  /** The size the source announced (a server's end of file): the copy must have exactly this many bytes. */
  readonly expectedSize?: number;
  /** No more bytes than this are written. */
  readonly maxSize?: number;
  /** Where the bytes come from, for messages (`\\NTPRINT\PRINT$\x64\3\unidrv.dll`). */
  readonly source?: string;
  /** Mode of the new file (default 0o644). */
  readonly mode?: number;
}

/** `.<name>.<pid>-<12 hex>.partial`; older runs wrote `.<name>.<12 hex>.partial` (no pid). */
const PARTIAL_NAME = /^\..+\.(?:(\d+)-)?[0-9a-f]{12}\.partial$/;

class SizeCheck extends Transform {
  count = 0;
  constructor(
    private readonly limit: number,
    private readonly tooMuch: (count: number) => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.limit) callback(this.tooMuch(this.count));
    else callback(null, chunk);
  }
}

/** Writes `source` to `file` (see the header); resolves with the number of bytes written. */
export async function writeStreamToFile(
  file: string,
  source: NodeJS.ReadableStream,
  options: StreamToFileOptions = {},
): Promise<number> {
  const from = options.source ?? 'the source';
  const { expectedSize, maxSize } = options;
  if (expectedSize !== undefined && maxSize !== undefined && expectedSize > maxSize) {
    destroy(source);
    throw new Win32Error(
      Win32ErrorCode.ERROR_FILE_TOO_LARGE,
      `${from} announces ${expectedSize} bytes, more than the download limit of ${maxSize} bytes`,
    );
  }
  const limit = Math.min(expectedSize ?? Infinity, maxSize ?? Infinity);
  const check = new SizeCheck(limit, (count) =>
    limit === expectedSize
      ? new Win32Error(
          Win32ErrorCode.ERROR_INVALID_DATA,
          `${from} sent more than the ${expectedSize} bytes it announced`,
        )
      : new Win32Error(
          Win32ErrorCode.ERROR_FILE_TOO_LARGE,
          `${from} sent ${count} bytes or more, over the download limit of ${maxSize ?? limit} bytes`,
        ),
  );
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`,
  );
  try {
    // Created here, and opened by the stream without O_CREAT: pipeline() rejects as soon as the
    // source fails, while the stream may still be opening its file, and an open that creates
    // would then make the file again after rm() below.
    await (await fs.open(tmp, 'wx', options.mode ?? 0o644)).close();
    await pipeline(source, check, createWriteStream(tmp, { flags: 'r+' }));
    if (expectedSize !== undefined && check.count !== expectedSize) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_INVALID_DATA,
        `${from} sent ${check.count} of the ${expectedSize} bytes it announced`,
      );
    }
    const fh = await fs.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    destroy(source);
    await fs.rm(tmp, { force: true });
    throw fileWriteError(err, file);
  }
  return check.count;
}

function destroy(source: NodeJS.ReadableStream): void {
  const s = source as NodeJS.ReadableStream & { destroy?: () => void };
  s.destroy?.();
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, below `dir`, the partial files of runs that died (their pid is gone, or an older run
 * that wrote no pid). Returns the paths removed. At most `maxEntries` entries are looked at.
 */
export async function removeLeftoverPartials(dir: string, maxEntries = 100_000): Promise<string[]> {
  const removed: string[] = [];
  let seen = 0;
  const walk = async (d: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > maxEntries) return;
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        const m = PARTIAL_NAME.exec(e.name);
        if (m === null) continue;
        const pid = m[1] === undefined ? undefined : Number(m[1]);
        if (pid !== undefined && processIsAlive(pid)) continue;
        await fs.rm(full, { force: true });
        removed.push(full);
      }
    }
  };
  await walk(dir);
  return removed;
}
