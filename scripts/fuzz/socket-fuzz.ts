/**
 * The servers' state machines over real sockets: a fixture server on 127.0.0.1, port 0 (SMB2,
 * RPC over TCP, the endpoint mapper), fed sequences of valid messages with one of them mutated
 * (the mutations of mutations.ts) or followed by a frame of random bytes. The property, for
 * every sequence: each message gets an answer, or the server closes that connection, or (a
 * message that wants none, such as a mutated CANCEL) stays unanswered; nothing is logged at
 * error level (an untyped error reached a dispatcher) and nothing rejects unhandled; and a fresh
 * client is still served afterwards.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import winston from 'winston';
import { encodeFrame } from '../../lib/smb2/framing';
import { startFixtureServer, type FixtureServer } from '../../lib/testing/fixture-server';
import { FrameSocket } from './frame-socket';
import { type Mutation, mutate, mutationArb } from './mutations';
import { EPM_STEPS, PRINT_RPC_STEPS } from './rpc-sequence';
import { FUZZ_USER, SMB2_STEPS, Smb2ClientState } from './smb2-sequence';

/** How long a message may go unanswered before the sequence moves on (the server answers in ms). */
const REPLY_MS = 400;

export interface SocketFuzzReport {
  sequences: number;
  messages: number;
  readonly failures: string[];
}

interface Sequence {
  readonly server: 'smb2' | 'rpc' | 'epm';
  /** The step that is mutated, or after which garbage is sent. */
  readonly at: number;
  readonly kind: 'mutate' | 'garbage';
  readonly mutations: readonly Mutation[];
  readonly garbage: Uint8Array;
}

const sequenceArb: fc.Arbitrary<Sequence> = fc.record({
  server: fc.constantFrom('smb2' as const, 'smb2' as const, 'rpc' as const, 'epm' as const),
  at: fc.nat({ max: SMB2_STEPS.length - 1 }),
  kind: fc.constantFrom('mutate' as const, 'mutate' as const, 'garbage' as const),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
  garbage: fc.uint8Array({ minLength: 1, maxLength: 300 }),
});

/** A logger that keeps what is logged at error level. */
function errorCollector(): { logger: winston.Logger; errors: string[] } {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.includes('"level":"error"')) errors.push(line.slice(0, 2000));
      }
      done();
    },
  });
  const logger = winston.createLogger({
    level: 'warn',
    format: winston.format.json(),
    transports: [new winston.transports.Stream({ stream })],
  });
  return { logger, errors };
}

export interface SocketFuzzer {
  /** Runs one sequence; resolves with the messages sent, rejects when the property fails. */
  run(sequence: Sequence): Promise<number>;
  /** The unmutated SMB2 sequence: each step's name and the NTSTATUS of its reply (-1: none). */
  validSmb2(): Promise<{ readonly step: string; readonly status: number; readonly rpcType?: number }[]>;
  close(): Promise<void>;
}

export async function startSocketFuzzer(): Promise<SocketFuzzer> {
  const { logger, errors } = errorCollector();
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  };
  process.on('unhandledRejection', onUnhandled);
  const server: FixtureServer = await startFixtureServer({ users: [FUZZ_USER], logger });
  const epmPort = server.epmPort ?? 0;

  async function smb2Sequence(seq: Sequence): Promise<number> {
    const socket = await FrameSocket.connect(server.port, 'nbss');
    const state = new Smb2ClientState();
    let sent = 0;
    try {
      for (const [i, step] of SMB2_STEPS.entries()) {
        let message: Buffer;
        try {
          message = step.build(state);
        } catch {
          break; // the exchange went elsewhere (no challenge to answer): nothing more to say
        }
        if (seq.kind === 'mutate' && i === seq.at) message = mutate(message, seq.mutations, [message]);
        socket.write(encodeFrame(message.subarray(0, 0xffffff)));
        sent++;
        const reply = await socket.next(REPLY_MS);
        if (reply.kind === 'closed') break;
        if (reply.kind === 'frame') {
          try {
            state.learn(reply.bytes);
          } catch {
            // a reply to a mutated message may not be the one the step expects
          }
        }
        if (seq.kind === 'garbage' && i === seq.at) {
          socket.write(Buffer.from(seq.garbage));
          sent++;
          if ((await socket.next(REPLY_MS)).kind === 'closed') break;
        }
      }
    } finally {
      socket.close();
    }
    return sent;
  }

  async function rpcSequence(seq: Sequence, port: number, steps: readonly (() => Buffer)[]): Promise<number> {
    const socket = await FrameSocket.connect(port, 'rpc');
    const at = seq.at % steps.length;
    let sent = 0;
    try {
      for (const [i, build] of steps.entries()) {
        let pdu = build();
        if (seq.kind === 'mutate' && i === at) pdu = mutate(pdu, seq.mutations, [pdu]);
        socket.write(pdu);
        sent++;
        if ((await socket.next(REPLY_MS)).kind === 'closed') break;
        if (seq.kind === 'garbage' && i === at) {
          socket.write(Buffer.from(seq.garbage));
          sent++;
          if ((await socket.next(REPLY_MS)).kind === 'closed') break;
        }
      }
    } finally {
      socket.close();
    }
    return sent;
  }

  /** A fresh client gets an answer to a NEGOTIATE and to an EPM bind. */
  async function stillServing(): Promise<string | undefined> {
    const smb = await FrameSocket.connect(server.port, 'nbss');
    try {
      smb.write(encodeFrame(SMB2_STEPS[0]?.build(new Smb2ClientState()) ?? Buffer.alloc(0)));
      if ((await smb.next(5000)).kind !== 'frame') return 'a fresh SMB2 client got no NEGOTIATE response';
    } finally {
      smb.close();
    }
    const epm = await FrameSocket.connect(epmPort, 'rpc');
    try {
      epm.write(EPM_STEPS[0]?.() ?? Buffer.alloc(0));
      if ((await epm.next(5000)).kind !== 'frame') return 'a fresh RPC client got no bind_ack from the endpoint mapper';
    } finally {
      epm.close();
    }
    return undefined;
  }

  async function validSmb2(): Promise<{ step: string; status: number; rpcType?: number }[]> {
    const socket = await FrameSocket.connect(server.port, 'nbss');
    const state = new Smb2ClientState();
    const out: { step: string; status: number; rpcType?: number }[] = [];
    try {
      for (const step of SMB2_STEPS) {
        socket.write(encodeFrame(step.build(state)));
        const reply = await socket.next(5000);
        if (reply.kind !== 'frame') {
          out.push({ step: step.name, status: -1 });
          break;
        }
        const header = state.learn(reply.bytes);
        const rpcType = header.command === 0x000b && header.status === 0 ? reply.bytes[64 + 48 + 2] : undefined;
        out.push({ step: step.name, status: header.status, ...(rpcType !== undefined && { rpcType }) });
      }
    } finally {
      socket.close();
    }
    return out;
  }

  return {
    validSmb2,
    async run(seq) {
      const before = errors.length;
      const unhandledBefore = unhandled.length;
      const sent =
        seq.server === 'smb2'
          ? await smb2Sequence(seq)
          : seq.server === 'rpc'
            ? await rpcSequence(seq, server.rpcPort, PRINT_RPC_STEPS)
            : await rpcSequence(seq, epmPort, EPM_STEPS);
      // Let the server finish what the closed connection left (rundowns, logs).
      await new Promise((resolve) => setTimeout(resolve, 5));
      const problem =
        errors.length > before
          ? `logged at error level: ${errors.slice(before).join(' | ')}`
          : unhandled.length > unhandledBefore
            ? `unhandled rejection: ${unhandled.slice(unhandledBefore).join(' | ')}`
            : await stillServing();
      if (problem !== undefined) throw new Error(problem);
      return sent;
    },
    async close() {
      process.off('unhandledRejection', onUnhandled);
      await server.close();
    },
  };
}

/** `sequences` sequences from `seed`; failures are described with fast-check's minimised sequence. */
export async function runSocketFuzz(options: {
  seed: number;
  sequences: number;
  /** Replays one counterexample. */
  path?: string;
}): Promise<SocketFuzzReport> {
  const fuzzer = await startSocketFuzzer();
  const report: SocketFuzzReport = { sequences: 0, messages: 0, failures: [] };
  try {
    const details = await fc.check(
      fc.asyncProperty(sequenceArb, async (seq) => {
        report.messages += await fuzzer.run(seq);
        report.sequences++;
      }),
      { seed: options.seed, numRuns: options.sequences, ...(options.path !== undefined && { path: options.path }) },
    );
    if (details.failed) {
      const seq = details.counterexample?.[0];
      const error =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      report.failures.push(
        `${error}\n  sequence: ${JSON.stringify(seq, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}` +
          `\n  replay: npm run fuzz -- --sockets-only --seed ${options.seed} --path '${details.counterexamplePath ?? ''}'`,
      );
    }
  } finally {
    await fuzzer.close();
  }
  return report;
}

export { sequenceArb };
