import { compareFigures, figuresOf, formatComparison } from '../../../bench/compare';
import { rpcKey, stormKey, throughputKey } from '../../../bench/figures';
import { entry, MACHINE } from './bench-report-builder';

const mbps = throughputKey('smbclient', 'SMB 3.1.1 unsigned', 'ours MB/s');
const smbdMbps = throughputKey('smbclient', 'SMB 3.1.1 unsigned', 'smbd MB/s');
const p99 = stormKey('pointprint', 1000, 'p99 ms');
const failed = stormKey('pointprint', 1000, 'failed');

describe('bench --compare', () => {
  test("a change is better or worse by the figure's direction, and noise under 5%", () => {
    const rows = compareFigures(
      { [mbps]: 500, [p99]: 10000, 'pool k devices: speed-up': 3 },
      { [mbps]: 600, [p99]: 12000, 'pool k devices: speed-up': 3.1 },
    );
    expect(rows).toEqual([
      { key: mbps, previous: 500, current: 600, change: expect.closeTo(0.2, 10) as number, verdict: 'better' },
      { key: p99, previous: 10000, current: 12000, change: expect.closeTo(0.2, 10) as number, verdict: 'worse' },
      {
        key: 'pool k devices: speed-up',
        previous: 3,
        current: 3.1,
        change: expect.closeTo(1 / 30, 10) as number,
        verdict: 'noise',
      },
    ]);
    expect(compareFigures({ [p99]: 12000 }, { [p99]: 10000 })[0]!.verdict).toBe('better');
  });

  test('smbd figures get no verdict; new and vanished figures are listed; a change from 0 has no percentage', () => {
    const rows = compareFigures({ [smbdMbps]: 800, [failed]: 0, gone: 1 }, { [smbdMbps]: 400, [failed]: 12, fresh: 2 });
    expect(rows).toEqual([
      { key: smbdMbps, previous: 800, current: 400, change: -0.5, verdict: 'reference' },
      { key: failed, previous: 0, current: 12, verdict: 'worse' },
      { key: 'fresh', current: 2, verdict: 'new' },
      { key: 'gone', previous: 1, verdict: 'gone' },
    ]);
    expect(compareFigures({ [failed]: 0 }, { [failed]: 0 })[0]).toEqual({
      key: failed,
      previous: 0,
      current: 0,
      verdict: 'noise',
    });
  });

  test('only the figures of the benchmarks a run measured are compared', () => {
    const all = { [mbps]: 1, [p99]: 2, [rpcKey(1, 'ours calls/s')]: 3, 'pool k devices: speed-up': 4 };
    expect(Object.keys(figuresOf(all, ['storm', 'pool']))).toEqual([p99, 'pool k devices: speed-up']);
  });

  test('the table names both runs, counts the verdicts and warns of another machine', () => {
    const previous = entry({
      date: '2026-12-03T10:00:00.000Z',
      commit: { hash: 'aaaaaaa1111111', dirty: false },
      machine: { ...MACHINE, hostname: 'elsewhere' },
      load: { start: [0.5, 0.4, 0.3], end: [] },
      figures: { [mbps]: 500, [p99]: 10000, [rpcKey(1, 'ours calls/s')]: 3000 },
    });
    const current = entry({
      commit: { hash: 'bbbbbbb2222222', dirty: true },
      options: { ...previous.options, only: ['throughput', 'storm'] },
      load: { start: [14.2, 12, 11], end: [] },
      figures: { [mbps]: 600, [p99]: 10100 },
    });
    const text = formatComparison(previous, current);
    expect(text).toContain(
      'Compared with the previous quick run: 2026-12-03T10:00:00.000Z at aaaaaaa (this run: bbbbbbb+; 1 better, 0 worse, 1 noise)',
    );
    expect(text).toMatch(/smbclient SMB 3\.1\.1 unsigned: ours MB\/s\s+500\s+600\s+\+20\.0%\s+better/);
    expect(text).toMatch(/N=1000: p99 ms\s+10000\s+10100\s+\+1\.0%\s+noise/);
    expect(text).not.toContain('calls/s'); // this run measured no RPC rate
    expect(text).toContain('The previous run was on another machine (elsewhere, 2 x AMD EPYC).');
    expect(text).toContain('Load average at the start: previous 0.5 0.4 0.3, this run 14.2 12 11.');
  });
});
