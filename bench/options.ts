/**
 * The bench's command line:
 *
 *   run.js [--quick] [--only throughput|storm|rpc|pool|limits]... [--profile] [--json FILE]
 *          [--compare] [--history FILE] [--flows N,N,...] [--workers N] [--backlog N] [--rows TEXT]... [--pairs N]
 */
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

export type Benchmark = 'throughput' | 'storm' | 'rpc' | 'pool' | 'limits';
export const BENCHMARKS: readonly Benchmark[] = ['throughput', 'storm', 'rpc', 'pool', 'limits'];

/** quick: the smoke check of CI (small sizes); full: every figure of docs/benchmarks.md. */
export type RunKind = 'quick' | 'full';

export interface RunOptions {
  readonly kind: RunKind;
  readonly only: readonly Benchmark[];
  readonly profile: boolean;
  readonly json: string;
  /** Compare with the previous run of the same kind in the history. */
  readonly compare: boolean;
  /** The history file every run appends to. */
  readonly history: string;
  /** Storm sizes, in order. */
  readonly flows: readonly number[];
  /** Client processes of the storm. */
  readonly workers: number;
  /** Our server's listen backlog (`serve --backlog`) instead of its default, 4096. */
  readonly backlog?: number;
  /** Throughput configurations whose name contains one of these (case-insensitive); all when empty. */
  readonly rows: readonly string[];
  /** Alternating pairs per throughput row (3 quick, 5 full by default): more on a noisy machine. */
  readonly pairs?: number;
}

export const USAGE =
  'usage: run.js [--quick] [--only throughput|storm|rpc|pool|limits]... [--profile] [--json FILE] [--compare] [--history FILE] [--flows N,N,...] [--workers N] [--backlog N] [--rows TEXT]... [--pairs N]';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const QUICK_FLOWS: readonly number[] = [10, 100];
export const FULL_FLOWS: readonly number[] = [10, 100, 1000, 5000, 10000];
const MAX_FLOWS = 20000;

/** Two client processes per core, at least 2 and at most 8. */
export function defaultWorkers(cores = cpus().length): number {
  return Math.min(8, Math.max(2, 2 * cores));
}

function positiveInteger(text: string | undefined, what: string, max: number): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${what} takes a whole number from 1 to ${max}`);
  return n;
}

export function parseArgs(argv: readonly string[], repo: string, cores?: number): RunOptions {
  let quick = false;
  let profile = false;
  let compare = false;
  let json = join(repo, 'bench', 'results', 'latest.json');
  let history = join(repo, 'bench', 'results', 'history.jsonl');
  let flows: number[] | undefined;
  let workers = defaultWorkers(cores);
  let backlog: number | undefined;
  let pairs: number | undefined;
  const only: Benchmark[] = [];
  const rows: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') quick = true;
    else if (a === '--profile') profile = true;
    else if (a === '--compare') compare = true;
    else if (a === '--json') json = resolve(value());
    else if (a === '--history') history = resolve(value());
    else if (a === '--workers') workers = positiveInteger(value(), '--workers', 64);
    else if (a === '--backlog') backlog = positiveInteger(value(), '--backlog', 65535);
    else if (a === '--flows')
      flows = value()
        .split(',')
        .map((n) => positiveInteger(n, '--flows', MAX_FLOWS));
    else if (a === '--rows') rows.push(value());
    else if (a === '--pairs') pairs = positiveInteger(value(), '--pairs', 99);
    else if (a === '--only') {
      const b = value();
      if (!BENCHMARKS.includes(b as Benchmark)) throw new UsageError(`--only takes ${BENCHMARKS.join('|')}`);
      if (!only.includes(b as Benchmark)) only.push(b as Benchmark);
    } else throw new UsageError(`unknown argument ${a}`);
  }
  return {
    kind: quick ? 'quick' : 'full',
    only: only.length ? only : BENCHMARKS,
    profile,
    json,
    compare,
    history,
    flows: flows ?? (quick ? QUICK_FLOWS : FULL_FLOWS),
    workers,
    rows,
    ...(backlog !== undefined && { backlog }),
    ...(pairs !== undefined && { pairs }),
  };
}
