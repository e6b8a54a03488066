/**
 * The PRINT$ tree both servers serve in a run: a copy of the repo's drivers-store (the NTPRINT
 * drivers and colour profiles) plus big.bin, random bytes so nothing on the way can compress or
 * dedupe them. One directory for both servers: the same files, the same page cache.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, cpSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import tmp from 'tmp';

export const BIG_FILE = 'big.bin';
export const DRIVERS_STORE = join(__dirname, '..', '..', 'drivers-store');

export interface PrintDollarTree {
  readonly dir: string;
  readonly bigFileSize: number;
  remove(): void;
}

export function createPrintDollarTree(bigFileSize: number): PrintDollarTree {
  const tree = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-bench-print$-' });
  cpSync(DRIVERS_STORE, tree.name, { recursive: true });
  const fd = openSync(join(tree.name, BIG_FILE), 'w');
  try {
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    for (let written = 0; written < bigFileSize;) {
      randomFillSync(chunk);
      const n = Math.min(chunk.length, bigFileSize - written);
      writeSync(fd, chunk, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
  return { dir: tree.name, bigFileSize, remove: () => tree.removeCallback() };
}
