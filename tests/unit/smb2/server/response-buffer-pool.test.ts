import {
  IDLE_TRIM_MS,
  MIN_POOLED_SIZE,
  ResponseBufferPool,
  bucketCapacity,
} from '../../../../lib/smb2/server/response-buffer-pool';

const MiB = 1024 * 1024;

describe('ResponseBufferPool', () => {
  it('buckets a READ of 2^n bytes plus its headers into 2^n + 4096', () => {
    expect(bucketCapacity(8 * MiB + 0x50)).toBe(8 * MiB + 4096);
    expect(bucketCapacity(8 * MiB)).toBe(8 * MiB + 4096);
    expect(bucketCapacity(5 * MiB)).toBe(8 * MiB + 4096);
    expect(bucketCapacity(65536 + 0x50)).toBe(65536 + 4096);
    expect(bucketCapacity(65536 + 5000)).toBe(131072 + 4096);
  });

  it('reuses a buffer only after it is given back, through any view of it', () => {
    const pool = new ResponseBufferPool(8, 64 * MiB);
    const a = pool.take(MiB + 0x50);
    expect(a.length).toBe(bucketCapacity(MiB + 0x50));
    const b = pool.take(MiB + 0x50);
    expect(b.buffer).not.toBe(a.buffer);
    pool.give(a.subarray(0, 1000));
    expect(pool.size).toEqual({ buffers: 1, bytes: a.length });
    const c = pool.take(MiB);
    expect(c.buffer).toBe(a.buffer);
    expect(pool.size).toEqual({ buffers: 0, bytes: 0 });
  });

  it('ignores buffers it did not hand out, and a second give of the same buffer', () => {
    const pool = new ResponseBufferPool(8, 64 * MiB);
    pool.give(Buffer.allocUnsafeSlow(MiB));
    const a = pool.take(MiB);
    pool.give(a);
    pool.give(a);
    expect(pool.size.buffers).toBe(1);
    const b = pool.take(MiB);
    const c = pool.take(MiB);
    expect(c.buffer).not.toBe(b.buffer);
  });

  it('does not pool small buffers', () => {
    const pool = new ResponseBufferPool(8, 64 * MiB);
    const s = pool.take(MIN_POOLED_SIZE - 1);
    expect(s.length).toBe(MIN_POOLED_SIZE - 1);
    pool.give(s);
    expect(pool.size.buffers).toBe(0);
  });

  it('keeps at most maxBuffers and maxBytes, and nothing once closed', () => {
    const pool = new ResponseBufferPool(2, 20 * MiB);
    const taken = [1, 2, 3].map(() => pool.take(8 * MiB));
    for (const t of taken) pool.give(t);
    expect(pool.size.buffers).toBe(2);
    const few = new ResponseBufferPool(8, 10 * MiB);
    const two = [pool.take(4 * MiB), few.take(8 * MiB), few.take(8 * MiB)];
    few.give(two[1]!);
    few.give(two[2]!);
    expect(few.size.buffers).toBe(1);
    const late = few.take(8 * MiB);
    few.close();
    expect(few.size).toEqual({ buffers: 0, bytes: 0 });
    few.give(late);
    expect(few.size).toEqual({ buffers: 0, bytes: 0 });
  });

  it('lets its buffers go after IDLE_TRIM_MS without a give, and keeps them while READs go on', () => {
    jest.useFakeTimers();
    try {
      const pool = new ResponseBufferPool(8, 64 * 1024 * 1024);
      pool.give(pool.take(1024 * 1024));
      jest.advanceTimersByTime(IDLE_TRIM_MS - 100);
      pool.give(pool.take(1024 * 1024)); // a READ answered: the quiet period starts again
      jest.advanceTimersByTime(IDLE_TRIM_MS - 100);
      expect(pool.size.buffers).toBe(1);
      jest.advanceTimersByTime(200);
      expect(pool.size).toEqual({ buffers: 0, bytes: 0 });
    } finally {
      jest.useRealTimers();
    }
  });
});
