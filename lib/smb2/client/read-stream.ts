/**
 * A Readable over a remote file that keeps `parallel` chunk reads in flight and emits them in
 * order (the pipelining of [MS-SMB2] 3.2.4.6 within the credit window). Back-pressure stops new
 * reads; a failed read destroys the stream with the read's error; the file is closed at the end,
 * on error and on destroy.
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

export class PipelinedReadStream extends Readable {
  private nextOffset = 0;
  private delivered = 0;
  private readonly inFlight: Array<Promise<Buffer>> = [];
  private pumping = false;
  private fileClosed = false;

  constructor(private readonly o: PipelinedReadOptions) {
    super({ highWaterMark: Math.max(o.chunkSize, 16 * 1024) });
  }

  override _read(): void {
    if (this.pumping) return;
    this.pumping = true;
    void this.pump();
  }

  private fill(): void {
    while (this.inFlight.length < this.o.parallel && this.nextOffset < this.o.size) {
      const offset = this.nextOffset;
      const length = Math.min(this.o.chunkSize, this.o.size - offset);
      this.nextOffset += length;
      const p = this.o.readChunk(offset, length);
      // Awaited in order below; a rejection must not surface as unhandled meanwhile.
      p.catch(() => undefined);
      this.inFlight.push(p);
    }
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        this.fill();
        const head = this.inFlight.shift();
        if (head === undefined) {
          await this.closeFile();
          this.push(null);
          return;
        }
        const data = await head;
        if (this.destroyed) return;
        this.delivered += data.length;
        this.o.onProgress?.(this.delivered, this.o.size);
        if (!this.push(data)) {
          this.fill();
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
