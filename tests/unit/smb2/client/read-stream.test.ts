/**
 * PipelinedReadStream: chunks completing out of order are emitted in order, at most `parallel`
 * reads are in flight, the file is closed at the end and on failure.
 */
import { PipelinedReadStream, readToSink, type PipelinedReadOptions } from '../../../../lib/smb2/client/read-stream';

function source(size: number): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, i) => i % 251));
}

async function collect(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) parts.push(c);
  return Buffer.concat(parts);
}

test('out-of-order completions come out in order; parallelism bounded; progress and close', async () => {
  const data = source(10000);
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = 0;
  const progress: number[] = [];
  const stream = new PipelinedReadStream({
    size: data.length,
    chunkSize: 1000,
    parallel: 3,
    readChunk: async (offset, length) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later chunks finish first.
      await new Promise((r) => setTimeout(r, 20 - ((offset / 1000) % 3) * 8));
      inFlight--;
      return data.subarray(offset, offset + length);
    },
    close: () => {
      closed++;
      return Promise.resolve();
    },
    onProgress: (done, total) => {
      expect(total).toBe(10000);
      progress.push(done);
    },
  });
  expect((await collect(stream)).equals(data)).toBe(true);
  expect(maxInFlight).toBe(3);
  expect(progress).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
  expect(closed).toBe(1);
});

test('an empty file ends at once and is closed', async () => {
  let closed = 0;
  const stream = new PipelinedReadStream({
    size: 0,
    chunkSize: 10,
    parallel: 2,
    readChunk: () => Promise.reject(new Error('no read expected')),
    close: () => {
      closed++;
      return Promise.resolve();
    },
  });
  expect((await collect(stream)).length).toBe(0);
  expect(closed).toBe(1);
});

/** 5 chunks of 1000 bytes whose third read fails; counts the closes. */
function failingAtThirdChunk(): { options: PipelinedReadOptions; closed: () => number } {
  let closed = 0;
  return {
    options: {
      size: 5000,
      chunkSize: 1000,
      parallel: 2,
      readChunk: (offset) =>
        offset === 2000 ? Promise.reject(new Error('connection lost')) : Promise.resolve(Buffer.alloc(1000)),
      close: () => {
        closed++;
        return Promise.resolve();
      },
    },
    closed: () => closed,
  };
}

test('a failed read destroys the stream with its error and closes the file', async () => {
  const { options, closed } = failingAtThirdChunk();
  const stream = new PipelinedReadStream(options);
  await expect(collect(stream)).rejects.toThrow('connection lost');
  expect(closed()).toBe(1);
});

describe('readToSink', () => {
  test('chunks go to the sink in order, each released after the sink is done with it', async () => {
    const data = source(10000);
    const events: string[] = [];
    let closed = 0;
    const n = await readToSink(
      {
        size: data.length,
        chunkSize: 3000,
        parallel: 2,
        readChunk: async (offset, length) => {
          await new Promise((r) => setTimeout(r, offset === 0 ? 15 : 1));
          return data.subarray(offset, offset + length);
        },
        close: () => {
          closed++;
          return Promise.resolve();
        },
      },
      async (chunk) => {
        events.push(`sink ${chunk[0]}`);
        await new Promise((r) => setTimeout(r, 2));
        events.push(`done ${chunk[0]}`);
      },
      (chunk) => events.push(`release ${chunk[0]}`),
    );
    expect(n).toBe(10000);
    const firsts = [0, 3000, 6000, 9000].map((o) => data[o]);
    expect(events).toEqual(firsts.flatMap((b) => [`sink ${b}`, `done ${b}`, `release ${b}`]));
    expect(closed).toBe(1);
  });

  test('a failed read rejects, releases nothing more and closes the file', async () => {
    const { options, closed } = failingAtThirdChunk();
    const released: number[] = [];
    await expect(
      readToSink(
        options,
        () => undefined,
        (chunk) => released.push(chunk.length),
      ),
    ).rejects.toThrow('connection lost');
    expect(released).toEqual([1000, 1000]);
    expect(closed()).toBe(1);
  });
});
