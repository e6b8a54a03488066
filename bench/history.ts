/**
 * The history of bench runs: each `npm run bench` appends one JSON line to
 * bench/results/history.jsonl (git-ignored) with its machine, commit, options and figures.
 * --compare and the plot read it back. A line that does not parse (a run killed while writing, an
 * edit by hand) is skipped and counted, never fatal.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { reportFigures, type Figures } from './figures';
import type { CommitInfo } from './git-commit';
import type { MachineInfo } from './machine';
import type { Benchmark, RunKind, RunOptions } from './options';
import type { BenchReport } from './report';

export interface HistoryEntry {
  readonly version: 1;
  readonly date: string;
  readonly kind: RunKind;
  readonly machine: MachineInfo;
  readonly commit: CommitInfo;
  readonly options: {
    readonly only: readonly Benchmark[];
    readonly profile: boolean;
    readonly flows: readonly number[];
    readonly workers: number;
    readonly backlog?: number;
  };
  /** Load averages (1, 5, 15 min) at the start and the end: how shared the machine was. */
  readonly load: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly durationSeconds: number;
  /** The open-file limit of the storm, when one ran. */
  readonly fdLimit?: { readonly soft: number; readonly hard: number; readonly action: string };
  /** Benchmarks that failed, with why. */
  readonly errors: Readonly<Record<string, string>>;
  readonly figures: Figures;
}

export function createHistoryEntry(report: BenchReport, options: RunOptions, commit: CommitInfo): HistoryEntry {
  return {
    version: 1,
    date: report.date,
    kind: report.kind,
    machine: report.machine,
    commit,
    options: {
      only: options.only,
      profile: options.profile,
      flows: options.only.includes('storm') ? options.flows : [],
      workers: options.workers,
      ...(options.backlog !== undefined && { backlog: options.backlog }),
    },
    load: { start: report.loadAtStart, end: report.loadAtEnd ?? [] },
    durationSeconds: Math.round((report.durationSeconds ?? Number.NaN) * 10) / 10,
    ...(report.fdLimit && {
      fdLimit: { soft: report.fdLimit.after.soft, hard: report.fdLimit.after.hard, action: report.fdLimit.action },
    }),
    errors: { ...report.errors },
    figures: reportFigures(report),
  };
}

export function appendHistory(file: string, entry: HistoryEntry): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(entry) + '\n');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The entry, when the line is one this version wrote (figures all numbers). */
export function parseHistoryLine(line: string): HistoryEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.version !== 1 || typeof v.date !== 'string' || Number.isNaN(Date.parse(v.date)))
    return undefined;
  if (v.kind !== 'quick' && v.kind !== 'full') return undefined;
  if (!isRecord(v.machine) || !isRecord(v.commit) || typeof v.commit.hash !== 'string') return undefined;
  if (!isRecord(v.options) || !Array.isArray(v.options.only)) return undefined;
  if (!isRecord(v.load) || !Array.isArray(v.load.start) || !isRecord(v.errors)) return undefined;
  if (!isRecord(v.figures) || !Object.values(v.figures).every((x) => typeof x === 'number')) return undefined;
  return v as unknown as HistoryEntry;
}

export interface History {
  readonly entries: readonly HistoryEntry[];
  /** Lines that were not entries. */
  readonly skipped: number;
}

export function readHistory(file: string): History {
  if (!existsSync(file)) return { entries: [], skipped: 0 };
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseHistoryLine(line);
    if (entry) entries.push(entry);
    else skipped++;
  }
  return { entries, skipped };
}

/**
 * The last entry of this kind (quick runs compare with quick runs, full with full) that measured
 * one of `benchmarks` (a run of --only storm is compared with the last run that had a storm).
 */
export function previousOfKind(
  entries: readonly HistoryEntry[],
  kind: RunKind,
  benchmarks: readonly Benchmark[],
): HistoryEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === kind && e.options.only.some((b) => benchmarks.includes(b))) return e;
  }
  return undefined;
}

/** Whether two entries come from the same machine, as far as the history can tell. */
export function sameMachine(a: MachineInfo, b: MachineInfo): boolean {
  return a.hostname === b.hostname && a.cpuModel === b.cpuModel && a.cpus === b.cpus && a.memoryGiB === b.memoryGiB;
}
