/**
 * The order in which one connection's frames run — [MS-SMB2] 3.3.4.1, 3.3.5.12.
 *
 * Frames run one at a time, in the order of the wire, with one exception: a lone READ (one
 * SMB2 message, not compounded, in clear or alone in a TRANSFORM_HEADER) starts without waiting
 * for the READs before it, so a client's pipelined READs overlap their disk reads and the
 * encryption of their responses; responses are matched by MessageId
 * and [MS-SMB2] 3.3.4.1 lets them leave in any order. Any other frame first waits for every READ
 * in flight, so it sees their effects and they never see its (a CLOSE cannot close a file under
 * a READ). At most MAX_READS_IN_FLIGHT READs asking for MAX_READ_BYTES_IN_FLIGHT bytes run at
 * once (one READ is always admitted).
 *
 * An encrypted frame is decrypted in its turn in the queue (host.open), before it is known whether
 * it is a lone READ: the frames before it have run by then (READs change no session), so the key
 * it finds is the one it would find later; the connection keeps what it decrypted for the run.
 *
 * The queue is bounded: the transport stops reading while it is long.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { SMB2_HEADER_SIZE, SMB2_PROTOCOL_ID, SMB2_TRANSFORM_PROTOCOL_ID, Smb2Command } from '../constants';
import { NBSS_SESSION_MESSAGE } from '../framing';
import type { Frame } from '../framing';
import { decodeSmb2Header } from '../header';
import { decodeReadRequestLength } from '../messages/read';

/** READs of one connection in flight at once, and the bytes they may ask for (one READ is always admitted). */
export const MAX_READS_IN_FLIGHT = 8;
export const MAX_READ_BYTES_IN_FLIGHT = 32 * 2 ** 20;

/**
 * The Length a lone SMB2 READ asks for, or undefined for any other frame (an SMB1 one, a compound,
 * another command, an encrypted frame `open` does not open, or a message that does not decode: it
 * runs in its turn and is refused there). Decodes the header and the READ's Length, nothing more.
 */
export function loneReadLength(frame: Frame, open?: (frame: Frame) => Buffer | undefined): number | undefined {
  let payload: Buffer | undefined = frame.payload;
  if (frame.type !== NBSS_SESSION_MESSAGE || payload.length < 4) return undefined;
  if (payload.readUInt32LE(0) === SMB2_TRANSFORM_PROTOCOL_ID) payload = open?.(frame);
  if (payload === undefined || payload.length < SMB2_HEADER_SIZE) return undefined;
  const r = new BufferReader(payload);
  if (r.u32('ProtocolId') !== SMB2_PROTOCOL_ID) return undefined;
  try {
    const header = decodeSmb2Header(r.seek(0));
    if (header.command !== Smb2Command.READ || header.nextCommand !== 0) return undefined;
    return decodeReadRequestLength(r);
  } catch {
    return undefined;
  }
}

export interface PipelineHost {
  /** Processes one frame; never rejects (a failure closes the connection). */
  run(frame: Frame): Promise<void>;
  /** Whether lone READs may be scheduled early (only once a dialect is negotiated). */
  readonly negotiated: boolean;
  readonly closed: boolean;
  /** The SMB2 message inside an encrypted frame, or undefined when it does not decrypt. */
  open(frame: Frame): Buffer | undefined;
  /** Flow control of the transport. */
  pause(): void;
  resume(): void;
}

export class ReadPipeline {
  private readonly queue: Frame[] = [];
  private processing = false;
  /** READs started and not yet answered, with the bytes they asked for. */
  private readonly readsInFlight = new Set<Promise<void>>();
  private readBytesInFlight = 0;

  constructor(
    private readonly host: PipelineHost,
    /** Frames queued before the transport is paused. */
    private readonly maxQueuedFrames: number,
  ) {}

  /** READs running now. */
  get readsRunning(): number {
    return this.readsInFlight.size;
  }

  push(frames: readonly Frame[]): void {
    this.queue.push(...frames);
    // Bound what one connection may hold in memory: stop reading while the queue is long.
    if (this.queue.length >= this.maxQueuedFrames) this.host.pause();
    void this.pump();
  }

  /** The connection closed: queued frames are dropped (READs in flight finish). */
  clear(): void {
    this.queue.length = 0;
  }

  /** Nothing queued, running or in flight. */
  get idle(): boolean {
    return !this.processing && this.queue.length === 0 && this.readsInFlight.size === 0;
  }

  /** Runs `then` once no READ is in flight (at once when none is). */
  afterReads<T>(then: () => Promise<T>): Promise<T> {
    return this.readsInFlight.size === 0 ? then() : Promise.all(this.readsInFlight).then(then);
  }

  private async pump(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let frame = this.queue.shift(); frame !== undefined && !this.host.closed; frame = this.queue.shift()) {
        const readLength = this.host.negotiated ? loneReadLength(frame, (f) => this.host.open(f)) : undefined;
        if (readLength === undefined) {
          // Everything but a lone READ keeps the order of the wire.
          while (this.readsInFlight.size > 0) await Promise.all(this.readsInFlight);
          await this.host.run(frame);
        } else {
          while (
            this.readsInFlight.size > 0 &&
            (this.readsInFlight.size >= MAX_READS_IN_FLIGHT ||
              this.readBytesInFlight + readLength > MAX_READ_BYTES_IN_FLIGHT)
          ) {
            await Promise.race(this.readsInFlight);
          }
          // The awaits above may have seen the connection close.
          if (this.host.closed) break;
          this.readBytesInFlight += readLength;
          const read: Promise<void> = this.host.run(frame).finally(() => {
            this.readsInFlight.delete(read);
            this.readBytesInFlight -= readLength;
          });
          this.readsInFlight.add(read);
        }
        if (this.queue.length < this.maxQueuedFrames) this.host.resume();
      }
    } finally {
      this.processing = false;
    }
  }
}
