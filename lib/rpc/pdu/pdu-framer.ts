/**
 * Splits a byte stream into whole PDUs by frag_length (C706 12.6.3.1, offset 8). Over a
 * message-mode pipe a write is usually one PDU, but a client may split one across writes or
 * pack several into one; both are handled. Pure: no I/O.
 */
import { ownCopy } from '../../common/binary/own-copy';
import { MalformedPacketError } from '../../common/errors';
import { COMMON_HEADER_LENGTH } from '../constants';

const EMPTY = Buffer.alloc(0);

export class PduFramer {
  private pending: Buffer = EMPTY;

  /** Bytes waiting for the rest of their PDU. */
  get buffered(): number {
    return this.pending.length;
  }

  /**
   * Adds bytes and returns every PDU now complete. Throws MalformedPacketError on a frag_length
   * shorter than a header or longer than `maxFrag` (the stream cannot be resynchronised).
   */
  push(data: Buffer, maxFrag = 0xffff): Buffer[] {
    this.pending = this.pending.length === 0 ? Buffer.from(data) : Buffer.concat([this.pending, data]);
    const out: Buffer[] = [];
    let at = 0;
    while (this.pending.length - at >= 10) {
      const fragLength = this.pending.readUInt16LE(at + 8);
      if (fragLength < COMMON_HEADER_LENGTH || fragLength > maxFrag) {
        this.pending = EMPTY;
        throw new MalformedPacketError(`frag_length ${fragLength} outside ${COMMON_HEADER_LENGTH}..${maxFrag}`, {
          offset: at + 8,
          field: 'frag_length',
        });
      }
      if (this.pending.length - at < fragLength) break;
      out.push(this.pending.subarray(at, at + fragLength));
      at += fragLength;
    }
    // What stays is a PDU's start, in memory of its own: a view of the buffer (even an empty one)
    // would keep the whole of it, or the 8 KiB slab it shares, for the pipe's life.
    this.pending = at === this.pending.length ? EMPTY : at === 0 ? this.pending : ownCopy(this.pending.subarray(at));
    return out;
  }
}
