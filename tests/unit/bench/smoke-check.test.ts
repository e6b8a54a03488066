import { checkReport } from '../../../bench/smoke-check';
import { fullReport, stormRun } from './bench-report-builder';

describe('bench smoke check (what fails CI)', () => {
  test('a run in which every benchmark produced its figures passes, however slow', () => {
    const report = fullReport();
    report.storm = [stormRun('pointprint', 10, { wallSeconds: 3600, p99Ms: 3_600_000 }), stormRun('smbd', 10)];
    expect(checkReport(report, [10])).toEqual([]);
  });

  test('a benchmark that threw fails the run, and is not checked further', () => {
    const report = fullReport();
    report.errors.rpc = 'Smb2TimeoutError: NEGOTIATE got no response';
    delete report.rpc;
    expect(checkReport(report, [10, 100])).toEqual(['rpc failed: Smb2TimeoutError: NEGOTIATE got no response']);
  });

  test('zero, NaN and missing figures are problems', () => {
    const report = fullReport();
    const t = report.throughput!;
    report.throughput = {
      ...t,
      tcpCeilingMedianMbps: 0,
      rows: [{ ...t.rows[0]!, sambaMedianCpuPerGB: Number.NaN }, ...t.rows.slice(1)],
    };
    report.pool = { ...report.pool!, speedup: Number.POSITIVE_INFINITY };
    delete report.rpc;
    expect(checkReport(report, [10, 100])).toEqual([
      'throughput: TCP ceiling is 0, not a positive finite figure',
      'throughput smbclient SMB 3.1.1 signed: smbd CPU s/GB is NaN, not a positive finite figure',
      'rpc: no result',
      'pool: speed-up is Infinity, not a positive finite figure',
    ]);
  });

  test('a throughput row that failed or lost downloads, or a missing row, is a problem', () => {
    const report = fullReport();
    const t = report.throughput!;
    report.throughput = {
      ...t,
      rows: [{ ...t.rows[0]!, error: 'smbd: NT_STATUS_ACCESS_DENIED', sambaMbps: [800] }, ...t.rows.slice(1, 7)],
    };
    expect(checkReport(report, [10, 100])).toEqual([
      'throughput: 7 rows, not 18',
      'throughput smbclient SMB 3.1.1 signed: smbd: NT_STATUS_ACCESS_DENIED',
      'throughput smbclient SMB 3.1.1 signed: 3/1 downloads of 3 pairs',
    ]);
  });

  test('a run of some rows (--rows) expects those rows, and at least one', () => {
    const report = fullReport();
    const t = report.throughput!;
    report.throughput = { ...t, configs: ['SMB 3.1.1 signed'], rows: [t.rows[0]!, t.rows[9]!] };
    expect(checkReport(report, [10, 100])).toEqual([]);
    report.throughput = { ...t, configs: [], rows: [] };
    expect(checkReport(report, [10, 100])).toEqual(['throughput: --rows chose no configuration']);
  });

  test('every storm size runs on both servers; ours must have flows that finished', () => {
    const report = fullReport();
    report.storm = [
      stormRun('pointprint', 10, { failures: 10, failureSamples: ['10 x Smb2TimeoutError'], p50Ms: NaN, p99Ms: NaN }),
      stormRun('smbd', 10),
      stormRun('pointprint', 100),
    ];
    expect(checkReport(report, [10, 100])).toEqual([
      'storm pointprint N=10: p50 is NaN, not a positive finite figure',
      'storm pointprint N=10: p99 is NaN, not a positive finite figure',
      'storm pointprint N=10: every flow failed (10 x Smb2TimeoutError)',
      'storm smbd N=100: did not run',
    ]);
  });

  test('smbd may fail every flow above 1,000 (as far as it survives), not at 1,000 or below', () => {
    const dead = { failures: 0, p50Ms: NaN, p99Ms: NaN, aborted: 'host guard: MemAvailable fell' };
    const report = fullReport();
    report.storm = [
      stormRun('pointprint', 1000),
      stormRun('smbd', 1000, { ...dead, failures: 1000 }),
      stormRun('pointprint', 10000),
      stormRun('smbd', 10000, { ...dead, failures: 10000 }),
    ];
    expect(checkReport(report, [1000, 10000])).toEqual([
      'storm smbd N=1000: p50 is NaN, not a positive finite figure',
      'storm smbd N=1000: p99 is NaN, not a positive finite figure',
      'storm smbd N=1000: every flow failed',
    ]);
  });

  test('with --profile, each profiled benchmark must have its profile', () => {
    const report = fullReport();
    report.profiles = {
      rpc: { totalMs: 5000, idleMs: 100, gcMs: 10, top: [], file: 'bench/results/server-rpc.cpuprofile' },
    };
    expect(checkReport(report, [10, 100], true)).toEqual(['profile of throughput: no profile']);
    expect(checkReport(report, [10, 100], false)).toEqual([]);
  });

  test('benchmarks that were not asked for are not checked', () => {
    const report = { ...fullReport(), benchmarks: ['pool' as const] };
    delete report.throughput;
    delete report.storm;
    expect(checkReport(report, [10, 100])).toEqual([]);
  });
});
