/**
 * TEST TOOL: a raw DCE/RPC-over-TCP peer for the bad-input tests. It sends PDUs exactly as built
 * (tampered ones included) and reads whole PDUs back, or learns that the server closed.
 */
import * as net from 'node:net';
import { PduFramer } from '../../lib/rpc/pdu/pdu-framer';

export class RawRpc {
  private readonly framer = new PduFramer();
  private readonly queue: Buffer[] = [];
  private waiter: (() => void) | undefined;
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      for (const pdu of this.framer.push(d)) this.queue.push(Buffer.from(pdu));
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static connect(host: string, port: number): Promise<RawRpc> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port }, () => resolve(new RawRpc(s)));
      s.once('error', reject);
    });
  }

  send(pdu: Buffer): void {
    this.socket.write(pdu);
  }

  /** The next PDU, or 'closed' once the server ended the connection with nothing more to read. */
  async next(timeoutMs = 5000): Promise<Buffer | 'closed'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pdu = this.queue.shift();
      if (pdu !== undefined) return pdu;
      if (this.closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no PDU in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        };
      });
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
