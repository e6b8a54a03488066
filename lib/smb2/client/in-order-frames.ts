/**
 * The frames a client connection received, handed on in the order they arrived while some of them
 * are still being decrypted on a seal worker. Order is the protocol's ([MS-SMB2] 3.2.5.1): an
 * interim STATUS_PENDING response comes before its final one (3.2.5.1.5), the credits a response
 * grants before the requests that wait for them (3.2.5.1.4), a session's SESSION_SETUP response
 * before its first encrypted one. A frame that is ready goes straight through when nothing waits
 * before it; otherwise it waits its turn behind the frames still being decrypted.
 *
 * The bound: a frame waits on a worker only when it is a large response, in practice a READ's, and
 * the client keeps few READs in flight (two of 8 MiB per download, or up to 16 smaller ones,
 * smb2-tree.ts; its credits bound the rest): with an honest server the queue holds no more frames
 * than the client has requests outstanding, plus their interim responses. A server that sends more
 * than it was asked for, or a worker that falls behind, is held back: at `maxAwaiting` frames
 * awaiting a worker, backlog(true) asks the connection to stop reading its socket until one is
 * done (backlog(false)); memory stays bounded whatever the server sends.
 */

/** Frames awaiting a worker before the connection stops reading its socket. */
export const MAX_AWAITING_FRAMES = 4;

interface Entry<T> {
  /** Set when the frame is ready (boxed: T itself may be anything). */
  ready: { readonly value: T } | undefined;
}

export class InOrderFrames<T> {
  private readonly queue: Array<Entry<T>> = [];
  private awaiting = 0;
  private stopped = false;

  constructor(
    /** Each frame, in arrival order; it may throw (the queue stops, onError). */
    private readonly deliver: (value: T) => void,
    /** A frame failed to become ready, or deliver() threw: nothing more is delivered. */
    private readonly onError: (err: unknown) => void,
    /** Too many frames await a worker (true), or no longer (false). */
    private readonly backlog: (full: boolean) => void,
    private readonly maxAwaiting = MAX_AWAITING_FRAMES,
  ) {}

  /** Frames received and not yet delivered. */
  get size(): number {
    return this.queue.length;
  }

  /** A frame ready now: delivered at once, unless earlier frames are still waiting. */
  add(value: T): void {
    if (this.stopped) return;
    if (this.queue.length === 0) this.handOn(value);
    else this.queue.push({ ready: { value } });
  }

  /** A frame that is ready when `work` resolves; its rejection stops the queue (onError). */
  addPending(work: Promise<T>): void {
    if (this.stopped) {
      work.catch(() => undefined);
      return;
    }
    const entry: Entry<T> = { ready: undefined };
    this.queue.push(entry);
    if (++this.awaiting === this.maxAwaiting) this.backlog(true);
    work.then(
      (value) => {
        if (this.stopped) return;
        entry.ready = { value };
        this.workDone();
        this.drain();
      },
      (err: unknown) => {
        if (this.stopped) return;
        this.workDone();
        this.fail(err);
      },
    );
  }

  /** Drops the waiting frames; nothing is delivered after this (the connection closed). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  private workDone(): void {
    if (this.awaiting-- === this.maxAwaiting) this.backlog(false);
  }

  private drain(): void {
    for (let head = this.queue[0]; head?.ready !== undefined && !this.stopped; head = this.queue[0]) {
      this.queue.shift();
      this.handOn(head.ready.value);
    }
  }

  private handOn(value: T): void {
    try {
      this.deliver(value);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (this.stopped) return;
    this.stop();
    this.onError(err);
  }
}
