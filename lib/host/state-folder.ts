/**
 * A print server's state folder (`--state`), taken for one server at a time. At start it is
 * created when missing and must be writable: otherwise the server does not start, and says
 * which folder and why ("permission denied", "read-only file system", "no space left on the
 * device"), rather than the first mkdir that failed deep inside.
 *
 * The lock is `<state>/pointprint.lock`, `{"pid": ..., "host": ..., "startedAt": ...}`, made by
 * linking a complete temporary file to its name (atomic: it exists whole or not at all). A
 * second server on the folder refuses to start, naming the first one's pid. A lock whose process
 * is gone (a crash, kill -9) is stale and taken over, with a warning. The lock goes at close.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../common/errors';
import { describeFileError } from '../common/file-system-errors';
import type { Logger } from '../common/logger';

export const STATE_LOCK_FILE = 'pointprint.lock';

/** A state folder that cannot be used: it names the folder and the reason. */
export class StateFolderError extends ConfigError {
  override readonly code = 'ERR_STATE_FOLDER';
  constructor(
    readonly folder: string,
    readonly reason: string,
    /** What to do about it. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`state folder ${folder} cannot be used: ${reason}`, options);
  }
}

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

export interface StateFolderLock {
  readonly folder: string;
  /** Removes the lock (when it is still this process's). */
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(file: string): Promise<LockRecord | undefined> {
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockRecord> | null;
    return typeof raw?.pid === 'number' ? (raw as LockRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Creates (if needed), checks and locks `folder` for this server; see the header. */
export async function lockStateFolder(folder: string, logger: Logger): Promise<StateFolderLock> {
  const dir = path.resolve(folder);
  const unusable = (err: unknown): StateFolderError =>
    new StateFolderError(
      dir,
      describeFileError(err),
      'give --state a folder this user can write to, on a disk with free space',
      { cause: err },
    );
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new StateFolderError(dir, 'it is a file, not a folder', 'give --state a folder', { cause: err });
    throw unusable(err);
  }
  const file = path.join(dir, STATE_LOCK_FILE);
  const record: LockRecord = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  const tmp = path.join(dir, `${STATE_LOCK_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // Writing the lock is also the proof that the folder takes writes.
    await fs.writeFile(tmp, `${JSON.stringify(record)}\n`, { flag: 'wx' });
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw unusable(err);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.link(tmp, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw unusable(err);
      }
      const holder = await readLock(file);
      if (holder !== undefined && isAlive(holder.pid)) {
        throw new StateFolderError(
          dir,
          `another pointprint serve uses it (pid ${holder.pid}${holder.pid === process.pid ? ', this process' : ''}, ` +
            `since ${holder.startedAt}; lock ${file})`,
          'stop that server first, or give this one another --state folder',
        );
      }
      logger.warn('state folder: taking over the lock of a server that is gone', {
        folder: dir,
        stalePid: holder?.pid,
      });
      // Only the stale lock read above goes: a lock another starter just made is kept.
      const again = await readLock(file);
      if (again?.pid === holder?.pid) await fs.rm(file, { force: true });
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  let released = false;
  return {
    folder: dir,
    release: async () => {
      if (released) return;
      released = true;
      const holder = await readLock(file);
      if (holder?.pid === process.pid && holder.startedAt === record.startedAt) await fs.rm(file, { force: true });
    },
  };
}
