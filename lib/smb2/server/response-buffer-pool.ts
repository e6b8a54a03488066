/**
 * A connection's pool of READ response buffers. Without it every READ allocates a fresh buffer
 * of up to MaxReadSize (8 MiB), and collecting them was a fifth of the server's CPU during
 * downloads.
 *
 * A buffer goes back to the pool only once nothing refers to its bytes any more: the socket has
 * written it (the `write` callback), or the response was copied (compound, encryption, a small
 * frame). Giving back a buffer still queued in the socket would let the next READ overwrite
 * bytes not yet sent.
 *
 * Sizes are bucketed (a power of two, plus a little room for the headers) so that the READs of
 * one download, whatever their length, reuse the same buffers. The pool keeps at most
 * `maxBuffers` buffers and `maxBytes` bytes; it is emptied, and stops keeping anything, when the
 * connection closes.
 *
 * The buffers are SharedArrayBuffers: an encrypted READ response is sealed by a worker thread
 * straight from one pooled buffer into another (lib/smb2/signing/seal-workers.ts), with no copy.
 */

/**
 * After this long without a READ being answered, a connection's pool lets its buffers go: a client
 * that stays connected after a download keeps no download-sized memory on the server.
 */
export const IDLE_TRIM_MS = 2000;

/** Smaller buffers come from Node's shared slab (or are copied into the frame): not worth pooling. */
export const MIN_POOLED_SIZE = 64 * 1024;
/** Room above the power of two for the SMB2 header and the READ fixed part (0x50 bytes), rounded up. */
const HEADROOM_SLACK = 4096;

/** The bucket a request for `size` bytes is served from. */
export function bucketCapacity(size: number): number {
  const data = Math.max(size - HEADROOM_SLACK, 1);
  return 2 ** Math.ceil(Math.log2(data)) + HEADROOM_SLACK;
}

export class ResponseBufferPool {
  private readonly free = new Map<number, Buffer[]>();
  /** Buffers handed out and not yet given back, by their memory (so a view of one can be given back). */
  private readonly outstanding = new WeakSet<ArrayBufferLike>();
  private keptBuffers = 0;
  private keptBytes = 0;
  private closed = false;
  private trimTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxBuffers: number,
    private readonly maxBytes: number,
    /** Kept buffers were dropped: they are garbage for the collector now. */
    private readonly onDropped: () => void = () => undefined,
  ) {}

  /** A buffer of at least `size` bytes (uninitialised; the caller uses a view of its start). */
  take(size: number): Buffer {
    if (size < MIN_POOLED_SIZE) return Buffer.allocUnsafe(size);
    const capacity = bucketCapacity(size);
    const reused = this.free.get(capacity)?.pop();
    let buf: Buffer;
    if (reused !== undefined) {
      this.keptBuffers--;
      this.keptBytes -= capacity;
      buf = reused;
    } else {
      // Its own memory, never a slice of Node's slab, shared with the seal workers.
      buf = Buffer.from(new SharedArrayBuffer(capacity));
    }
    this.outstanding.add(buf.buffer);
    return buf;
  }

  /**
   * Gives back the pooled buffer `view` is a view of, once nothing will read `view` again. Views
   * of anything else (or of a buffer already given back) are ignored.
   */
  give(view: Buffer): void {
    const memory = view.buffer;
    if (!this.outstanding.has(memory)) return;
    this.outstanding.delete(memory);
    const capacity = memory.byteLength;
    if (this.closed || this.keptBuffers >= this.maxBuffers || this.keptBytes + capacity > this.maxBytes) return;
    let bucket = this.free.get(capacity);
    if (bucket === undefined) {
      bucket = [];
      this.free.set(capacity, bucket);
    }
    bucket.push(Buffer.from(memory));
    this.keptBuffers++;
    this.keptBytes += capacity;
    this.postponeTrim();
  }

  /** Drops the kept buffers (after IDLE_TRIM_MS of quiet; the pool refills on the next download). */
  trim(): void {
    if (this.trimTimer !== undefined) clearTimeout(this.trimTimer);
    this.trimTimer = undefined;
    const dropped = this.keptBytes > 0;
    this.free.clear();
    this.keptBuffers = 0;
    this.keptBytes = 0;
    if (dropped) this.onDropped();
  }

  private postponeTrim(): void {
    if (this.trimTimer !== undefined) {
      this.trimTimer.refresh();
      return;
    }
    this.trimTimer = setTimeout(() => this.trim(), IDLE_TRIM_MS);
    this.trimTimer.unref();
  }

  /** Bytes kept for reuse. */
  get size(): { buffers: number; bytes: number } {
    return { buffers: this.keptBuffers, bytes: this.keptBytes };
  }

  /** The connection closed: drop everything and keep nothing given back later. */
  close(): void {
    this.closed = true;
    this.trim();
  }
}
