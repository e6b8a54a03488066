/**
 * Reading a remote file with `parallel` chunk reads in flight, delivered in order (the pipelining
 * of [MS-SMB2] 3.2.4.6 within the credit window), two ways:
 * - PipelinedReadStream, a Readable: back-pressure stops new reads; a failed read destroys the
 *   stream with the read's error. The consumer keeps the chunks.
 * - readToSink(): each chunk is given to a sink and, once the sink is done with it (its promise
 *   settled), released, so that its buffer can take a later READ (read-buffer-pool.ts).
 * Either way the file is closed at the end, on error and on destroy.
 */
import { Readable } from 'node:stream';

export interface PipelinedReadOptions {
  readonly size: number;
  readonly chunkSize: number;
  readonly parallel: number;
  readonly readChunk: (offset: number, length: number) => Promise<Buffer>;
  readonly close: () => Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The chunk reads in flight, in file order. */
class ReadPipeline {
  private nextOffset = 0;
  private delivered = 0;
  private readonly inFlight: Array<Promise<Buffer>> = [];

  constructor(private readonly o: PipelinedReadOptions) {}

  /** Starts reads until `parallel` are in flight or the file is covered. */
  fill(): void {
    while (this.inFlight.length < this.o.parallel && this.nextOffset < this.o.size) {
      const offset = this.nextOffset;
      const length = Math.min(this.o.chunkSize, this.o.size - offset);
      this.nextOffset += length;
      const p = this.o.readChunk(offset, length);
      // Awaited in order; a rejection must not surface as unhandled meanwhile.
      p.catch(() => undefined);
      this.inFlight.push(p);
    }
  }

  /** The next chunk in order (reads refilled first); undefined at the end of the file. */
  async next(): Promise<Buffer | undefined> {
    this.fill();
    const head = this.inFlight.shift();
    if (head === undefined) return undefined;
    const data = await head;
    this.delivered += data.length;
    this.o.onProgress?.(this.delivered, this.o.size);
    return data;
  }
}

export class PipelinedReadStream extends Readable {
  private readonly pipeline: ReadPipeline;
  private pumping = false;
  private fileClosed = false;

  constructor(private readonly o: PipelinedReadOptions) {
    super({ highWaterMark: Math.max(o.chunkSize, 16 * 1024) });
    this.pipeline = new ReadPipeline(o);
  }

  override _read(): void {
    if (this.pumping) return;
    this.pumping = true;
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const data = await this.pipeline.next();
        if (this.destroyed) return;
        if (data === undefined) {
          await this.closeFile();
          this.push(null);
          return;
        }
        if (!this.push(data)) {
          this.pipeline.fill();
          this.pumping = false;
          return;
        }
      }
    } catch (err) {
      this.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private async closeFile(): Promise<void> {
    if (this.fileClosed) return;
    this.fileClosed = true;
    await this.o.close();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.closeFile().then(
      () => callback(err),
      () => callback(err),
    );
  }
}

/** Takes one chunk; the chunk is valid until the returned promise settles (or until it returns). */
export type ReadSink = (chunk: Buffer) => void | Promise<void>;

/**
 * Every chunk, in order, to `sink`; each is released once the sink is done with it. The bytes
 * delivered. A failed read or sink stops the reads and rejects, after the file is closed.
 */
export async function readToSink(
  o: PipelinedReadOptions,
  sink: ReadSink,
  release: (chunk: Buffer) => void,
): Promise<number> {
  const pipeline = new ReadPipeline(o);
  let delivered = 0;
  try {
    for (let data = await pipeline.next(); data !== undefined; data = await pipeline.next()) {
      await sink(data);
      delivered += data.length;
      release(data);
    }
  } catch (err) {
    // The reads still in flight settle unobserved; the CLOSE follows them on the wire.
    await o.close().catch(() => undefined);
    throw err;
  }
  await o.close();
  return delivered;
}
