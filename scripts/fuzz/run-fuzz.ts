/**
 * `npm run fuzz -- --minutes N`: the long run of the fuzz suite. Round after round, every decoder
 * target gets a batch of inputs from fast-check (a fresh seed per batch, derived from the run's
 * seed), and between rounds the SMB2 server and the RPC over TCP listener get sequences of valid
 * then mutated messages over real sockets (socket-fuzz.ts). It prints inputs per second as it
 * goes; a failure prints the target, the minimised input in hex, and the command that replays it
 * (`--target NAME --seed S --path P`). Exit code 1 when anything failed.
 *
 *   npm run fuzz -- --minutes 10                 # everything, 10 minutes
 *   npm run fuzz -- --minutes 60 --target rprn/  # the MS-RPRN decoders for an hour
 *   npm run fuzz -- --target smb2/request --seed 123 --path "0:1:2"   # replay one failure
 */
import fc from 'fast-check';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CHECK_LIMITS, checkDecoder } from './decoder-check';
import type { DecoderTarget } from './fuzz-target';
import { inputArbitrary } from './mutations';
import { type SocketFuzzReport, runSocketFuzz } from './socket-fuzz';
import { DECODER_TARGETS } from './targets/index';
import { startWatchdog, type Watchdog } from './watchdog';

interface Options {
  readonly minutes: number;
  readonly seed: number;
  readonly target?: string;
  readonly path?: string;
  readonly batch: number;
  readonly sockets: boolean;
  readonly socketsOnly: boolean;
}

interface Failure {
  readonly target: string;
  readonly seed: number;
  readonly path: string;
  readonly input: Buffer;
  readonly error: string;
}

const number =
  (what: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${what} must be a number`);
    return n;
  };

function parseOptions(argv: readonly string[]): Options {
  const program = new Command('fuzz')
    .description('property-based fuzzing of every decoder and of the servers over sockets')
    .option('--minutes <n>', 'how long to run', number('minutes'), 1)
    .option('--seed <n>', 'the run seed (default: from the clock)', number('seed'))
    .option('--target <text>', 'only targets whose name contains this text')
    .option('--path <path>', 'replay: the counterexample path fast-check printed (with --seed and --target)')
    .option('--batch <n>', 'inputs per target per round', number('batch'), 2000)
    .option('--no-sockets', 'leave out the servers over sockets')
    .option('--sockets-only', 'only the servers over sockets')
    .parse(argv, { from: 'user' });
  const o = program.opts<{
    minutes: number;
    seed?: number;
    target?: string;
    path?: string;
    batch: number;
    sockets: boolean;
    socketsOnly?: boolean;
  }>();
  return {
    minutes: o.minutes,
    seed: o.seed ?? Date.now() % 0x7fffffff,
    ...(o.target !== undefined && { target: o.target }),
    ...(o.path !== undefined && { path: o.path }),
    batch: Math.max(1, Math.floor(o.batch)),
    sockets: (o.sockets && o.target === undefined) || o.socketsOnly === true,
    socketsOnly: o.socketsOnly === true,
  };
}

/** A batch seed from the run seed, the round and the target: each batch replays on its own. */
function batchSeed(runSeed: number, round: number, targetIndex: number): number {
  return (Math.imul(runSeed ^ 0x5bd1e995, 31) + Math.imul(round + 1, 0x01000193) + targetIndex * 7919) | 0;
}

async function runBatch(
  target: DecoderTarget,
  index: number,
  seed: number,
  numRuns: number,
  watchdog: Watchdog | undefined,
  path?: string,
): Promise<{ runs: number; failure?: Failure }> {
  const property = fc.asyncProperty(inputArbitrary(target.seeds(), target.maxRandomLength), async (input) => {
    watchdog?.enter(index, input);
    await checkDecoder(target, input, DEFAULT_CHECK_LIMITS);
  });
  const details = await fc.check(property, { seed, numRuns, ...(path !== undefined && { path }), endOnFailure: false });
  if (!details.failed) return { runs: details.numRuns };
  const input = details.counterexample?.[0] ?? Buffer.alloc(0);
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return {
    runs: details.numRuns + details.numShrinks,
    failure: { target: target.name, seed, path: details.counterexamplePath ?? '', input, error },
  };
}

function printFailure(f: Failure): void {
  process.stdout.write(
    [
      '',
      `FAILURE in ${f.target}: ${f.error}`,
      `  minimised input (${f.input.length} bytes): ${f.input.toString('hex')}`,
      `  replay: npm run fuzz -- --target '${f.target}' --seed ${f.seed} --path '${f.path}'`,
      '',
    ].join('\n'),
  );
}

/** Inputs per area (the part of a target's name before the slash). */
function areaSummary(perTarget: ReadonlyMap<string, number>): string {
  const areas = new Map<string, number>();
  for (const [name, n] of perTarget) {
    const area = name.split('/')[0] ?? name;
    areas.set(area, (areas.get(area) ?? 0) + n);
  }
  return [...areas].map(([area, n]) => `${area} ${n.toLocaleString('en-US')}`).join(', ');
}

function rate(n: number, ms: number): string {
  return `${Math.round((n * 1000) / Math.max(1, ms)).toLocaleString('en-US')}/s`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const targets = options.socketsOnly
    ? []
    : DECODER_TARGETS.filter((t) => options.target === undefined || t.name.includes(options.target));
  if (targets.length === 0 && !options.socketsOnly) {
    process.stderr.write(`no target matches "${options.target ?? ''}"\n`);
    return 2;
  }
  if (options.path !== undefined && options.socketsOnly) {
    const report = await runSocketFuzz({ seed: options.seed, sequences: 1, path: options.path });
    for (const f of report.failures) process.stdout.write(`SOCKET FAILURE: ${f}\n`);
    if (report.failures.length === 0) process.stdout.write('the sequence passes now\n');
    return report.failures.length === 0 ? 0 : 1;
  }
  if (options.path !== undefined) {
    const [target] = targets;
    if (target === undefined || targets.length !== 1) {
      process.stderr.write('--path replays one target: give its full name with --target\n');
      return 2;
    }
    const { failure } = await runBatch(target, 0, options.seed, 1, undefined, options.path);
    if (failure === undefined) process.stdout.write(`${target.name}: the input passes now\n`);
    else printFailure(failure);
    return failure === undefined ? 0 : 1;
  }

  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  const watchdog = startWatchdog(
    targets.map((t) => t.name),
    30_000,
  );
  const failures: Failure[] = [];
  const failed = new Set<string>();
  const perTarget = new Map<string, number>();
  const sockets: SocketFuzzReport = { sequences: 0, messages: 0, failures: [] };
  let total = 0;
  let lastReport = started;
  process.stdout.write(
    `fuzzing ${targets.length} decoders${options.sockets ? ' and the SMB2 and RPC servers over sockets' : ''} for ${options.minutes} min, seed ${options.seed}\n`,
  );
  const progress = (): void => {
    const now = Date.now();
    if (now - lastReport < 10_000) return;
    lastReport = now;
    process.stdout.write(
      `${Math.round((now - started) / 1000)} s: ${total.toLocaleString('en-US')} decoder inputs (${rate(total, now - started)}), ` +
        `${sockets.messages.toLocaleString('en-US')} socket messages in ${sockets.sequences} sequences, ${failures.length + sockets.failures.length} failures\n`,
    );
  };
  for (let round = 0; Date.now() < deadline; round++) {
    for (const [i, target] of targets.entries()) {
      if (Date.now() >= deadline) break;
      if (failed.has(target.name)) continue;
      const seed = batchSeed(options.seed, round, i);
      const { runs, failure } = await runBatch(target, i, seed, options.batch, watchdog);
      total += runs;
      perTarget.set(target.name, (perTarget.get(target.name) ?? 0) + runs);
      if (failure !== undefined) {
        failures.push(failure);
        failed.add(target.name);
        printFailure(failure);
      }
      progress();
    }
    if (options.sockets && Date.now() < deadline) {
      const report = await runSocketFuzz({
        seed: batchSeed(options.seed, round, -1),
        sequences: options.socketsOnly ? 100 : 20,
      });
      sockets.sequences += report.sequences;
      sockets.messages += report.messages;
      for (const f of report.failures) {
        sockets.failures.push(f);
        process.stdout.write(`\nSOCKET FAILURE: ${f}\n`);
      }
      progress();
    }
  }
  await watchdog.stop();
  const elapsed = Date.now() - started;
  process.stdout.write(
    [
      '',
      `done in ${Math.round(elapsed / 1000)} s: ${total.toLocaleString('en-US')} decoder inputs over ${targets.length} targets (${rate(total, elapsed)}),`,
      `${sockets.messages.toLocaleString('en-US')} messages in ${sockets.sequences} socket sequences,`,
      `${failures.length} decoder failures, ${sockets.failures.length} server failures (seed ${options.seed})`,
      `by area: ${areaSummary(perTarget)}`,
      '',
    ].join('\n'),
  );
  return failures.length + sockets.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
