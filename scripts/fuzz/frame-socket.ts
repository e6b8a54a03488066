/**
 * A socket for the server fuzzing: it writes whatever bytes it is given and reports what came
 * back — the next frame, the connection closing, or nothing within a time limit. Frames are
 * NetBIOS-framed for SMB2 ([MS-SMB2] 2.1) or whole PDUs by frag_length for RPC over TCP
 * (C706 12.6.3.1).
 */
import net from 'node:net';
import { FrameDecoder } from '../../lib/smb2/framing';
import { PduFramer } from '../../lib/rpc/pdu/pdu-framer';

export type Reply =
  { readonly kind: 'frame'; readonly bytes: Buffer } | { readonly kind: 'closed' } | { readonly kind: 'silent' };

export class FrameSocket {
  private readonly frames: Buffer[] = [];
  private waiter: (() => void) | undefined;
  private closed = false;

  private constructor(
    private readonly socket: net.Socket,
    framing: 'nbss' | 'rpc',
  ) {
    const smb = new FrameDecoder(16 << 20);
    const rpc = new PduFramer();
    socket.on('data', (chunk: Buffer) => {
      try {
        const got = framing === 'nbss' ? smb.push(chunk).map((f) => f.payload) : rpc.push(chunk, 0xffff);
        this.frames.push(...got);
      } catch {
        this.socket.destroy();
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, framing: 'nbss' | 'rpc', host = '127.0.0.1'): Promise<FrameSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new FrameSocket(socket, framing));
      });
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** The next frame, or the close, or `silent` after `timeoutMs`. */
  async next(timeoutMs: number): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame !== undefined) return { kind: 'frame', bytes: frame };
      if (this.closed) return { kind: 'closed' };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'silent' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    this.waiter?.();
  }
}
