import { duplexPair } from 'node:stream';
import { ResourceBudget } from '../../../../lib/smb2/server/resource-budget';
import { ResponseBufferPool } from '../../../../lib/smb2/server/response-buffer-pool';
import type { MessageSlice } from '../../../../lib/smb2/server/streamed-read';
import { FrameTransport } from '../../../../lib/smb2/server/transport';

const MiB = 1024 * 1024;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function open() {
  const [client, server] = duplexPair();
  const closes: string[] = [];
  const pool = new ResponseBufferPool(8, 64 * MiB);
  const transport = new FrameTransport(server, {
    maxFrameSize: 1024,
    idleTimeoutMs: 60_000,
    frameReceiveTimeoutMs: 60_000,
    maxBytesInFlight: 16 * MiB,
    receiveBudget: new ResourceBudget('receive bytes', 32 * MiB, 64 * MiB),
    budgetKey: () => 'peer:memory',
    responseBuffers: pool,
    onFrames: () => undefined,
    onClose: (reason) => closes.push(reason),
  });
  transport.start();
  const received: Buffer[] = [];
  client.on('data', (chunk: Buffer) => received.push(chunk));
  return { transport, closes, pool, received };
}

/** Slices of `payload` ending at `ends`, each ready when its `release` is called. */
function deferredSlices(ends: readonly number[]) {
  const releases: Array<() => void> = [];
  const fails: Array<(err: Error) => void> = [];
  const slices: MessageSlice[] = ends.map((end) => ({
    end,
    ready: new Promise<void>((resolve, reject) => {
      releases.push(resolve);
      fails.push(reject);
    }),
  }));
  return { slices, releases, fails };
}

describe('FrameTransport: a streamed frame (streamed-read.ts)', () => {
  it('writes each slice once it is ready, and nothing else until its last one', async () => {
    const t = open();
    const payload = Buffer.from('abcdefghij');
    const { slices, releases } = deferredSlices([4, 7, 10]);
    const streamed = t.transport.send(payload, undefined, undefined, slices);
    await tick();
    expect(t.received).toEqual([]);
    releases[0]!();
    await tick();
    expect(Buffer.concat(t.received).toString('latin1')).toBe('\x00\x00\x00\x0aabcd');
    // Another frame asked for meanwhile waits for the streamed one to end.
    const other = t.transport.send(Buffer.from('XY'));
    releases[2]!(); // out of order: the slices still leave in order
    await tick();
    expect(Buffer.concat(t.received).toString('latin1')).toBe('\x00\x00\x00\x0aabcd');
    releases[1]!();
    await Promise.all([streamed, other]);
    await tick();
    expect(Buffer.concat(t.received).toString('latin1')).toBe('\x00\x00\x00\x0aabcdefghij\x00\x00\x00\x02XY');
    t.transport.close();
  });

  it('gives a pooled payload back once its last slice is written', async () => {
    const t = open();
    const payload = t.pool.take(MiB);
    const { slices, releases } = deferredSlices([MiB / 2, MiB]);
    const streamed = t.transport.send(payload, undefined, undefined, slices);
    releases[0]!();
    await tick();
    expect(t.pool.take(MiB).buffer).not.toBe(payload.buffer);
    releases[1]!();
    await streamed;
    await tick();
    expect(t.pool.take(MiB).buffer).toBe(payload.buffer);
    t.transport.close();
  });

  it('closes the connection when a slice cannot be read, and keeps the buffer from the pool', async () => {
    const t = open();
    const payload = t.pool.take(MiB);
    const { slices, releases, fails } = deferredSlices([MiB / 2, MiB]);
    const streamed = t.transport.send(payload, undefined, undefined, slices);
    releases[0]!();
    fails[1]!(new Error('EIO'));
    await streamed;
    expect(t.closes).toEqual(["a READ's data could not be read: EIO"]);
    expect(t.pool.take(MiB).buffer).not.toBe(payload.buffer);
    t.transport.close();
  });
});
