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

  it('starts from a valid exchange: logon, \\pipe\\spoolss, a bind and MS-RPRN calls on an opened printer', async () => {
    const replies = await fuzzer.validSmb2();
    const statuses = Object.fromEntries(replies.map((r) => [r.step, r.status]));
    expect(statuses).toMatchObject({
      NEGOTIATE: 0,
      'SESSION_SETUP negotiate': 0xc0000016,
      'SESSION_SETUP authenticate': 0,
      TREE_CONNECT: 0,
      'CREATE spoolss': 0,
      'IOCTL bind': 0,
      'IOCTL RpcOpenPrinterEx': 0,
      'IOCTL RpcGetPrinterDataEx': 0,
      LOGOFF: 0,
    });
    // bind_ack, then RPC responses (not faults) to the calls on the printer handle.
    const rpc = Object.fromEntries(replies.filter((r) => r.rpcType !== undefined).map((r) => [r.step, r.rpcType]));
    expect(rpc).toMatchObject({
      'IOCTL bind': 12,
      'IOCTL RpcOpenPrinterEx': 2,
      'IOCTL RpcGetPrinterDataEx': 2,
      'IOCTL RpcClosePrinter': 2,
    });
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
