import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  higherIsBetter,
  isReferenceFigure,
  reportFigures,
  rpcKey,
  stormKey,
  TCP_CEILING_KEY,
  THROUGHPUT_MEAN_RATIO_KEY,
  throughputKey,
} from '../../../bench/figures';
import {
  appendHistory,
  createHistoryEntry,
  parseHistoryLine,
  previousOfKind,
  readHistory,
  sameMachine,
} from '../../../bench/history';
import { parseArgs } from '../../../bench/options';
import { COMMIT, entry, fullReport, MACHINE, stormRun } from './bench-report-builder';

describe('bench figures', () => {
  test('a report flattens into named figures, one per measured value', () => {
    const f = reportFigures(fullReport());
    expect(f[TCP_CEILING_KEY]).toBe(950);
    expect(f[throughputKey('smbclient', 'SMB 3.1.1 signed', 'ours MB/s')]).toBe(600);
    expect(f[throughputKey('pointprint client', 'SMB 2.1 unsigned', 'ours/smbd')]).toBe(0.8);
    expect(f[stormKey('smbd', 100, 'p99 ms')]).toBe(1200);
    expect(f[stormKey('pointprint', 10, 'peak RSS MiB')]).toBeCloseTo(60 + (10 * 100) / 1024, 3);
    expect(f[rpcKey(16, 'ours calls/s')]).toBe(3000);
    expect(f[rpcKey(1, 'smbd CPU us/call')]).toBe(1400);
    expect(f['pool k devices: speed-up']).toBe(3);
    // 4 rows at 0.75 and 4 at 0.8: the geometric mean lies between.
    expect(f[THROUGHPUT_MEAN_RATIO_KEY]).toBeCloseTo(Math.sqrt(0.75 * 0.8), 3);
  });

  test('figures that were not measured (NaN) are left out, zero failures are kept', () => {
    const report = fullReport();
    report.storm = [stormRun('smbd', 10000, { p50Ms: Number.NaN, p99Ms: Number.NaN, failures: 10000 })];
    const f = reportFigures(report);
    expect(f).not.toHaveProperty(stormKey('smbd', 10000, 'p50 ms'));
    expect(f[stormKey('smbd', 10000, 'failed')]).toBe(10000);
    expect(reportFigures(fullReport())[stormKey('pointprint', 100, 'failed')]).toBe(0);
  });

  test('rates and ratios are better higher, times, costs and failures lower; smbd figures are the reference', () => {
    expect(higherIsBetter(throughputKey('smbclient', 'SMB 2.1 signed', 'ours MB/s'))).toBe(true);
    expect(higherIsBetter(THROUGHPUT_MEAN_RATIO_KEY)).toBe(true);
    expect(higherIsBetter(rpcKey(1, 'ours/smbd'))).toBe(true);
    expect(higherIsBetter('pool k devices: speed-up')).toBe(true);
    expect(higherIsBetter(stormKey('pointprint', 1000, 'p99 ms'))).toBe(false);
    expect(higherIsBetter(stormKey('pointprint', 1000, 'failed'))).toBe(false);
    expect(higherIsBetter(throughputKey('smbclient', 'SMB 2.1 signed', 'ours CPU s/GB'))).toBe(false);
    expect(isReferenceFigure(stormKey('smbd', 1000, 'p99 ms'))).toBe(true);
    expect(isReferenceFigure(throughputKey('smbclient', 'SMB 2.1 signed', 'smbd MB/s'))).toBe(true);
    expect(isReferenceFigure(rpcKey(16, 'smbd CPU us/call'))).toBe(true);
    expect(isReferenceFigure(throughputKey('smbclient', 'SMB 2.1 signed', 'ours/smbd'))).toBe(false);
  });
});

describe('bench history', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pp-bench-history-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('an entry carries the machine, the commit, the options, the load and the figures', () => {
    const report = fullReport();
    report.fdLimit = {
      before: { soft: 1024, hard: 4096 },
      after: { soft: 24096, hard: 24096 },
      wanted: 24096,
      action: 'raised',
    };
    const options = parseArgs(['--quick', '--workers', '3'], '/repo');
    const e = createHistoryEntry(report, options, { ...COMMIT, dirty: true });
    expect(e).toMatchObject({
      version: 1,
      kind: 'quick',
      date: report.date,
      machine: MACHINE,
      commit: { hash: COMMIT.hash, dirty: true },
      options: { only: ['throughput', 'storm', 'rpc', 'pool', 'limits'], flows: [10, 100], workers: 3, profile: false },
      load: { start: [1.5, 1.2, 1], end: [2, 1.5, 1.1] },
      durationSeconds: 95.4,
      fdLimit: { soft: 24096, hard: 24096, action: 'raised' },
      errors: {},
    });
    expect(e.figures).toEqual(reportFigures(report));
    // A run without a storm records no storm sizes.
    expect(createHistoryEntry(report, parseArgs(['--only', 'pool'], '/repo'), COMMIT).options.flows).toEqual([]);
  });

  test('entries append as JSON lines and read back; unreadable lines are skipped and counted', () => {
    const file = join(dir, 'results', 'history.jsonl');
    expect(readHistory(file)).toEqual({ entries: [], skipped: 0 });
    const a = entry({ figures: { x: 1 } });
    const b = entry({ kind: 'full', figures: { x: 2 } });
    appendHistory(file, a);
    appendFileSync(file, '{"version":1,"date":"2026-12-04T12:00:00Z","kind":"quick"\n'); // cut short
    appendFileSync(file, '\n');
    appendHistory(file, b);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(5);
    expect(readHistory(file)).toEqual({ entries: [a, b], skipped: 1 });
  });

  test('a line is an entry only with this version, a date, a kind and numeric figures', () => {
    const good = entry({ figures: { x: 1 } });
    expect(parseHistoryLine(JSON.stringify(good))).toEqual(good);
    expect(parseHistoryLine(JSON.stringify({ ...good, version: 2 }))).toBeUndefined();
    expect(parseHistoryLine(JSON.stringify({ ...good, kind: 'medium' }))).toBeUndefined();
    expect(parseHistoryLine(JSON.stringify({ ...good, date: 'yesterday' }))).toBeUndefined();
    expect(parseHistoryLine(JSON.stringify({ ...good, figures: { x: '1' } }))).toBeUndefined();
    expect(parseHistoryLine(JSON.stringify({ ...good, options: {} }))).toBeUndefined();
    expect(parseHistoryLine('[1, 2]')).toBeUndefined();
    expect(parseHistoryLine('not json')).toBeUndefined();
  });

  test('the previous run is the last of the same kind that measured one of the same benchmarks', () => {
    const q1 = entry({ date: '2026-12-01T00:00:00Z', figures: { a: 1 } });
    const f1 = entry({ kind: 'full', date: '2026-12-02T00:00:00Z', figures: { a: 2 } });
    const q2 = entry({ date: '2026-12-03T00:00:00Z', figures: { a: 3 } });
    const poolOnly = entry({
      date: '2026-12-04T00:00:00Z',
      figures: { b: 1 },
      options: { ...q1.options, only: ['pool'] },
    });
    const entries = [q1, f1, q2, poolOnly];
    expect(previousOfKind(entries, 'quick', ['throughput', 'storm', 'rpc', 'pool', 'limits'])).toBe(poolOnly);
    expect(previousOfKind(entries, 'quick', ['storm'])).toBe(q2);
    expect(previousOfKind(entries, 'full', ['storm'])).toBe(f1);
    expect(previousOfKind([q1], 'full', ['storm'])).toBeUndefined();
  });

  test('machines are the same when host, CPU and memory are', () => {
    expect(sameMachine(MACHINE, { ...MACHINE, node: 'v22.0.0' })).toBe(true);
    expect(sameMachine(MACHINE, { ...MACHINE, hostname: 'other' })).toBe(false);
    expect(sameMachine(MACHINE, { ...MACHINE, cpus: 4 })).toBe(false);
  });
});
