/**
 * The transport of one SMB2 connection — [MS-SMB2] 2.1 (Direct TCP) and [RFC 1002] 4.3 (NetBIOS
 * session service): bytes in, whole frames out (split-safe, with a maximum frame size checked on
 * the announcement), frames written with their 4-byte header, back-pressure both ways, and the
 * idle timeout (any complete frame resets it; bytes trickling in do not).
 *
 * Received bytes are budgeted: before it buffers a frame of RESERVE_THRESHOLD bytes or more, the
 * transport takes the frame's announced length from the server's receive budget (per user, or per
 * peer before logon, and for the server), stopping reading until it fits; the frame is then
 * received straight into a buffer of its length (FrameDecoder.beginAssembly), and the bytes go
 * back once the connection has processed the frame (frameDone) or closes.
 *
 * Sent bytes are budgeted too: at most `maxBytesInFlight` response bytes are handed to the stream
 * and not yet written out (one frame is always let through); send() waits, in order, for room.
 * On a TCP socket a large payload (a READ response) leaves in one writev with its header, without
 * being copied; its pooled buffer goes back to the pool only once the socket has written it. Any
 * other duplex (an in-memory pair in tests) gets one concatenated write. A streamed READ response
 * (streamed-read.ts) is written slice by slice as its data is read, and no other frame is written
 * until its last slice is.
 */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { FrameDecoder, FrameTooLargeError, NBSS_SESSION_MESSAGE, frameHeader } from '../framing';
import type { Frame } from '../framing';
import type { ResponseBuffers } from './connection-context';
import type { ResourceBudget } from './resource-budget';
import type { MessageSlice } from './streamed-read';

/** Payloads from this size on are written without a copy (header and payload in one writev). */
const WRITEV_MIN_SIZE = 65536;
/** How long a closing connection's last responses may take to leave before the stream is destroyed. */
const CLOSE_FLUSH_MS = 2000;
/** Frames from this size on are reserved in the receive budget before their bytes are buffered. */
export const RESERVE_THRESHOLD = 65536;

export interface TransportOptions {
  /** The largest frame accepted until raised (small until a session is established). */
  readonly maxFrameSize: number;
  readonly idleTimeoutMs: number;
  /** A budgeted frame must arrive whole within this time. */
  readonly frameReceiveTimeoutMs: number;
  /** Response bytes handed to the stream and not yet written out, at most. */
  readonly maxBytesInFlight: number;
  /** The server's budget of received bytes, and the key this connection's bytes count against now. */
  readonly receiveBudget: ResourceBudget;
  readonly budgetKey: () => string;
  /** Where pooled payloads go back once written. */
  readonly responseBuffers: ResponseBuffers;
  /** Complete frames, in order. */
  readonly onFrames: (frames: Frame[]) => void;
  /** The transport ended, failed, timed out or received bad framing: the connection must close. */
  readonly onClose: (reason: string) => void;
}

interface Reservation {
  readonly key: string;
  readonly amount: number;
}

type PauseReason = 'queue' | 'budget';

export class FrameTransport {
  private readonly decoder: FrameDecoder;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly pauses = new Set<PauseReason>();
  /** The reservation of the frame being received, once granted. */
  private partial: Reservation | undefined;
  private waitingForBudget = false;
  /** Runs while a budgeted frame is being received. */
  private frameTimer: NodeJS.Timeout | undefined;
  /** Complete frames holding a reservation, until processed. */
  private readonly reserved = new Map<Frame, Reservation>();
  private bytesInFlight = 0;
  /** Senders waiting for room, in order, with the bytes each will add. */
  private readonly sendQueue: Array<{ readonly size: number; readonly wake: () => void }> = [];
  /** Set while a streamed frame's slices are being written. */
  private streaming: Promise<void> | undefined;

  constructor(
    private readonly stream: Duplex,
    private readonly options: TransportOptions,
  ) {
    this.decoder = new FrameDecoder(options.maxFrameSize);
  }

  start(): void {
    this.stream.on('data', (chunk: Buffer) => this.onData(chunk));
    this.stream.on('end', () => this.options.onClose('peer ended the connection'));
    this.stream.on('close', () => this.options.onClose('transport closed'));
    this.stream.on('error', (err: Error) => this.options.onClose(`transport error: ${err.message}`));
    this.resetIdleTimer();
  }

  /** Raises (or lowers) the largest frame accepted from now on. */
  set maxFrameSize(size: number) {
    this.decoder.maxFrameSize = size;
  }

  /** Stops reading (too many frames queued). */
  pause(): void {
    this.pauseFor('queue');
  }

  /** Reads again, if nothing else holds the input. */
  resume(): void {
    this.resumeFor('queue');
  }

  /** The connection has processed `frame`: its bytes leave the receive budget. */
  frameDone(frame: Frame): void {
    const r = this.reserved.get(frame);
    if (r === undefined) return;
    this.reserved.delete(frame);
    this.options.receiveBudget.give(r.key, r.amount);
  }

  /** Bytes this connection holds in the receive budget. */
  get reservedBytes(): number {
    let n = this.partial?.amount ?? 0;
    for (const r of this.reserved.values()) n += r.amount;
    return n;
  }

  /**
   * Writes one frame, once fewer than maxBytesInFlight bytes are waiting to be written (at once
   * when none are). A pooled READ buffer in `payload` goes back to the pool once nothing reads it
   * again: when the stream has written it (never earlier: a buffer still queued in the socket must
   * not be reused), or at once when the frame is a copy. `prefix` (a TRANSFORM_HEADER) goes
   * between the frame header and the payload, so that a ciphertext is not copied behind it.
   */
  async send(
    payload: Buffer,
    type = NBSS_SESSION_MESSAGE,
    prefix?: Buffer,
    slices?: readonly MessageSlice[],
  ): Promise<void> {
    const pool = this.options.responseBuffers;
    const prefixLength = prefix?.length ?? 0;
    // frameHeader refuses a payload a 24-bit length cannot announce: nothing of it is built.
    const header = frameHeader(prefixLength + payload.length, type);
    const size = header.length + prefixLength + payload.length;
    // Unsent: the buffer goes back, unless reads may still be writing into it (left to the collector).
    const unsent = (): void => {
      if (slices === undefined) pool.give(payload);
    };
    if (this.closed) return unsent();
    if (this.sendQueue.length > 0 || !this.hasRoomFor(size)) {
      // wakeSenders counts the bytes in when it lets this sender through.
      await new Promise<void>((wake) => this.sendQueue.push({ size, wake }));
      if (this.closed) return unsent();
    } else this.bytesInFlight += size;
    // A streamed frame is being written: nothing may go between its slices.
    while (this.streaming !== undefined) await this.streaming;
    if (this.closed) return unsent();
    const written = (): void => {
      this.bytesInFlight -= size;
      this.wakeSenders();
    };
    if (slices !== undefined && slices.length > 0) {
      const streaming = this.writeSlices(header, payload, slices, written);
      this.streaming = streaming;
      await streaming;
      this.streaming = undefined;
      return;
    }
    if (this.stream instanceof Socket && payload.length >= WRITEV_MIN_SIZE) {
      // TCP has no message boundaries: header and payload leave in one writev, without copying the payload.
      this.stream.cork();
      this.stream.write(prefix !== undefined ? Buffer.concat([header, prefix]) : header);
      this.stream.write(payload, (err) => {
        written();
        // After an error the write may not have let go of the bytes: leave them to the collector.
        if (err === undefined || err === null) pool.give(payload);
      });
      this.stream.uncork();
    } else {
      const frame = Buffer.concat(prefix !== undefined ? [header, prefix, payload] : [header, payload]);
      // A copy: the payload can go back at once (and must not be given back again later).
      pool.give(payload);
      this.stream.write(frame, written);
    }
  }

  /**
   * Writes the frame header and `payload` slice by slice, each once it is ready (streamed-read.ts);
   * resolves once the last slice is handed to the stream. A slice that cannot be read closes the
   * connection: its header has announced bytes that will not come. Then, or when the connection
   * closes first, the buffer is left to the collector: a read may still be writing into it.
   */
  private async writeSlices(
    header: Buffer,
    payload: Buffer,
    slices: readonly MessageSlice[],
    written: () => void,
  ): Promise<void> {
    let at = 0;
    for (const [i, slice] of slices.entries()) {
      try {
        await slice.ready;
      } catch (err) {
        this.options.onClose(`a READ's data could not be read: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      if (this.closed) return;
      const part = payload.subarray(at, slice.end);
      at = slice.end;
      // The frame header leaves with the first slice, in one writev.
      if (i === 0) {
        this.stream.cork();
        this.stream.write(header);
      }
      if (i < slices.length - 1) this.stream.write(part);
      else
        this.stream.write(part, (err) => {
          written();
          if (err === undefined || err === null) this.options.responseBuffers.give(payload);
        });
      if (i === 0) this.stream.uncork();
    }
  }

  /** Ends the stream (the peer sees the close on any duplex), then frees it. Nothing is read or sent after. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.stopFrameTimer();
    const budget = this.options.receiveBudget;
    budget.cancelWaits(this);
    if (this.partial !== undefined) budget.give(this.partial.key, this.partial.amount);
    this.partial = undefined;
    for (const r of this.reserved.values()) budget.give(r.key, r.amount);
    this.reserved.clear();
    for (const waiter of this.sendQueue.splice(0)) waiter.wake();
    // Responses already handed to the stream (the READs answered before a fatal frame) leave
    // first; a peer that does not take them gets CLOSE_FLUSH_MS.
    this.stream.end();
    const destroy = (): void => void setImmediate(() => this.stream.destroy());
    if (this.stream.writableFinished) destroy();
    else {
      const timer = setTimeout(destroy, CLOSE_FLUSH_MS);
      timer.unref();
      this.stream.once('finish', () => {
        clearTimeout(timer);
        destroy();
      });
    }
  }

  private hasRoomFor(size: number): boolean {
    return this.bytesInFlight === 0 || this.bytesInFlight + size <= this.options.maxBytesInFlight;
  }

  /** Lets waiting senders through, in order, while they fit. */
  private wakeSenders(): void {
    for (let next = this.sendQueue[0]; next !== undefined && this.hasRoomFor(next.size); next = this.sendQueue[0]) {
      this.sendQueue.shift();
      this.bytesInFlight += next.size;
      next.wake();
    }
  }

  private pauseFor(reason: PauseReason): void {
    this.pauses.add(reason);
    this.stream.pause();
  }

  private resumeFor(reason: PauseReason): void {
    this.pauses.delete(reason);
    if (this.pauses.size === 0 && !this.closed && this.stream.isPaused()) this.stream.resume();
  }

  private resetIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.options.onClose('idle timeout'), this.options.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.options.onClose(err instanceof FrameTooLargeError ? err.message : `framing error: ${String(err)}`);
      return;
    }
    if (frames.length > 0) {
      this.resetIdleTimer();
      // The reserved frame was the one being received: it is the first to complete.
      const first = frames[0];
      if (this.partial !== undefined && first !== undefined) {
        this.reserved.set(first, this.partial);
        this.partial = undefined;
        this.stopFrameTimer();
      }
      this.options.onFrames(frames);
    }
    this.reservePartialFrame();
  }

  /** The frame being received holds its bytes: it gets its own buffer, and a time to arrive in. */
  private granted(reservation: Reservation): void {
    this.partial = reservation;
    this.decoder.beginAssembly();
    this.frameTimer = setTimeout(
      () => this.options.onClose('a frame was not received in time'),
      this.options.frameReceiveTimeoutMs,
    );
    this.frameTimer.unref();
  }

  private stopFrameTimer(): void {
    if (this.frameTimer !== undefined) clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
  }

  /** Takes the announced length of a large frame being received from the budget, pausing until it fits. */
  private reservePartialFrame(): void {
    if (this.closed || this.partial !== undefined || this.waitingForBudget) return;
    const amount = this.decoder.partialFrameLength;
    if (amount === undefined || amount < RESERVE_THRESHOLD) return;
    const budget = this.options.receiveBudget;
    const key = this.options.budgetKey();
    if (budget.tryTake(key, amount)) {
      this.granted({ key, amount });
      return;
    }
    this.waitingForBudget = true;
    this.pauseFor('budget');
    budget.take(key, amount, this).then(
      () => {
        this.waitingForBudget = false;
        if (this.closed) {
          budget.give(key, amount);
          return;
        }
        this.granted({ key, amount });
        this.resumeFor('budget');
      },
      () => {
        // Cancelled: the connection closed.
        this.waitingForBudget = false;
      },
    );
  }
}
