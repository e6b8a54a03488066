/**
 * MSZIP, the cabinet's deflate ([MS-MCI], "MSZIP block"): each CFDATA block is the two bytes
 * 'CK' followed by RFC 1951 blocks, the last marked final, of at most 32 KB of output; decoding
 * trees are discarded after each block "but the history buffer MUST be maintained", so
 * back-references reach into the previous 32 KiB of the folder's output — passed to zlib as the
 * preset dictionary. Output is bounded to the block's cbUncomp, so
 * a hostile block cannot make us allocate more than 32 KiB.
 */
import { inflateRawSync } from 'node:zlib';
import { CabinetError, CB_MAX_CHUNK } from './cabinet-format';

const MSZIP_SIGNATURE = 0x4b43; // 'CK' read little-endian
/** The deflate window: how far back a block may refer. */
export const MSZIP_WINDOW = 0x8000;

/** The folder's decompression state: the last 32 KiB of output. */
export class MszipHistory {
  private window: Buffer = Buffer.alloc(0);

  /** Inflates one block into exactly `cbUncomp` bytes. */
  inflate(block: Buffer, cbUncomp: number, where: string): Buffer {
    if (block.length < 2 || block.readUInt16LE(0) !== MSZIP_SIGNATURE)
      throw new CabinetError('malformed', `${where}: MSZIP block without its 'CK' signature`);
    if (cbUncomp > CB_MAX_CHUNK) throw new CabinetError('malformed', `${where}: cbUncomp ${cbUncomp} over 32 KiB`);
    let out: Buffer;
    try {
      out = inflateRawSync(block.subarray(2), {
        // One byte more than announced, so a block that says less than it holds is caught.
        maxOutputLength: cbUncomp + 1,
        ...(this.window.length > 0 && { dictionary: this.window }),
      });
    } catch (err) {
      throw new CabinetError('malformed', `${where}: MSZIP data does not inflate (${(err as Error).message})`, {
        cause: err,
      });
    }
    if (out.length !== cbUncomp)
      throw new CabinetError('size-mismatch', `${where}: inflates to ${out.length} bytes, cbUncomp says ${cbUncomp}`);
    this.remember(out);
    return out;
  }

  private remember(out: Buffer): void {
    if (out.length >= MSZIP_WINDOW) {
      this.window = Buffer.from(out.subarray(out.length - MSZIP_WINDOW));
      return;
    }
    const joined = Buffer.concat([this.window, out]);
    this.window = joined.length > MSZIP_WINDOW ? Buffer.from(joined.subarray(joined.length - MSZIP_WINDOW)) : joined;
  }
}
