/**
 * The server's heap growing factor (lib/host/server-heap.ts): set for the process unless node's
 * command line gave one. Its effect on memory is measured by the storm (docs/benchmarks.md).
 */
import { setFlagsFromString } from 'node:v8';
import { SERVER_HEAP_GROWING_PERCENT, tuneHeapForServer } from '../../../lib/host/server-heap';

afterAll(() => setFlagsFromString('--heap-growing-percent=0')); // V8's own factor again for this worker

test.each([['--heap-growing-percent=50'], ['--heap_growing_percent=50'], ['--heap-growing-percent']])(
  'node started with %s keeps it',
  (flag) => {
    expect(tuneHeapForServer(['--max-old-space-size=4096', flag])).toBeUndefined();
  },
);

test('otherwise the server sets 30 % (a factor of 1.3 instead of up to 4)', () => {
  expect(tuneHeapForServer(['--max-old-space-size=4096', '--heap-growing-percents-are-not-a-flag'])).toBe(30);
  expect(SERVER_HEAP_GROWING_PERCENT).toBe(30);
});
