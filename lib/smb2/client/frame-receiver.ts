/**
 * The client's receiving side of the direct TCP transport ([MS-SMB2] 2.1): bytes to whole frames.
 * A frame of ASSEMBLE_FRAMES_FROM bytes or more (a READ response) is received into one buffer of
 * its announced length; with a socket that reads into buffers it is given (net's `onread`), the
 * kernel writes its bytes there directly, so a READ's data is never copied in user space. Other
 * reads go into a scratch buffer and are copied out (frames keep references to their bytes).
 * Large frames' buffers come from a pool (read-buffer-pool.ts): the consumer of a READ's data may
 * give its buffer back once done with it.
 * The client announces no frame over NBSS_MAX_LENGTH, and the decoder refuses larger ones.
 */
import { FrameDecoder, NBSS_MAX_LENGTH } from '../framing';
import type { Frame } from '../framing';
import { SMB2_TRANSFORM_HEADER_SIZE, isTransformMessage } from '../signing/encryption';
import { ReadBufferPool } from './read-buffer-pool';
import type { DirectRead } from './tcp-connect';

const ASSEMBLE_FRAMES_FROM = 256 * 1024;
/** What one socket read takes outside a large frame. */
const SCRATCH_SIZE = 64 * 1024;

/**
 * Where a large frame starts in its pooled (shared) buffer, so that the bytes a consumer copies
 * start on an 8-byte boundary: V8 copies to and from shared memory word by word when both ends are
 * aligned, byte by byte otherwise (about six times slower, measured: it was a fifth of an
 * encrypted download's CPU). A READ's data is 80 bytes into the SMB2 message ([MS-SMB2] 2.2.20),
 * which starts the frame, or follows the 52-byte TRANSFORM_HEADER (2.2.41) of an encrypted one,
 * where it is decrypted in place: at 4, the ciphertext, the message and its data are aligned.
 */
function frameOffset(start: Buffer): number {
  return isTransformMessage(start) ? 8 - (SMB2_TRANSFORM_HEADER_SIZE % 8) : 0;
}

export class FrameReceiver {
  private readonly decoder = new FrameDecoder(NBSS_MAX_LENGTH);
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_SIZE);
  /** Where large frames are received; release() a frame's data to reuse its buffer. */
  readonly pool = new ReadBufferPool();
  /** Whether the socket's current read goes into the frame being assembled (not scratch). */
  private readingDirect = false;
  private stopped = false;

  constructor(
    /** Each complete frame, in order; it may stop() the receiver. */
    private readonly onFrame: (frame: Frame) => void,
    /** Bytes that are not frames: the receiver stops. */
    private readonly onError: (err: unknown) => void,
  ) {}

  stop(): void {
    this.stopped = true;
    this.pool.clear();
  }

  /** Bytes from a stream's 'data' event. */
  push(chunk: Buffer): void {
    if (this.stopped) return;
    try {
      for (const frame of this.decoder.push(chunk)) {
        this.onFrame(frame);
        if (this.stopped) return;
      }
      if ((this.decoder.partialFrameLength ?? 0) >= ASSEMBLE_FRAMES_FROM)
        this.decoder.beginAssembly((n, start) => this.pool.take(n, frameOffset(start)));
    } catch (err) {
      this.stopped = true;
      this.onError(err);
    }
  }

  /** The buffer the socket reads into next: the rest of the large frame being received, or scratch. */
  nextReadBuffer(): Uint8Array {
    const target = this.stopped ? undefined : this.decoder.directTarget();
    this.readingDirect = target !== undefined;
    return target ?? this.scratch;
  }

  /** `n` bytes were read into the buffer nextReadBuffer() gave. */
  directRead(n: number, buffer: Uint8Array): void {
    if (!this.readingDirect) return this.push(Buffer.from(buffer.subarray(0, n)));
    if (this.stopped) return;
    try {
      const frame = this.decoder.directFilled(n);
      if (frame !== undefined) this.onFrame(frame);
    } catch (err) {
      this.stopped = true;
      this.onError(err);
    }
  }
}

/**
 * A socket's direct reads (tcp-connect.ts) for a receiver made once the socket is connected: they
 * go into its buffers after adopt(); bytes before that (none in practice: the server speaks only
 * when asked) are kept, and pushed to it in order.
 */
export function readsForLaterReceiver(): { readonly onread: DirectRead; adopt(receiver: FrameReceiver): void } {
  let target: FrameReceiver | undefined;
  const early: Buffer[] = [];
  const earlyScratch = Buffer.allocUnsafe(SCRATCH_SIZE);
  return {
    onread: {
      buffer: () => target?.nextReadBuffer() ?? earlyScratch,
      callback: (n, buffer) => {
        if (target !== undefined) target.directRead(n, buffer);
        else early.push(Buffer.from(buffer.subarray(0, n)));
        return true;
      },
    },
    adopt: (receiver) => {
      target = receiver;
      for (const chunk of early.splice(0)) receiver.push(chunk);
    },
  };
}
