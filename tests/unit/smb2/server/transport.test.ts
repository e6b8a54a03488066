import { duplexPair } from 'node:stream';
import * as net from 'node:net';
import type { Frame } from '../../../../lib/smb2/framing';
import { ResourceBudget } from '../../../../lib/smb2/server/resource-budget';
import { ResponseBufferPool } from '../../../../lib/smb2/server/response-buffer-pool';
import type { MessageSlice } from '../../../../lib/smb2/server/streamed-read';
import { FrameTransport } from '../../../../lib/smb2/server/transport';

const MiB = 1024 * 1024;

function open(
  maxFrameSize = 1024,
  idleTimeoutMs = 60_000,
  o: { maxBytesInFlight?: number; receiveBudget?: ResourceBudget; key?: string; frameReceiveTimeoutMs?: number } = {},
) {
  const [client, server] = duplexPair();
  const frames: Frame[] = [];
  const closes: string[] = [];
  const pool = new ResponseBufferPool(8, 64 * MiB);
  const receiveBudget = o.receiveBudget ?? new ResourceBudget('receive bytes', 32 * MiB, 64 * MiB);
  const transport = new FrameTransport(server, {
    maxFrameSize,
    idleTimeoutMs,
    frameReceiveTimeoutMs: o.frameReceiveTimeoutMs ?? 60_000,
    maxBytesInFlight: o.maxBytesInFlight ?? 16 * MiB,
    receiveBudget,
    budgetKey: () => o.key ?? 'peer:memory',
    responseBuffers: pool,
    onFrames: (f) => frames.push(...f),
    onClose: (reason) => closes.push(reason),
  });
  transport.start();
  const received: Buffer[] = [];
  client.on('data', (chunk: Buffer) => received.push(chunk));
  return { client, transport, frames, closes, pool, received, receiveBudget };
}

/** A frame header announcing `length` bytes. */
function header(length: number): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(length, 0);
  return h;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('FrameTransport ([MS-SMB2] 2.1 Direct TCP, [RFC 1002] 4.3)', () => {
  it('delivers whole frames whatever the chunking', async () => {
    const t = open();
    const bytes = Buffer.from('00000003abcdef85000000' + '00000001ff', 'hex');
    for (const b of bytes) t.client.write(Buffer.from([b]));
    await tick();
    expect(t.frames.map((f) => [f.type, f.payload.toString('hex')])).toEqual([
      [0x00, 'abcdef'],
      [0x85, ''],
      [0x00, 'ff'],
    ]);
    t.transport.close();
  });

  it('closes on a frame announced over the limit, which a session raises', async () => {
    const t = open(1024);
    t.client.write(Buffer.from([0, 0, 0x08, 0x00]));
    await tick();
    expect(t.closes[0]).toMatch(/2048 bytes exceeds the limit of 1024/);
    const u = open(1024);
    u.transport.maxFrameSize = 4096;
    u.client.write(Buffer.concat([Buffer.from([0, 0, 0x08, 0x00]), Buffer.alloc(2048)]));
    await tick();
    expect(u.frames.length).toBe(1);
    expect(u.closes).toEqual([]);
    u.transport.close();
  });

  it('writes the frame header before the payload, gives a pooled payload back, and nothing once closed', async () => {
    const t = open();
    const payload = t.pool.take(MiB);
    payload.fill(7);
    await t.transport.send(payload.subarray(0, 3));
    await tick();
    expect(Buffer.concat(t.received)).toEqual(Buffer.from('00000003070707', 'hex'));
    expect(t.pool.size.buffers).toBe(1);
    t.transport.close();
    const late = t.pool.take(MiB);
    expect(t.pool.size.buffers).toBe(0);
    await t.transport.send(late);
    await tick();
    expect(Buffer.concat(t.received).length).toBe(7);
    expect(t.pool.size.buffers).toBe(1);
  });

  it('reports the end of the peer and an idle timeout', async () => {
    const t = open();
    t.client.end();
    await tick();
    expect(t.closes[0]).toBe('peer ended the connection');
    const idle = open(1024, 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(idle.closes[0]).toBe('idle timeout');
    idle.transport.close();
  });

  it('writes a large payload on TCP in one writev and gives it back once written', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const client = net.connect(port, '127.0.0.1');
    const socket = await accepted;
    const pool = new ResponseBufferPool(8, 64 * MiB);
    const transport = new FrameTransport(socket, {
      maxFrameSize: 1024,
      idleTimeoutMs: 60_000,
      frameReceiveTimeoutMs: 60_000,
      maxBytesInFlight: 16 * MiB,
      receiveBudget: new ResourceBudget('receive bytes', 32 * MiB, 64 * MiB),
      budgetKey: () => 'peer:127.0.0.1',
      responseBuffers: pool,
      onFrames: () => undefined,
      onClose: () => undefined,
    });
    transport.start();
    const got: Buffer[] = [];
    let total = 0;
    const all = new Promise<void>((resolve) =>
      client.on('data', (chunk: Buffer) => {
        got.push(chunk);
        total += chunk.length;
        if (total === 4 + MiB) resolve();
      }),
    );
    const payload = pool.take(MiB).subarray(0, MiB);
    payload.fill(9);
    await transport.send(payload);
    await all;
    const data = Buffer.concat(got);
    expect(data.readUInt32BE(0)).toBe(MiB);
    expect(data.subarray(4).every((b) => b === 9)).toBe(true);
    expect(pool.size.buffers).toBe(1);
    transport.close();
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('holds at most maxBytesInFlight response bytes not yet written: a later send waits, in order', async () => {
    const [client, server] = duplexPair();
    const pool = new ResponseBufferPool(8, 64 * MiB);
    const transport = new FrameTransport(server, {
      maxFrameSize: 1024,
      idleTimeoutMs: 60_000,
      frameReceiveTimeoutMs: 60_000,
      maxBytesInFlight: 64 * 1024,
      receiveBudget: new ResourceBudget('receive bytes', MiB, MiB),
      budgetKey: () => 'peer:memory',
      responseBuffers: pool,
      onFrames: () => undefined,
      onClose: () => undefined,
    });
    transport.start();
    const done: number[] = [];
    // The peer reads nothing yet: the first frame is let through, the others wait for room.
    const sends = [1, 2, 3].map((n) => transport.send(Buffer.alloc(40 * 1024, n)).then(() => done.push(n)));
    await tick();
    expect(done).toEqual([1]);
    let received = 0;
    const all = new Promise<void>((resolve) =>
      client.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received === 3 * (4 + 40 * 1024)) resolve();
      }),
    );
    await Promise.all(sends);
    await all;
    expect(done).toEqual([1, 2, 3]);
    transport.close();
  });

  it("takes a large frame's announced length from the receive budget and gives it back once processed", async () => {
    const budget = new ResourceBudget('receive bytes', 256 * 1024, 256 * 1024);
    const t = open(512 * 1024, 60_000, { receiveBudget: budget, key: 'user:alice' });
    t.client.write(Buffer.concat([header(200 * 1024), Buffer.alloc(1000)]));
    await tick();
    expect(budget.usedBy('user:alice')).toBe(200 * 1024);
    expect(t.transport.reservedBytes).toBe(200 * 1024);
    t.client.write(Buffer.alloc(200 * 1024 - 1000));
    await tick();
    expect(t.frames).toHaveLength(1);
    // Processed: the bytes go back.
    t.transport.frameDone(t.frames[0]!);
    expect(budget.used).toBe(0);
    // Small frames are not counted.
    t.client.write(Buffer.concat([header(100), Buffer.alloc(100)]));
    await tick();
    expect(t.frames).toHaveLength(2);
    expect(budget.used).toBe(0);
    t.transport.close();
  });

  it('stops reading while the budget is spent by another connection, and reads on once it is given back', async () => {
    const budget = new ResourceBudget('receive bytes', 256 * 1024, 256 * 1024);
    const a = open(512 * 1024, 60_000, { receiveBudget: budget, key: 'user:alice' });
    const b = open(512 * 1024, 60_000, { receiveBudget: budget, key: 'user:alice' });
    a.client.write(Buffer.concat([header(200 * 1024), Buffer.alloc(100)]));
    await tick();
    b.client.write(Buffer.concat([header(200 * 1024), Buffer.alloc(100)]));
    await tick();
    expect(budget.used).toBe(200 * 1024);
    expect(budget.waiting).toBe(1);
    // b's peer keeps sending; b does not read it while it waits.
    b.client.write(Buffer.alloc(200 * 1024 - 100));
    await tick();
    expect(b.frames).toHaveLength(0);
    // a closes: its reservation goes back, b takes it and completes its frame.
    a.transport.close();
    await tick();
    await tick();
    expect(budget.usedBy('user:alice')).toBe(200 * 1024);
    expect(b.frames).toHaveLength(1);
    b.transport.close();
    expect(budget.used).toBe(0);
  });

  it('resets the idle timer on complete frames only, not on bytes trickling in', async () => {
    const t = open(1024, 80);
    t.client.write(Buffer.from([0, 0, 0, 50]));
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      t.client.write(Buffer.from([i]));
    }
    expect(t.closes).toContain('idle timeout');
    t.transport.close();
  });

  it('closes a connection whose budgeted frame does not arrive in time, and gives its bytes back', async () => {
    const budget = new ResourceBudget('receive bytes', 256 * 1024, 256 * 1024);
    const t = open(512 * 1024, 60_000, { receiveBudget: budget, frameReceiveTimeoutMs: 50 });
    t.client.write(Buffer.concat([header(100 * 1024), Buffer.alloc(10)]));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(t.closes).toContain('a frame was not received in time');
    t.transport.close();
    expect(budget.used).toBe(0);
  });
});

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
