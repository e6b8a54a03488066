// The client's in-order queue of received frames: a frame still being decrypted holds back the
// frames behind it, a failure stops everything after it, and too many frames awaiting a worker
// hold the socket back.
import { InOrderFrames } from '../../../../lib/smb2/client/in-order-frames';

interface Gate<T> {
  readonly promise: Promise<T>;
  open(value: T): void;
  refuse(err: Error): void;
}

function gate<T>(): Gate<T> {
  let open!: (value: T) => void;
  let refuse!: (err: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    refuse = reject;
  });
  return { promise, open, refuse };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function queue(maxAwaiting?: number) {
  const delivered: string[] = [];
  const errors: unknown[] = [];
  const backlog: boolean[] = [];
  const q = new InOrderFrames<string>(
    (v) => {
      if (v === 'throws') throw new Error('bad frame');
      delivered.push(v);
    },
    (e) => errors.push(e),
    (full) => backlog.push(full),
    maxAwaiting,
  );
  return { q, delivered, errors, backlog };
}

test('ready frames go straight through when nothing waits before them', () => {
  const { q, delivered } = queue();
  q.add('a');
  q.add('b');
  expect(delivered).toEqual(['a', 'b']);
  expect(q.size).toBe(0);
});

test('a frame that arrives while an earlier one is decrypting is delivered after it', async () => {
  const { q, delivered } = queue();
  const large = gate<string>();
  const second = gate<string>();
  q.addPending(large.promise);
  q.add('small');
  q.addPending(second.promise);
  q.add('last');
  expect(delivered).toEqual([]);
  // The second large frame is done first: it still waits for the first.
  second.open('large 2');
  await flush();
  expect(delivered).toEqual([]);
  large.open('large 1');
  await flush();
  expect(delivered).toEqual(['large 1', 'small', 'large 2', 'last']);
  expect(q.size).toBe(0);
  q.add('after');
  expect(delivered.at(-1)).toBe('after');
});

test('a frame that fails to decrypt stops the queue: nothing behind it is delivered', async () => {
  const { q, delivered, errors } = queue();
  const large = gate<string>();
  q.add('before');
  q.addPending(large.promise);
  q.add('behind');
  const failure = new Error('tag');
  large.refuse(failure);
  await flush();
  expect(delivered).toEqual(['before']);
  expect(errors).toEqual([failure]);
  q.add('later');
  expect(delivered).toEqual(['before']);
});

test('a delivery that throws stops the queue, once', async () => {
  const { q, delivered, errors } = queue();
  const large = gate<string>();
  q.addPending(large.promise);
  q.add('throws');
  q.add('behind');
  large.open('large');
  await flush();
  expect(delivered).toEqual(['large']);
  expect(errors).toHaveLength(1);
  expect((errors[0] as Error).message).toBe('bad frame');
});

test('stop() drops the waiting frames; their decryption finishing delivers nothing', async () => {
  const { q, delivered, errors } = queue();
  const large = gate<string>();
  q.addPending(large.promise);
  q.add('small');
  q.stop();
  large.open('large');
  await flush();
  expect(delivered).toEqual([]);
  expect(errors).toEqual([]);
  const late = gate<string>();
  q.addPending(late.promise);
  late.refuse(new Error('ignored'));
  await flush();
  expect(errors).toEqual([]);
});

test('the socket is held back while maxAwaiting frames await a worker', async () => {
  const { q, delivered, backlog } = queue(2);
  const gates = [gate<string>(), gate<string>(), gate<string>()];
  q.addPending(gates[0]!.promise);
  expect(backlog).toEqual([]);
  q.addPending(gates[1]!.promise);
  expect(backlog).toEqual([true]);
  // A server that sends more anyway (the socket had bytes buffered): queued, still held back.
  q.addPending(gates[2]!.promise);
  expect(backlog).toEqual([true]);
  gates[2]!.open('c');
  await flush();
  // Two still await: held back.
  expect(backlog).toEqual([true]);
  gates[1]!.open('b');
  await flush();
  expect(backlog).toEqual([true, false]);
  expect(delivered).toEqual([]);
  gates[0]!.open('a');
  await flush();
  expect(delivered).toEqual(['a', 'b', 'c']);
  expect(backlog).toEqual([true, false]);
});
