/**
 * `pointprint serve` and its stop signals (issue 13, item 8): the first SIGTERM or SIGINT starts
 * the close; a second one while it closes is not ignored but stops the process at once. The
 * signals are real process events; only the final "stop at once" is the test's.
 */
import { untilStopSignal } from '../../../lib/cli/commands/serve';
import { createSilentLogger } from '../../../lib/common/logger';

test('the first signal resolves, the second stops at once and says so', async () => {
  const before = process.listenerCount('SIGTERM');
  let err = '';
  const stoppedAt: NodeJS.Signals[] = [];
  const stopped = untilStopSignal(
    createSilentLogger(),
    (s) => void (err += s),
    (signal) => stoppedAt.push(signal),
  );
  expect(process.listenerCount('SIGTERM')).toBe(before + 1);
  process.emit('SIGTERM', 'SIGTERM');
  await expect(stopped).resolves.toBeUndefined();
  expect(stoppedAt).toEqual([]);
  process.emit('SIGINT', 'SIGINT');
  expect(stoppedAt).toEqual(['SIGINT']);
  expect(err).toBe('pointprint serve: SIGINT again: stopping at once\n');
  // The handlers are gone: a third signal takes its default action.
  expect(process.listenerCount('SIGTERM')).toBe(before);
});
