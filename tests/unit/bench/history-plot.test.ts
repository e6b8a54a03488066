import { stormKey, TCP_CEILING_KEY } from '../../../bench/figures';
import { escapeXml, plotHistory, type PlotPanel } from '../../../bench/history-plot';
import { linearScale, linearTicks, logScale, logTicks, tickLabel } from '../../../bench/plot-axes';
import { parsePlotArgs } from '../../../scripts/plot-bench-history';
import { entry } from './bench-report-builder';

const ceiling: PlotPanel = {
  title: 'Ceiling <MB/s>',
  series: [{ label: 'TCP & co', key: TCP_CEILING_KEY, color: '#777' }],
};
const p99: PlotPanel = {
  title: 'p99',
  log: true,
  series: [{ label: 'ours', key: stormKey('pointprint', 1000, 'p99 ms'), color: '#00f', dash: '2 3' }],
};

function count(svg: string, pattern: RegExp): number {
  return svg.match(pattern)?.length ?? 0;
}

describe('bench history plot: axes', () => {
  test('linear ticks start at 0 and step by 1, 2 or 5 times a power of ten up to the maximum', () => {
    expect(linearTicks(973)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(linearTicks(1.3)).toEqual([0, 0.5, 1, 1.5]);
    expect(linearTicks(0)).toEqual([0, 1]);
    const s = linearScale(973, 100);
    expect(s.y(0)).toBe(100);
    expect(s.y(1000)).toBe(0);
    expect(s.y(500)).toBe(50);
  });

  test('log ticks cover the decades, with 2 and 5 between them when there are few', () => {
    expect(logTicks(50, 800)).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(logTicks(7, 120000)).toEqual([1, 10, 100, 1000, 10000, 100000, 1000000]);
    const s = logScale(10, 1000, 200);
    expect(s.y(10)).toBeCloseTo(200);
    expect(s.y(100)).toBeCloseTo(100);
    expect(s.y(1000)).toBeCloseTo(0);
  });

  test('tick labels are short', () => {
    expect([0.25, 20, 1500, 20000, 2_500_000].map(tickLabel)).toEqual(['0.25', '20', '1.5k', '20k', '2.5M']);
  });
});

describe('bench history plot: the SVG', () => {
  const runs = [
    entry({ kind: 'quick', date: '2026-12-04T09:05:00.000Z', figures: { [TCP_CEILING_KEY]: 900 } }),
    entry({ kind: 'full', date: '2026-12-04T10:00:00.000Z', figures: { [TCP_CEILING_KEY]: 950 } }),
    entry({ kind: 'quick', date: '2026-12-04T11:00:00.000Z', figures: {} }),
    entry({
      kind: 'quick',
      date: '2026-12-04T12:30:00.000Z',
      commit: { hash: 'abcdef0123456', dirty: true },
      figures: { [TCP_CEILING_KEY]: 1000, [stormKey('pointprint', 1000, 'p99 ms')]: 0 },
    }),
  ];

  test('one point per run that has the figure: filled for full runs, hollow for quick ones', () => {
    const svg = plotHistory(runs, [ceiling]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(count(svg, /<circle fill/g)).toBe(3);
    expect(count(svg, /<circle fill="#ffffff"/g)).toBe(2);
    expect(count(svg, /<circle fill="#777"/g)).toBe(1);
    expect(count(svg, /<circle class="key"/g)).toBe(1); // the legend's swatch
    // The two quick points are joined (across the run without the figure); a lone full point is not.
    expect(count(svg, /<polyline /g)).toBe(1);
    expect(svg).toMatch(/>12-04 12:30<tspan x="[\d.]+" dy="11">abcdef0\+<\/tspan>/);
    expect(svg).toContain('4 runs, 2026-12-04 to 2026-12-04');
  });

  test('the higher value sits higher on the panel', () => {
    const svg = plotHistory(runs, [ceiling]);
    const ys = [
      ...svg.matchAll(/<circle fill="[^"]+" stroke="[^"]+" stroke-width="1.5" cx="[\d.]+" cy="([\d.]+)"/g),
    ].map((m) => Number(m[1]));
    // Full runs are drawn first (950), then quick ones (900, 1000); y grows downwards.
    expect(ys).toHaveLength(3);
    const [full950, quick900, quick1000] = ys as [number, number, number];
    expect(quick900).toBeGreaterThan(full950);
    expect(full950).toBeGreaterThan(quick1000);
  });

  test('a panel without usable figures says so; a log panel skips values that are not positive', () => {
    const svg = plotHistory(runs, [p99]);
    expect(svg).toContain('no runs with these figures yet');
    expect(count(svg, /<circle fill/g)).toBe(0);
  });

  test('text is escaped, so labels cannot break the document', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    const svg = plotHistory(runs, [ceiling]);
    expect(svg).toContain('Ceiling &lt;MB/s&gt;');
    expect(svg).toContain('TCP &amp; co');
    // Every element opened (not self-closed) is closed.
    for (const tag of ['svg', 'text', 'tspan', 'circle', 'rect', 'polygon', 'title', 'style'])
      expect(count(svg, new RegExp(`<${tag}(\\s[^>]*[^/])?>`, 'g'))).toBe(count(svg, new RegExp(`</${tag}>`, 'g')));
  });

  test('the default panels draw the throughput and storm figures of a history without failing', () => {
    const svg = plotHistory(runs);
    // N=100 circles, N=1000 squares, N=10,000 diamonds: the points of a lone run stay apart.
    expect(count(svg, /<rect class="key"/g)).toBeGreaterThan(0);
    expect(count(svg, /<polygon class="key"/g)).toBeGreaterThan(0);
    expect(count(svg, /class="title"/g)).toBe(7); // the header and six panels
    expect(svg).toContain('Storm: p99 per flow (ms, log)');
  });

  test('the script takes the history, the output, the kind and how many runs', () => {
    expect(parsePlotArgs([], '/repo')).toEqual({
      history: '/repo/bench/results/history.jsonl',
      out: '/repo/docs/bench-history.svg',
      last: 40,
    });
    expect(parsePlotArgs(['--kind', 'full', '--last', '5', '--out', '/tmp/x.svg'], '/repo')).toMatchObject({
      kind: 'full',
      last: 5,
      out: '/tmp/x.svg',
    });
    expect(() => parsePlotArgs(['--kind', 'medium'], '/repo')).toThrow(/bad argument --kind medium/);
    expect(() => parsePlotArgs(['--last'], '/repo')).toThrow(/--last needs a value/);
  });
});
