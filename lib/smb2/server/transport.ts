/**
 * The transport of one SMB2 connection — [MS-SMB2] 2.1 (Direct TCP) and [RFC 1002] 4.3 (NetBIOS
 * session service): bytes in, whole frames out (split-safe, with a maximum frame size checked on
 * the announcement), frames written with their 4-byte header, back-pressure both ways, and the
 * idle timeout.
 *
 * On a TCP socket a large payload (a READ response) leaves in one writev with its header,
 * without being copied; its pooled buffer goes back to the pool only once the socket has written
 * it. Any other duplex (an in-memory pair in tests) gets one concatenated write.
 */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { FrameDecoder, FrameTooLargeError, NBSS_SESSION_MESSAGE, frameHeader } from '../framing';
import type { Frame } from '../framing';
import type { ResponseBuffers } from './connection-context';

/** Payloads from this size on are written without a copy (header and payload in one writev). */
const WRITEV_MIN_SIZE = 65536;

export interface TransportOptions {
  /** The largest frame accepted until raised (small until a session is established). */
  readonly maxFrameSize: number;
  readonly idleTimeoutMs: number;
  /** Where pooled payloads go back once written. */
  readonly responseBuffers: ResponseBuffers;
  /** Complete frames, in order. */
  readonly onFrames: (frames: Frame[]) => void;
  /** The transport ended, failed, timed out or received bad framing: the connection must close. */
  readonly onClose: (reason: string) => void;
}

export class FrameTransport {
  private readonly decoder: FrameDecoder;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

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
    this.stream.pause();
  }

  /** Reads again, if paused. */
  resume(): void {
    if (this.stream.isPaused()) this.stream.resume();
  }

  /**
   * Writes one frame. A pooled READ buffer in `payload` goes back to the pool once nothing reads it
   * again: when the socket has written it (never earlier: a buffer still queued in the socket must
   * not be reused), or at once when the frame is a copy. Resolves when the peer may take more.
   */
  async send(payload: Buffer, type = NBSS_SESSION_MESSAGE): Promise<void> {
    const pool = this.options.responseBuffers;
    if (this.closed) {
      pool.give(payload);
      return;
    }
    let ok: boolean;
    if (this.stream instanceof Socket && payload.length >= WRITEV_MIN_SIZE) {
      // TCP has no message boundaries: header and payload leave in one writev, without copying the payload.
      this.stream.cork();
      this.stream.write(frameHeader(payload.length, type));
      ok = this.stream.write(payload, (err) => {
        // After an error the write may not have let go of the bytes: leave them to the collector.
        if (err === undefined || err === null) pool.give(payload);
      });
      this.stream.uncork();
    } else {
      ok = this.stream.write(Buffer.concat([frameHeader(payload.length, type), payload]));
      pool.give(payload);
    }
    if (ok) return;
    // Back-pressure: wait until the peer reads before producing more.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  /** Ends the stream (the peer sees the close on any duplex), then frees it. Nothing is read or sent after. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.stream.end();
    setImmediate(() => this.stream.destroy());
  }

  private resetIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.options.onClose('idle timeout'), this.options.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.resetIdleTimer();
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.options.onClose(err instanceof FrameTooLargeError ? err.message : `framing error: ${String(err)}`);
      return;
    }
    this.options.onFrames(frames);
  }
}
