/**
 * Where an extracted cabinet goes (./cabinet-reader.ts CabinetSink):
 *
 * - createDirectorySink: into a directory the caller just created (a staging folder). Each name
 *   was checked by the reader; here every component is created below the root, never through a
 *   symbolic link, files are created exclusively (O_EXCL, O_NOFOLLOW), and the resolved path is
 *   checked to lie inside the root. Nothing is written anywhere else.
 * - createDigestSink: nowhere: sizes and SHA-256 of every file, and the bytes of the few files
 *   the caller wants to read (an INF), bounded. What the validator and a preview need.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { PathEscapeError } from '../common/errors';
import type { CabinetEntry, CabinetFileWriter, CabinetSink } from './cabinet-reader';
import { CabinetError } from './cabinet-format';

export interface DirectorySink extends CabinetSink {
  /** Files written, on disk, in order. */
  readonly written: readonly string[];
}

const CREATE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;

export async function createDirectorySink(root: string): Promise<DirectorySink> {
  const base = await fs.realpath(root);
  const written: string[] = [];
  const inside = (p: string): boolean => p.startsWith(base + path.sep);
  return {
    written,
    async open(entry: CabinetEntry): Promise<CabinetFileWriter> {
      let dir = base;
      for (const part of entry.path.slice(0, -1)) {
        const next = path.join(dir, part);
        if (!inside(next)) throw new PathEscapeError(entry.name, 'leaves the staging folder');
        try {
          await fs.mkdir(next);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          const st = await fs.lstat(next);
          if (!st.isDirectory() || st.isSymbolicLink())
            throw new CabinetError('unsafe-name', `"${entry.name}": "${part}" is already a file in the package`);
        }
        dir = next;
      }
      // The directory must still resolve below the root: no component was a link.
      const realDir = await fs.realpath(dir);
      if (realDir !== base && !inside(realDir)) throw new PathEscapeError(entry.name, 'leaves the staging folder');
      const file = path.join(realDir, entry.path[entry.path.length - 1] ?? '');
      if (!inside(file)) throw new PathEscapeError(entry.name, 'leaves the staging folder');
      const handle = await fs.open(file, CREATE_FLAGS, 0o644);
      written.push(file);
      return {
        async write(chunk) {
          let off = 0;
          while (off < chunk.length) off += (await handle.write(chunk, off, chunk.length - off)).bytesWritten;
        },
        close: () => handle.close(),
      };
    },
  };
}

export interface DigestedFile {
  readonly entry: CabinetEntry;
  readonly sha256: string;
  /** Present for the files `keep` selected. */
  readonly content?: Buffer;
}

export interface DigestSink extends CabinetSink {
  readonly files: readonly DigestedFile[];
}

/** Keeps the bytes of the files `keep` accepts, at most `maxKeptBytes` of them in all. */
export function createDigestSink(keep: (entry: CabinetEntry) => boolean, maxKeptBytes: number): DigestSink {
  const files: DigestedFile[] = [];
  let kept = 0;
  return {
    files,
    open(entry) {
      const hash: Hash = createHash('sha256');
      const keepIt = keep(entry);
      if (keepIt) {
        kept += entry.size;
        if (kept > maxKeptBytes)
          throw new CabinetError(
            'limit',
            `"${entry.name}" would take the files read into memory over ${maxKeptBytes} bytes`,
          );
      }
      const chunks: Buffer[] = [];
      return Promise.resolve({
        write(chunk: Buffer) {
          hash.update(chunk);
          if (keepIt) chunks.push(Buffer.from(chunk));
          return Promise.resolve();
        },
        close() {
          files.push({ entry, sha256: hash.digest('hex'), ...(keepIt && { content: Buffer.concat(chunks) }) });
          return Promise.resolve();
        },
      });
    },
  };
}
