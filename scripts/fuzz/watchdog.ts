/**
 * A hang detector for the long run: a decoder that loops forever never yields, so the check runs
 * on a worker thread that watches a counter the fuzzing thread bumps for every input, beside a
 * copy of that input in shared memory. When the counter stops for `stallMs`, the worker prints
 * the target and the input (hex) and kills the process.
 */
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const MAX_INPUT = 1 << 16;

export interface Watchdog {
  /** Records the input about to be decoded. */
  enter(targetIndex: number, input: Buffer): void;
  stop(): Promise<void>;
}

/** The worker's body, run from source text so that it needs no file of its own in dist/. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { state, input, names, stallMs } = workerData;
const counters = new Int32Array(state);
const bytes = new Uint8Array(input);
let last = -1;
let since = Date.now();
setInterval(() => {
  const now = Atomics.load(counters, 0);
  if (now !== last) { last = now; since = Date.now(); return; }
  if (Date.now() - since < stallMs) return;
  const target = names[Atomics.load(counters, 1)] ?? '?';
  const length = Atomics.load(counters, 2);
  const hex = Buffer.from(bytes.subarray(0, Math.min(length, bytes.length))).toString('hex');
  writeSync(2, '\\nHANG: ' + target + ' made no progress for ' + stallMs + ' ms on this input (' + length + ' bytes):\\n' + hex + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 1000).unref();
`;

export function startWatchdog(names: readonly string[], stallMs: number): Watchdog {
  const state = new SharedArrayBuffer(12);
  const input = new SharedArrayBuffer(MAX_INPUT);
  const counters = new Int32Array(state);
  const bytes = new Uint8Array(input);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { state, input, names, stallMs } });
  worker.on('error', (err) => writeSync(2, `watchdog failed: ${String(err)}\n`));
  worker.unref();
  return {
    enter(targetIndex, data) {
      bytes.set(data.subarray(0, MAX_INPUT));
      Atomics.store(counters, 1, targetIndex);
      Atomics.store(counters, 2, data.length);
      Atomics.add(counters, 0, 1);
    },
    async stop() {
      await worker.terminate();
    },
  };
}
