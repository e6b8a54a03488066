/**
 * A file opened for writing — [MS-SMB2] 3.2.4.7 (WRITE), 3.2.4.5 (CLOSE).
 *
 * Data is sent in WRITEs of at most MaxWriteSize, each charged its credits (multi-credit on 2.1+
 * with LARGE_MTU, [MS-SMB2] 3.2.4.1.2), one after the other: on a printer share the server appends
 * the bytes to the spool file in arrival order whatever the Offset says ([MS-SMB2] 3.3.5.13), so
 * the order must be the file's. On a printer share the job is queued at CLOSE.
 */
import type { FileId } from '../messages/common';
import { Smb2ProtocolError } from './client-errors';

/** What a WRITE costs the tree: one request, the count the server reports. */
export type WriteOnce = (fileId: FileId, offset: number, data: Buffer) => Promise<number>;

export interface WritableFileContext {
  readonly writeOnce: WriteOnce;
  readonly closeFile: (fileId: FileId) => Promise<void>;
}

export class Smb2WritableFile {
  private closed = false;
  private bytesWritten = 0;

  constructor(
    private readonly ctx: WritableFileContext,
    readonly path: string,
    readonly fileId: FileId,
    /** The largest single WRITE. */
    readonly maxChunk: number,
  ) {}

  /** Bytes the server acknowledged so far. */
  get written(): number {
    return this.bytesWritten;
  }

  /** Writes all of `data` at `offset` (several WRITEs when larger than maxChunk); the bytes written. */
  async write(data: Buffer, offset: number): Promise<number> {
    if (this.closed) throw new Smb2ProtocolError(`${this.path}: write after close`);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad offset ${offset}`);
    let done = 0;
    while (done < data.length) {
      const chunk = data.subarray(done, done + Math.min(this.maxChunk, data.length - done));
      const count = await this.ctx.writeOnce(this.fileId, offset + done, chunk);
      // A server may write less than asked ([MS-SMB2] 3.3.5.13 Count); nothing at all would loop forever.
      if (count === 0 || count > chunk.length)
        throw new Smb2ProtocolError(`${this.path}: WRITE of ${chunk.length} bytes at ${offset + done} wrote ${count}`);
      done += count;
      this.bytesWritten += count;
    }
    return done;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ctx.closeFile(this.fileId);
  }
}

/** What writeFile takes: bytes, a Node stream or a web ReadableStream of bytes. */
export type Smb2WriteSource = Buffer | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

/**
 * Writes all of `source` to `file` from offset 0 in WRITEs of `chunkSize`: a stream's pieces are
 * gathered so that only the last WRITE is short.
 */
export async function writeSource(
  file: Smb2WritableFile,
  source: Smb2WriteSource,
  chunkSize: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  if (Buffer.isBuffer(source)) {
    for (let at = 0; at < source.length; at += chunkSize) {
      await file.write(source.subarray(at, at + chunkSize), at);
      onProgress?.(file.written);
    }
    return;
  }
  let pending: Buffer[] = [];
  let pendingLength = 0;
  const flush = async (all: boolean): Promise<void> => {
    const data = Buffer.concat(pending, pendingLength);
    let at = 0;
    for (; data.length - at >= chunkSize || (all && at < data.length); at += chunkSize) {
      const chunk = data.subarray(at, at + chunkSize);
      await file.write(chunk, file.written);
      onProgress?.(file.written);
    }
    pending = at < data.length ? [data.subarray(at)] : [];
    pendingLength = data.length - at;
  };
  for await (const piece of source as AsyncIterable<Uint8Array | string>) {
    const bytes =
      typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    pending.push(bytes);
    pendingLength += bytes.length;
    if (pendingLength >= chunkSize) await flush(false);
  }
  await flush(true);
}
