/**
 * A TCP proxy between our client and a real server that sees whole SMB2 frames from the server
 * (direct TCP framing: 1 zero byte + 24-bit big-endian length) and may change them, or cut the
 * connection. The framing here is parsed by hand, independent of lib/smb2/framing.
 */
import * as net from 'node:net';

export interface ProxyHooks {
  /** Server-to-client frame payload (without the 4-byte header): return it (changed or not), or 'drop-connection'. */
  readonly onServerFrame?: (payload: Buffer, index: number) => Buffer | 'drop-connection';
}

export interface FrameProxy {
  readonly port: number;
  readonly bytesToClient: () => number;
  close(): Promise<void>;
}

export async function startFrameProxy(targetPort: number, hooks: ProxyHooks): Promise<FrameProxy> {
  let toClient = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', kill);
    upstream.on('close', kill);
    client.on('data', (d: Buffer) => upstream.write(d));
    let pending = Buffer.alloc(0);
    let index = 0;
    upstream.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 4) {
        const length = ((pending[1] ?? 0) << 16) | ((pending[2] ?? 0) << 8) | (pending[3] ?? 0);
        if (pending.length < 4 + length) break;
        const head = pending.subarray(0, 4);
        const payload = Buffer.from(pending.subarray(4, 4 + length));
        pending = pending.subarray(4 + length);
        const out = hooks.onServerFrame ? hooks.onServerFrame(payload, index++) : payload;
        if (out === 'drop-connection') {
          kill();
          return;
        }
        const newHead = Buffer.from(head);
        newHead.writeUIntBE(out.length, 1, 3);
        toClient += 4 + out.length;
        client.write(Buffer.concat([newHead, out]));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy address');
  return {
    port: address.port,
    bytesToClient: () => toClient,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
