/**
 * What makes a run broken (and `npm run bench` exit 1, so CI fails): a benchmark that threw, or
 * did not produce a figure it should have, or produced one that is zero, negative or not finite.
 * It never judges a timing: a slow run on a busy machine passes, a benchmark that measures
 * nothing does not.
 *
 * smbd is the reference and is measured "as far as it survives": above SMBD_MUST_SURVIVE flows,
 * a storm in which every smbd flow failed still counts as a result (its failures are the figure).
 */
import type { Benchmark } from './options';
import type { BenchReport } from './report';
import type { StormRun } from './storm';
import { THROUGHPUT_CONFIGS } from './throughput-configs';

export const SMBD_MUST_SURVIVE = 1000;
const THROUGHPUT_CLIENTS = 2;

function bad(value: number | undefined): boolean {
  return value === undefined || !Number.isFinite(value) || value <= 0;
}

function checkFigures(where: string, figures: Record<string, number | undefined>, problems: string[]): void {
  for (const [name, value] of Object.entries(figures))
    if (bad(value)) problems.push(`${where}: ${name} is ${String(value)}, not a positive finite figure`);
}

function checkStormRow(r: StormRun, problems: string[]): void {
  const where = `storm ${r.server} N=${r.flows}`;
  checkFigures(
    where,
    { 'wall time': r.wallSeconds, 'server CPU': r.serverCpuSeconds, 'peak RSS': r.memory.peakRssBytes },
    problems,
  );
  const mayAllFail = r.server === 'smbd' && r.flows > SMBD_MUST_SURVIVE;
  if (!mayAllFail || r.failures < r.flows) checkFigures(where, { p50: r.p50Ms, p99: r.p99Ms }, problems);
  if (r.failures >= r.flows && !mayAllFail)
    problems.push(`${where}: every flow failed${r.failureSamples.length ? ` (${r.failureSamples.join(' | ')})` : ''}`);
}

/** Every problem of the run; empty when every benchmark ran and produced its figures. */
export function checkReport(report: BenchReport, flows: readonly number[], profile = false): string[] {
  const problems: string[] = [];
  for (const [benchmark, error] of Object.entries(report.errors)) problems.push(`${benchmark} failed: ${error}`);
  const asked = (b: Benchmark): boolean => report.benchmarks.includes(b) && report.errors[b] === undefined;
  if (asked('throughput')) {
    const t = report.throughput;
    if (!t) problems.push('throughput: no result');
    else {
      checkFigures('throughput', { 'TCP ceiling': t.tcpCeilingMedianMbps }, problems);
      const configs = t.configs?.length ?? THROUGHPUT_CONFIGS.length;
      if (configs === 0) problems.push('throughput: --rows chose no configuration');
      if (t.rows.length !== configs * THROUGHPUT_CLIENTS)
        problems.push(`throughput: ${t.rows.length} rows, not ${configs * THROUGHPUT_CLIENTS}`);
      for (const r of t.rows) {
        const where = `throughput ${r.client} ${r.config}`;
        if (r.error !== undefined) problems.push(`${where}: ${r.error}`);
        if (r.oursMbps.length !== t.pairs || r.sambaMbps.length !== t.pairs)
          problems.push(`${where}: ${r.oursMbps.length}/${r.sambaMbps.length} downloads of ${t.pairs} pairs`);
        checkFigures(
          where,
          {
            'ours MB/s': r.oursMedianMbps,
            'smbd MB/s': r.sambaMedianMbps,
            'ours transfer MB/s': r.oursMedianTransferMbps,
            'smbd transfer MB/s': r.sambaMedianTransferMbps,
            'ours CPU s/GB': r.oursMedianCpuPerGB,
            'smbd CPU s/GB': r.sambaMedianCpuPerGB,
          },
          problems,
        );
      }
    }
  }
  if (asked('storm')) {
    const runs = report.storm ?? [];
    for (const n of flows)
      for (const server of ['pointprint', 'smbd'] as const) {
        const r = runs.find((x) => x.server === server && x.flows === n);
        if (r) checkStormRow(r, problems);
        else problems.push(`storm ${server} N=${n}: did not run`);
      }
  }
  if (asked('rpc')) {
    const rows = report.rpc?.rows ?? [];
    if (rows.length === 0) problems.push('rpc: no result');
    for (const r of rows)
      checkFigures(
        `rpc ${r.connections} connection(s)`,
        {
          'ours calls/s': r.oursMedian,
          'smbd calls/s': r.sambaMedian,
          'ours CPU us/call': r.oursCpuUsPerCall,
          'smbd CPU us/call': r.sambaCpuUsPerCall,
          'values ours': r.oursValues,
          'values smbd': r.sambaValues,
        },
        problems,
      );
  }
  if (asked('pool')) {
    const p = report.pool;
    if (!p) problems.push('pool: no result');
    else checkFigures('pool', { 'one device ms': p.singleMs, 'pool ms': p.poolMs, 'speed-up': p.speedup }, problems);
  }
  if (asked('limits')) {
    const rows = report.limits?.rows ?? [];
    if (rows.length === 0) problems.push('limits: no result');
    for (const r of rows)
      if (typeof r.value === 'number' && !Number.isFinite(r.value))
        problems.push(`limits ${r.scenario}: ${r.measure} is ${r.value}`);
  }
  if (profile && report.errors.profile === undefined)
    for (const b of ['throughput', 'rpc'] as const)
      if (asked(b) && bad(report.profiles?.[b]?.totalMs)) problems.push(`profile of ${b}: no profile`);
  return problems;
}
