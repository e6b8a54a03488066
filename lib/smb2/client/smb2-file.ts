/**
 * A file opened for reading — [MS-SMB2] 3.2.4.6 (READ), 3.2.4.5 (CLOSE). A range is read in
 * chunks of up to MaxReadSize, several in flight at once; a server may return less than asked,
 * and the rest is asked again.
 */
import type { FileId } from '../messages/common';
import { Smb2ProtocolError } from './client-errors';
import type { TreeIo } from './tree-io';

/** READs in flight for one read(). */
const PARALLEL_READS = 4;

export class Smb2File {
  private closed = false;

  constructor(
    private readonly tree: TreeIo,
    readonly path: string,
    readonly fileId: FileId,
    readonly size: number,
    /** The largest single READ. */
    readonly maxChunk: number,
  ) {}

  /** Up to `length` bytes from `offset`, shorter only at end of file; pipelined in chunks of maxChunk. */
  async read(offset: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new RangeError(`bad range ${offset}+${length}`);
    }
    const ranges: Array<{ offset: number; length: number }> = [];
    for (let at = offset; at < offset + length; at += this.maxChunk)
      ranges.push({ offset: at, length: Math.min(this.maxChunk, offset + length - at) });
    const results: Buffer[] = new Array<Buffer>(ranges.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < ranges.length; i = next++) {
        const r = ranges[i];
        if (r !== undefined) results[i] = await this.readUpTo(r.offset, r.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, ranges.length) }, worker));
    const parts: Buffer[] = [];
    for (const [i, part] of results.entries()) {
      parts.push(part);
      if (part.length < (ranges[i]?.length ?? 0)) break;
    }
    return Buffer.concat(parts);
  }

  /** READs until `length` bytes or end of file (a server may return less than asked). */
  private async readUpTo(offset: number, length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let done = 0;
    while (done < length) {
      const { data } = await this.tree.readOnce(this.fileId, offset + done, Math.min(this.maxChunk, length - done));
      if (data.length === 0) break;
      parts.push(data);
      done += data.length;
    }
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  /** Exactly `length` bytes, or an error when the file ends first. */
  async readFully(offset: number, length: number): Promise<Buffer> {
    const data = await this.readUpTo(offset, length);
    if (data.length !== length) {
      throw new Smb2ProtocolError(`${this.path} ended at ${offset + data.length} bytes, expected ${this.size}`);
    }
    return data;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tree.closeFile(this.fileId);
  }
}
