/**
 * `npm run bench:plot`: draws the bench history (bench/results/history.jsonl) as an SVG of
 * throughput and storm figures over the runs, docs/bench-history.svg by default, which
 * docs/benchmarks.md shows.
 *
 *   node dist/scripts/plot-bench-history.js [--history FILE] [--out FILE] [--kind quick|full] [--last N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readHistory, type HistoryEntry } from '../bench/history';
import { plotHistory } from '../bench/history-plot';

const REPO = join(__dirname, '..', '..');
const USAGE = 'usage: plot-bench-history.js [--history FILE] [--out FILE] [--kind quick|full] [--last N]';

interface PlotOptions {
  readonly history: string;
  readonly out: string;
  readonly kind?: HistoryEntry['kind'];
  readonly last: number;
}

export function parsePlotArgs(argv: readonly string[], repo: string): PlotOptions {
  let history = join(repo, 'bench', 'results', 'history.jsonl');
  let out = join(repo, 'docs', 'bench-history.svg');
  let kind: HistoryEntry['kind'] | undefined;
  let last = 40;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
    if (a === '--history') history = resolve(v);
    else if (a === '--out') out = resolve(v);
    else if (a === '--kind' && (v === 'quick' || v === 'full')) kind = v;
    else if (a === '--last' && Number.isInteger(Number(v)) && Number(v) > 0) last = Number(v);
    else throw new Error(`bad argument ${a} ${v}\n${USAGE}`);
  }
  return { history, out, last, ...(kind !== undefined && { kind }) };
}

function main(): void {
  const options = parsePlotArgs(process.argv.slice(2), REPO);
  const { entries, skipped } = readHistory(options.history);
  const chosen = entries.filter((e) => options.kind === undefined || e.kind === options.kind).slice(-options.last);
  if (chosen.length === 0) throw new Error(`no runs to plot in ${options.history}: run npm run bench first`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, plotHistory(chosen));
  process.stdout.write(
    `${options.out}: ${chosen.length} runs plotted${skipped ? ` (${skipped} unreadable lines skipped)` : ''}\n`,
  );
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
