/**
 * --compare: this run's figures next to the previous run of the same kind (quick or full), with
 * the change and whether it is for the better. Changes under NOISE_FRACTION are called noise: on a
 * shared 2-core machine the same commit moves by that much from run to run. smbd's figures are the
 * reference: their changes say how the machine moved, so they get no verdict.
 */
import { higherIsBetter, isReferenceFigure, type Figures } from './figures';
import { shortCommit } from './git-commit';
import { sameMachine, type HistoryEntry } from './history';
import { round } from './stats';
import { formatTable, type Cell } from './table';

export const NOISE_FRACTION = 0.05;

export type Verdict = 'better' | 'worse' | 'noise' | 'reference' | 'new' | 'gone';

export interface ComparisonRow {
  readonly key: string;
  readonly previous?: number;
  readonly current?: number;
  /** current / previous - 1, when both exist and previous is not 0. */
  readonly change?: number;
  readonly verdict: Verdict;
}

function verdictOf(key: string, previous: number, current: number, noise: number): Verdict {
  if (isReferenceFigure(key)) return 'reference';
  const scale = Math.max(Math.abs(previous), Math.abs(current));
  if (scale === 0 || Math.abs(current - previous) / scale < noise) return 'noise';
  return current > previous === higherIsBetter(key) ? 'better' : 'worse';
}

/** Every figure of either run: this run's in its order, then those only the previous run had. */
export function compareFigures(previous: Figures, current: Figures, noise = NOISE_FRACTION): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const [key, value] of Object.entries(current)) {
    const before = previous[key];
    if (before === undefined) rows.push({ key, current: value, verdict: 'new' });
    else
      rows.push({
        key,
        previous: before,
        current: value,
        ...(before !== 0 && { change: value / before - 1 }),
        verdict: verdictOf(key, before, value, noise),
      });
  }
  for (const [key, value] of Object.entries(previous))
    if (!(key in current)) rows.push({ key, previous: value, verdict: 'gone' });
  return rows;
}

function percent(change: number | undefined): string {
  if (change === undefined) return '-';
  const p = round(change * 100, 1);
  return `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;
}

function shown(v: number | undefined): Cell {
  if (v === undefined) return undefined;
  return Math.abs(v) >= 100 ? round(v, 0) : round(v, 2);
}

/** The figures of the benchmarks `only` names ("storm pointprint N=10: p50 ms" is storm's). */
export function figuresOf(figures: Figures, only: readonly string[]): Figures {
  return Object.fromEntries(Object.entries(figures).filter(([key]) => only.includes(key.split(/[ :]/)[0]!)));
}

/** The table of --compare; figures of benchmarks this run did not measure are left out. */
export function formatComparison(previous: HistoryEntry, current: HistoryEntry): string {
  const rows = compareFigures(figuresOf(previous.figures, current.options.only), current.figures);
  const notes: string[] = [];
  if (!sameMachine(previous.machine, current.machine))
    notes.push(
      `The previous run was on another machine (${previous.machine.hostname}, ${previous.machine.cpus} x ${previous.machine.cpuModel}).`,
    );
  const load = (e: HistoryEntry): string => (e.load.start.length ? e.load.start.join(' ') : '?');
  notes.push(
    `Load average at the start: previous ${load(previous)}, this run ${load(current)}. ` +
      `Changes under ${NOISE_FRACTION * 100}% are marked noise; smbd's figures are the reference.`,
  );
  const counts = (['better', 'worse', 'noise'] as const).map(
    (v) => `${rows.filter((r) => r.verdict === v).length} ${v}`,
  );
  return (
    formatTable(
      `Compared with the previous ${current.kind} run: ${previous.date} at ${shortCommit(previous.commit)} ` +
        `(this run: ${shortCommit(current.commit)}; ${counts.join(', ')})`,
      ['figure', 'previous', 'this run', 'change', ''],
      rows.map((r) => [r.key, shown(r.previous), shown(r.current), percent(r.change), r.verdict]),
    ) + notes.map((n) => n + '\n').join('')
  );
}
