/**
 * The deterministic seed set of the server fuzzing (scripts/fuzz/socket-fuzz.ts): a fixture
 * server on 127.0.0.1 gets sequences of valid SMB2, RPC over TCP and endpoint mapper messages
 * with one mutated or followed by random bytes; each connection is answered or closed, nothing
 * is logged at error level, and a fresh client is served after every sequence.
 */
import fc from 'fast-check';
import { type SocketFuzzer, sequenceArb, startSocketFuzzer } from '../../../scripts/fuzz/socket-fuzz';

const SEED = 0x13_0a;

describe('fuzz seed set: the servers over sockets', () => {
  let fuzzer: SocketFuzzer;
  beforeAll(async () => {
    fuzzer = await startSocketFuzzer();
  });
  afterAll(async () => {
    await fuzzer.close();
  });

  it('answer or close, log no untyped error, and keep serving', async () => {
    let messages = 0;
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (seq) => {
        messages += await fuzzer.run(seq);
      }),
      { seed: SEED, numRuns: 24, endOnFailure: true },
    );
    expect(messages).toBeGreaterThan(100);
  }, 60_000);
});
