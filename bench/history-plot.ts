/**
 * The history as an SVG (docs/bench-history.svg, by `npm run bench:plot`): one panel per figure
 * family, one point per run in the order they ran, filled for full runs and hollow for quick
 * runs; lines join the runs of the same kind. Plain SVG written here, so it needs no browser and
 * no dependency, and GitHub shows it inline.
 */
import { shortCommit } from './git-commit';
import { stormKey, TCP_CEILING_KEY, THROUGHPUT_MEAN_RATIO_KEY, throughputKey, type StormMeasure } from './figures';
import type { HistoryEntry } from './history';
import { linearScale, logScale, tickLabel, type Scale } from './plot-axes';

export interface PlotSeries {
  readonly label: string;
  /** The figure's name in the history. */
  readonly key: string;
  readonly color: string;
  /** SVG stroke-dasharray; solid when absent. */
  readonly dash?: string;
  /** The point's shape (a circle when absent): tells apart the points of a lone run. */
  readonly marker?: Marker;
}

export type Marker = 'circle' | 'square' | 'diamond';

export interface PlotPanel {
  readonly title: string;
  readonly log?: boolean;
  readonly series: readonly PlotSeries[];
  /** A horizontal reference line (parity for ratios). */
  readonly reference?: number;
}

const OURS = '#1f77b4';
const SMBD = '#ff7f0e';
const CEILING = '#7f7f7f';
const N_DASH: Record<number, string | undefined> = { 100: '2 3', 1000: '7 4', 10000: undefined };
const N_MARKER: Record<number, Marker> = { 100: 'circle', 1000: 'square', 10000: 'diamond' };

function stormSeries(measure: StormMeasure, flows: readonly number[]): PlotSeries[] {
  return flows.flatMap((n) =>
    (['pointprint', 'smbd'] as const).map((server) => ({
      label: `${server === 'pointprint' ? 'ours' : 'smbd'} N=${n}`,
      key: stormKey(server, n, measure),
      color: server === 'pointprint' ? OURS : SMBD,
      ...(N_DASH[n] !== undefined && { dash: N_DASH[n] }),
      marker: N_MARKER[n] ?? 'circle',
    })),
  );
}

export const HISTORY_PANELS: readonly PlotPanel[] = [
  {
    title: 'Download, SMB 3.1.1 unsigned (MB/s)',
    series: [
      { label: 'TCP ceiling', key: TCP_CEILING_KEY, color: CEILING },
      { label: 'smbclient, ours', key: throughputKey('smbclient', 'SMB 3.1.1 unsigned', 'ours MB/s'), color: OURS },
      { label: 'smbclient, smbd', key: throughputKey('smbclient', 'SMB 3.1.1 unsigned', 'smbd MB/s'), color: SMBD },
      {
        label: 'our client, ours',
        key: throughputKey('pointprint client', 'SMB 3.1.1 unsigned', 'ours MB/s'),
        color: OURS,
        dash: '7 4',
        marker: 'square',
      },
      {
        label: 'our client, smbd',
        key: throughputKey('pointprint client', 'SMB 3.1.1 unsigned', 'smbd MB/s'),
        color: SMBD,
        dash: '7 4',
        marker: 'square',
      },
    ],
  },
  {
    title: 'Throughput ours/smbd (geometric mean of the 8 rows)',
    reference: 1,
    series: [{ label: 'ours/smbd', key: THROUGHPUT_MEAN_RATIO_KEY, color: OURS }],
  },
  { title: 'Storm: p99 per flow (ms, log)', log: true, series: stormSeries('p99 ms', [100, 1000, 10000]) },
  {
    title: 'Storm: server CPU per flow (ms, log)',
    log: true,
    series: stormSeries('server CPU ms/flow', [100, 1000, 10000]),
  },
  {
    title: 'Storm: server memory per connection (KiB RSS, log)',
    log: true,
    series: stormSeries('RSS KiB/conn', [100, 1000, 10000]),
  },
  { title: 'Storm: failed flows', series: stormSeries('failed', [1000, 10000]) },
];

const PANEL_W = 560;
const PANEL_H = 300;
const COLUMNS = 2;
const MARGIN = { left: 58, right: 16, top: 62, bottom: 48 };
/** Runs labelled under a panel at most (each label is about 70 px wide). */
const LABELS = 6;
const HEADER = 44;

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

const fmt = (v: number): string => String(Math.round(v * 10) / 10);

/** "12-04 21:39" (UTC) and the short commit: the two lines under a run's point. */
function runLabel(e: HistoryEntry): [string, string] {
  const d = new Date(e.date);
  const two = (n: number): string => String(n).padStart(2, '0');
  return [
    `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
    shortCommit(e.commit),
  ];
}

/** A point of the given shape centred on (x, y), with its tooltip; `key` marks a legend swatch. */
function point(shape: Marker, x: number, y: number, fill: string, stroke: string, title: string, key = false): string {
  const style = `${key ? 'class="key" ' : ''}fill="${fill}" stroke="${stroke}" stroke-width="1.5"`;
  const tip = `<title>${escapeXml(title)}</title>`;
  if (shape === 'square')
    return `<rect ${style} x="${fmt(x - 3.2)}" y="${fmt(y - 3.2)}" width="6.4" height="6.4">${tip}</rect>`;
  if (shape === 'diamond')
    return `<polygon ${style} points="${fmt(x)},${fmt(y - 4.5)} ${fmt(x + 4.5)},${fmt(y)} ${fmt(x)},${fmt(y + 4.5)} ${fmt(x - 4.5)},${fmt(y)}">${tip}</polygon>`;
  return `<circle ${style} cx="${fmt(x)}" cy="${fmt(y)}" r="3.5">${tip}</circle>`;
}

function scaleFor(panel: PlotPanel, entries: readonly HistoryEntry[], height: number): Scale | undefined {
  const values = entries.flatMap((e) => panel.series.map((s) => e.figures[s.key])).filter((v) => v !== undefined);
  const usable = panel.log ? values.filter((v) => v > 0) : values;
  if (usable.length === 0) return undefined;
  const max = Math.max(...usable, panel.reference ?? 0);
  return panel.log ? logScale(Math.min(...usable), max, height) : linearScale(max * 1.05, height);
}

function drawPanel(panel: PlotPanel, entries: readonly HistoryEntry[], ox: number, oy: number): string[] {
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const x0 = ox + MARGIN.left;
  const y0 = oy + MARGIN.top;
  const out = [`<text x="${ox + 8}" y="${oy + 18}" class="title">${escapeXml(panel.title)}</text>`];
  panel.series.forEach((s, i) => {
    const lx = ox + 8 + (i % 3) * 180;
    const ly = oy + 36 + Math.floor(i / 3) * 15;
    const dash = s.dash !== undefined ? ` stroke-dasharray="${s.dash}"` : '';
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      point(s.marker ?? 'circle', lx + 12, ly - 4, s.color, s.color, s.label, true),
    );
    out.push(`<text x="${lx + 30}" y="${ly}" class="legend">${escapeXml(s.label)}</text>`);
  });
  out.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" class="frame"/>`);
  const scale = scaleFor(panel, entries, h);
  if (scale === undefined) {
    out.push(`<text x="${x0 + w / 2}" y="${y0 + h / 2}" class="empty">no runs with these figures yet</text>`);
    return out;
  }
  for (const t of scale.ticks) {
    const y = y0 + scale.y(t);
    out.push(`<line x1="${x0}" y1="${fmt(y)}" x2="${x0 + w}" y2="${fmt(y)}" class="grid"/>`);
    out.push(`<text x="${x0 - 6}" y="${fmt(y + 4)}" class="tick">${tickLabel(t)}</text>`);
  }
  if (panel.reference !== undefined) {
    const y = fmt(y0 + scale.y(panel.reference));
    out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" class="reference"/>`);
  }
  const step = w / entries.length;
  const xOf = (i: number): number => x0 + (i + 0.5) * step;
  // Two short lines per labelled run, at most LABELS of them, so they never overlap.
  const every = Math.max(1, Math.ceil(entries.length / LABELS));
  entries.forEach((e, i) => {
    if (i % every !== 0) return;
    const x = fmt(xOf(i));
    const [when, commit] = runLabel(e).map(escapeXml);
    out.push(`<text x="${x}" y="${y0 + h + 14}" class="run">${when}<tspan x="${x}" dy="11">${commit}</tspan></text>`);
  });
  for (const s of panel.series) {
    const dash = s.dash !== undefined ? ` stroke-dasharray="${s.dash}"` : '';
    for (const kind of ['full', 'quick'] as const) {
      const points = entries
        .map((e, i) => ({ e, i, v: e.figures[s.key] }))
        .filter((p): p is { e: HistoryEntry; i: number; v: number } => p.e.kind === kind && p.v !== undefined)
        .filter((p) => !panel.log || p.v > 0);
      if (points.length > 1) {
        const d = points.map((p) => `${fmt(xOf(p.i))},${fmt(y0 + scale.y(p.v))}`).join(' ');
        const width = kind === 'full' ? 2 : 1.2;
        out.push(`<polyline points="${d}" fill="none" stroke="${s.color}" stroke-width="${width}"${dash}/>`);
      }
      for (const p of points) {
        const fill = kind === 'full' ? s.color : '#ffffff';
        const title = `${s.label}: ${p.v} (${p.e.kind} run ${runLabel(p.e).join(' ')})`;
        out.push(point(s.marker ?? 'circle', xOf(p.i), y0 + scale.y(p.v), fill, s.color, title));
      }
    }
  }
  return out;
}

/** The SVG of the entries (in the order given), one panel per PlotPanel. */
export function plotHistory(entries: readonly HistoryEntry[], panels: readonly PlotPanel[] = HISTORY_PANELS): string {
  const rows = Math.ceil(panels.length / COLUMNS);
  const width = PANEL_W * COLUMNS;
  const height = HEADER + rows * PANEL_H;
  const first = entries[0];
  const last = entries[entries.length - 1];
  const span =
    first && last ? `${entries.length} runs, ${first.date.slice(0, 10)} to ${last.date.slice(0, 10)}` : 'no runs';
  const machines = [...new Set(entries.map((e) => `${e.machine.cpus} x ${e.machine.cpuModel}`))].join('; ');
  const body = panels.flatMap((p, i) =>
    drawPanel(p, entries, (i % COLUMNS) * PANEL_W, HEADER + Math.floor(i / COLUMNS) * PANEL_H),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    '<style>.title{font-size:14px;font-weight:bold}.legend{font-size:11px}.tick{font-size:10px;text-anchor:end}' +
      '.run{font-size:9px;text-anchor:middle}.frame{fill:none;stroke:#999}.grid{stroke:#e4e4e4}' +
      '.reference{stroke:#444;stroke-dasharray:4 3}.empty{font-size:12px;fill:#888;text-anchor:middle}</style>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" class="title">${escapeXml(`pointprint bench history: ${span}${machines ? ` (${machines})` : ''}`)}</text>`,
    `<text x="8" y="34" class="legend">filled points: full runs; hollow points: quick runs (64 MiB, storms of 10 and 100). Runs in the order they ran; labels are UTC date, time and commit (+: uncommitted changes).</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
