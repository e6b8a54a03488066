/**
 * The buffers the client receives large frames (READ responses, [MS-SMB2] 2.2.20) into, kept for
 * reuse. A fresh 8 MiB buffer per READ costs its allocation, the kernel's page faults to map it,
 * and the collector's time to drop it: about a third of a download's CPU. A buffer comes back only
 * when its consumer says it is done with the data (release()), so one that is never released is
 * simply collected. Sizes are rounded up to 64 KiB, so the READs of one download share buffers.
 * The buffers are SharedArrayBuffers: a seal worker decrypts an AES-GCM frame in place there
 * (seal-workers.ts openOnWorker) while the event loop goes on reading the socket, with no copy.
 */
const GRANULE = 64 * 1024;

export interface ReadBufferPoolLimits {
  /** Free buffers kept at most. */
  readonly maxBuffers: number;
  /** Bytes of free buffers kept at most. */
  readonly maxBytes: number;
}

/** What a download's READs of 8 MiB in flight (2, smb2-tree.ts) and one being consumed need, and a spare. */
const DEFAULT_LIMITS: ReadBufferPoolLimits = { maxBuffers: 4, maxBytes: 36 * 1024 * 1024 };

export class ReadBufferPool {
  private readonly free: SharedArrayBuffer[] = [];
  private freeBytes = 0;
  /** Buffers handed out and not yet released; weak, so an unreleased one is collected. */
  private readonly lent = new WeakSet<ArrayBufferLike>();

  constructor(private readonly limits: ReadBufferPoolLimits = DEFAULT_LIMITS) {}

  /**
   * A buffer of exactly `length` bytes (a view of a pooled one, from byte `offset` of it); its
   * content is not initialised.
   */
  take(length: number, offset = 0): Buffer {
    const size = Math.ceil((length + offset) / GRANULE) * GRANULE;
    const i = this.free.findIndex((b) => b.byteLength === size);
    let memory: SharedArrayBuffer;
    if (i >= 0) {
      memory = this.free.splice(i, 1)[0] as SharedArrayBuffer;
      this.freeBytes -= size;
    } else {
      // Zero-filled once (there is no unsafe allocation of shared memory); reused after that.
      memory = new SharedArrayBuffer(size);
    }
    this.lent.add(memory);
    return Buffer.from(memory, offset, length);
  }

  /**
   * The consumer is done with `data` (any view of a buffer take() gave): its buffer may be reused.
   * A view of anything else is ignored, and so is a second release of the same lending.
   */
  release(data: Uint8Array): boolean {
    const memory = data.buffer;
    if (!this.lent.has(memory)) return false;
    this.lent.delete(memory);
    if (
      memory instanceof SharedArrayBuffer &&
      this.free.length < this.limits.maxBuffers &&
      this.freeBytes + memory.byteLength <= this.limits.maxBytes
    ) {
      this.free.push(memory);
      this.freeBytes += memory.byteLength;
    }
    return true;
  }

  /** Free buffers held (for tests and logs). */
  get freeCount(): number {
    return this.free.length;
  }

  /** Drops the free buffers (the connection closed). */
  clear(): void {
    this.free.length = 0;
    this.freeBytes = 0;
  }
}
