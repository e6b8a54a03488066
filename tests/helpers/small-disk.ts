/**
 * A small real file system for disk-full tests: a tmpfs of a few MiB mounted on a temporary
 * folder (needs root, as CI runs). `fill(leave)` writes a filler file until only `leave` bytes
 * are free; `free()` removes it. Where no tmpfs can be mounted (not root) `mountSmallDisk`
 * returns undefined and the caller skips, except in CI (`CI=true`), where that is a failure.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SmallDisk {
  readonly dir: string;
  /** Bytes free now. */
  available(): Promise<number>;
  /** Leaves about `leave` bytes free (tmpfs counts whole pages). */
  fill(leave: number): Promise<void>;
  /** Removes the filler. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountSmallDisk(sizeBytes: number): Promise<SmallDisk | undefined> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-small-disk-'));
  try {
    if (process.getuid?.() !== 0) throw new Error('mounting a tmpfs needs root');
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    if (process.env.CI === 'true') throw new Error(`no tmpfs for the disk-full test: ${String(err)}`);
    return undefined;
  }
  const filler = path.join(dir, 'filler.bin');
  const available = async (): Promise<number> => {
    const st = await fs.statfs(dir);
    return st.bavail * st.bsize;
  };
  return {
    dir,
    available,
    fill: async (leave) => {
      const chunk = Buffer.alloc(64 * 1024);
      // Bounded: a few MiB in 64 KiB chunks, then byte-exact.
      for (let i = 0; i < 10_000; i++) {
        const room = (await available()) - leave;
        if (room <= 0) return;
        try {
          await fs.appendFile(filler, room >= chunk.length ? chunk : chunk.subarray(0, room));
        } catch {
          return;
        }
      }
    },
    free: () => fs.rm(filler, { force: true }),
    unmount: async () => {
      await run('umount', ['-l', dir]).catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
