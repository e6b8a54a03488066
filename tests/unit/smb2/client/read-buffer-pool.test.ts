// The client's pool of large-frame buffers: a released buffer is reused for the same size, a
// view of anything else and a second release are ignored, and the free list stays bounded.
import { ReadBufferPool } from '../../../../lib/smb2/client/read-buffer-pool';

const MiB = 1024 * 1024;

test('a released buffer takes the next frame of the same rounded size', () => {
  const pool = new ReadBufferPool();
  const a = pool.take(8 * MiB + 0x50);
  expect(a.length).toBe(8 * MiB + 0x50);
  // Shared memory: a seal worker decrypts a frame where it was received.
  expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(pool.release(a.subarray(0x50))).toBe(true);
  expect(pool.freeCount).toBe(1);
  // 8 MiB + 0x60 rounds to the same 64 KiB granule.
  const b = pool.take(8 * MiB + 0x60);
  expect(b.buffer).toBe(a.buffer);
  expect(b.length).toBe(8 * MiB + 0x60);
  expect(pool.freeCount).toBe(0);
  // Another size gets its own buffer.
  const c = pool.take(1 * MiB);
  expect(c.buffer).not.toBe(a.buffer);
});

test('views of other buffers and second releases are ignored', () => {
  const pool = new ReadBufferPool();
  expect(pool.release(Buffer.allocUnsafeSlow(MiB))).toBe(false);
  const a = pool.take(MiB);
  expect(pool.release(a)).toBe(true);
  expect(pool.release(a)).toBe(false);
  expect(pool.freeCount).toBe(1);
  // Taken again: the stale view's release must not free the new lending twice.
  const b = pool.take(MiB);
  expect(b.buffer).toBe(a.buffer);
  expect(pool.release(b)).toBe(true);
  expect(pool.release(a)).toBe(false);
});

test('the free list keeps at most maxBuffers and maxBytes; clear() drops it', () => {
  const pool = new ReadBufferPool({ maxBuffers: 2, maxBytes: 3 * MiB });
  const taken = [pool.take(MiB), pool.take(MiB), pool.take(MiB)];
  for (const t of taken) pool.release(t);
  expect(pool.freeCount).toBe(2);
  const big = pool.take(2 * MiB);
  pool.release(big);
  // 2 MiB free already; another 2 MiB would pass 3 MiB.
  expect(pool.freeCount).toBe(2);
  pool.clear();
  expect(pool.freeCount).toBe(0);
});
