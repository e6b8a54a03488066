/**
 * V8's full collection, as the server's MemoryReclaimer gets it: node runs the tests without
 * --expose-gc, so `gc` is exposed for one new context, then hidden again.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
