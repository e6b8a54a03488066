/**
 * The shared writer of every persisted file (issue 13, item 4): concurrent rewrites of one file
 * never share a temporary file (the ENOENT of `rename spooler-state.json.tmp`), the newest state
 * wins, appends keep their order, and a full disk is ERROR_DISK_FULL with nothing left behind.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appendToFile,
  isTemporaryName,
  nodeFileSystem,
  writeFileAtomic,
  type WriterFileSystem,
} from '../../../lib/common/atomic-file';
import { Win32Error } from '../../../lib/common/errors';
import { isDiskFull } from '../../../lib/common/file-system-errors';
import { PersistentFiles } from '../../../lib/common/persistent-files';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';

function enospc(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path: file,
  });
}

/** The real calls, but the writes of new files fail with ENOSPC while `full` is set. */
function fillableDisk(): WriterFileSystem & { full: boolean; renames: string[] } {
  const disk = {
    full: false,
    renames: [] as string[],
    ...nodeFileSystem,
    writeNew: async (file: string, data: string | Buffer, sync: boolean, mode: number) => {
      if (disk.full) {
        // A real full disk leaves the created file behind, empty.
        await fs.writeFile(file, '');
        throw enospc(file);
      }
      await nodeFileSystem.writeNew(file, data, sync, mode);
    },
    rename: async (from: string, to: string) => {
      disk.renames.push(path.basename(from));
      await nodeFileSystem.rename(from, to);
    },
  };
  return disk;
}

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-atomic-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('100 concurrent rewrites of one file: none fails, the last state wins, no temporary file stays', async () => {
    const file = path.join(dir, 'spooler-state.json');
    const disk = fillableDisk();
    const writes = Array.from({ length: 100 }, (_, i) =>
      writeFileAtomic(file, JSON.stringify({ nextJobId: i + 1 }), { fileSystem: disk }),
    );
    await expect(Promise.all(writes)).resolves.toHaveLength(100);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ nextJobId: 100 });
    expect(await fs.readdir(dir)).toEqual(['spooler-state.json']);
    // Writes waiting behind a running one collapse into one: far fewer than 100 renames, each its own name.
    expect(disk.renames.length).toBeLessThan(100);
    expect(new Set(disk.renames).size).toBe(disk.renames.length);
    expect(disk.renames.every((n) => n.startsWith('spooler-state.json.') && isTemporaryName(n))).toBe(true);
  });

  it('two writers of one path (two instances, one file) are serialised too', async () => {
    const file = path.join(dir, 'state.json');
    const relative = path.relative(process.cwd(), file);
    await Promise.all([
      writeFileAtomic(file, 'a'.repeat(100_000)),
      writeFileAtomic(relative, 'b'.repeat(50_000)),
      writeFileAtomic(file, 'c'),
    ]);
    expect(await fs.readFile(file, 'utf8')).toBe('c');
  });

  it('a full disk is ERROR_DISK_FULL naming the file; the old content stays, the temporary file goes', async () => {
    const file = path.join(dir, 'usage.json');
    const disk = fillableDisk();
    await writeFileAtomic(file, 'old', { fileSystem: disk });
    disk.full = true;
    const failed = writeFileAtomic(file, 'new', { fileSystem: disk });
    await expect(failed).rejects.toBeInstanceOf(Win32Error);
    await expect(failed).rejects.toMatchObject({ win32: Win32ErrorCode.ERROR_DISK_FULL });
    await expect(failed).rejects.toThrow(`${path.resolve(file)}: no space left on the device`);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
    expect(await fs.readdir(dir)).toEqual(['usage.json']);
    disk.full = false;
    await writeFileAtomic(file, 'later', { fileSystem: disk });
    expect(await fs.readFile(file, 'utf8')).toBe('later');
  });

  it('appends keep every byte, in order, even when they wait together', async () => {
    const file = path.join(dir, 'eventlog.jsonl');
    await Promise.all(Array.from({ length: 300 }, (_, i) => appendToFile(file, `${i}\n`, { durable: false })));
    expect((await fs.readFile(file, 'utf8')).trim().split('\n').map(Number)).toEqual(
      Array.from({ length: 300 }, (_, i) => i),
    );
  });
});

describe('PersistentFiles', () => {
  it('close() waits for the writes in flight, then refuses new ones', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-persist-'));
    try {
      const files = new PersistentFiles('spooler');
      const inFlight = files.write(path.join(dir, 'a.json'), '{"a":1}');
      await files.close();
      await expect(inFlight).resolves.toBeUndefined();
      await expect(files.write(path.join(dir, 'b.json'), '{}')).rejects.toMatchObject({
        win32: Win32ErrorCode.ERROR_SHUTDOWN_IN_PROGRESS,
      });
      expect(await fs.readdir(dir)).toEqual(['a.json']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('maps a full disk in any operation it runs', async () => {
    const files = new PersistentFiles('spooler');
    const err = await files.run('/x/00001.SPL', () => Promise.reject(enospc('/x/00001.SPL'))).catch((e: unknown) => e);
    expect(isDiskFull(err)).toBe(true);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Error).message).toBe('/x/00001.SPL: no space left on the device');
  });
});
