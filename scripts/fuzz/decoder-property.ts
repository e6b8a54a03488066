/**
 * The fast-check property of one decoder target, for the seed set in `npm test` and for the long
 * run of `npm run fuzz`.
 */
import fc from 'fast-check';
import { type CheckLimits, DEFAULT_CHECK_LIMITS, checkDecoder } from './decoder-check';
import type { DecoderTarget } from './fuzz-target';
import { inputArbitrary } from './mutations';

export function decoderProperty(
  target: DecoderTarget,
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
): fc.IAsyncPropertyWithHooks<[Buffer]> {
  return fc.asyncProperty(inputArbitrary(target.seeds(), target.maxRandomLength), (input) =>
    checkDecoder(target, input, limits),
  );
}

/** The seeds themselves must decode: a target whose seeds are refused tests nothing structured. */
export async function checkSeedsDecode(target: DecoderTarget): Promise<void> {
  for (const [i, seed] of target.seeds().entries()) {
    try {
      await target.decode(seed);
    } catch (err) {
      throw new Error(
        `${target.name}: seed ${i} does not decode: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
        },
      );
    }
  }
}
