/**
 * Where a cabinet's bytes come from: a buffer already in memory, or a file read by range, so a
 * large driver package is never loaded whole (the reader holds one CFDATA block at a time).
 */
import { promises as fs } from 'node:fs';

export interface CabinetSource {
  readonly size: number;
  /** `length` bytes at `position`, fewer only at the end of the source. */
  read(position: number, length: number): Promise<Buffer>;
}

export interface ClosableCabinetSource extends CabinetSource {
  close(): Promise<void>;
}

export function bufferCabinetSource(buffer: Buffer): CabinetSource {
  return {
    size: buffer.length,
    read: (position, length) => Promise.resolve(buffer.subarray(position, Math.min(buffer.length, position + length))),
  };
}

export async function openFileCabinetSource(file: string): Promise<ClosableCabinetSource> {
  const handle = await fs.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return handleCabinetSource(handle, (await handle.stat()).size);
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** A source over an open file (e.g. DriverStore.openFile's); closing it closes the handle. */
export function handleCabinetSource(handle: fs.FileHandle, size: number): ClosableCabinetSource {
  return {
    size,
    async read(position, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}
