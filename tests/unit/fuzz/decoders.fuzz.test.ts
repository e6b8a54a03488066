/**
 * The deterministic seed set of the fuzz suite (scripts/fuzz): every decoder of untrusted bytes
 * gets a few hundred inputs — random bytes and mutations of valid encodings — from a fixed seed,
 * and must return or throw a typed error. `npm run fuzz -- --minutes N` runs the same properties
 * for as long as asked.
 */
import fc from 'fast-check';
import { checkSeedsDecode, decoderProperty } from '../../../scripts/fuzz/decoder-property';
import { DECODER_TARGETS } from '../../../scripts/fuzz/targets/index';

const SEED = 0x13_0a;
const RUNS = 150;

describe('fuzz seed set: decoders return or throw typed errors', () => {
  it.each(DECODER_TARGETS.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    await checkSeedsDecode(target);
    await fc.assert(decoderProperty(target), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  });
});
