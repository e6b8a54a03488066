/**
 * A run's figures as one flat map, name -> number: what the history keeps, what --compare sets
 * side by side and what the plot draws. A name is "<benchmark> <subject>: <measure>", for
 * example "storm pointprint N=1000: p99 ms"; only finite figures are kept.
 */
import { clientRatioKey, clientRatios } from './client-ratio';
import type { BenchReport } from './report';

export type Figures = Record<string, number>;

export type ThroughputMeasure =
  | 'ours MB/s'
  | 'smbd MB/s'
  | 'ours transfer MB/s'
  | 'smbd transfer MB/s'
  | 'ours/ceiling'
  | 'smbd/ceiling'
  | 'ours/smbd'
  | 'ours CPU s/GB'
  | 'smbd CPU s/GB';
export type StormMeasure =
  | 'wall s'
  | 'p50 ms'
  | 'p99 ms'
  | 'failed'
  | 'server CPU ms/flow'
  | 'RSS KiB/conn'
  | 'PSS KiB/conn'
  | 'peak RSS MiB'
  | 'client CPU s'
  | 'listen overflows'
  | 'other jobs cores';
export type RpcMeasure = 'ours calls/s' | 'smbd calls/s' | 'ours/smbd' | 'ours CPU us/call' | 'smbd CPU us/call';

export const TCP_CEILING_KEY = 'throughput TCP ceiling: MB/s';
/** Geometric mean of the throughput rows' ours/smbd ratios. */
export const THROUGHPUT_MEAN_RATIO_KEY = 'throughput all rows: ours/smbd (geometric mean)';

export function throughputKey(client: string, config: string, measure: ThroughputMeasure): string {
  return `throughput ${client} ${config}: ${measure}`;
}

export function stormKey(server: string, flows: number, measure: StormMeasure): string {
  return `storm ${server} N=${flows}: ${measure}`;
}

export function rpcKey(connections: number, measure: RpcMeasure): string {
  return `rpc ${connections} connection${connections === 1 ? '' : 's'}: ${measure}`;
}

export const POOL_KEYS = {
  single: 'pool 1 device: drain ms',
  pool: 'pool k devices: drain ms',
  speedup: 'pool k devices: speed-up',
};

/** Whether a larger value of this figure is better (rates, ratios); otherwise smaller is. */
export function higherIsBetter(key: string): boolean {
  return /(MB\/s|calls\/s|ours\/smbd|client\/smbclient|speed-up)( \(.*\))?$/.test(key);
}

function geometricMean(values: readonly number[]): number {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  if (usable.length === 0) return Number.NaN;
  return Math.exp(usable.reduce((s, v) => s + Math.log(v), 0) / usable.length);
}

export function reportFigures(report: BenchReport): Figures {
  const figures: Figures = {};
  const put = (key: string, value: number): void => {
    if (Number.isFinite(value)) figures[key] = Math.round(value * 1000) / 1000;
  };
  const t = report.throughput;
  if (t) {
    put(TCP_CEILING_KEY, t.tcpCeilingMedianMbps);
    for (const r of t.rows) {
      put(throughputKey(r.client, r.config, 'ours MB/s'), r.oursMedianMbps);
      put(throughputKey(r.client, r.config, 'smbd MB/s'), r.sambaMedianMbps);
      put(throughputKey(r.client, r.config, 'ours transfer MB/s'), r.oursMedianTransferMbps);
      put(throughputKey(r.client, r.config, 'smbd transfer MB/s'), r.sambaMedianTransferMbps);
      put(throughputKey(r.client, r.config, 'ours/ceiling'), r.oursOfCeiling);
      put(throughputKey(r.client, r.config, 'smbd/ceiling'), r.sambaOfCeiling);
      put(throughputKey(r.client, r.config, 'ours/smbd'), r.ratio);
      put(throughputKey(r.client, r.config, 'ours CPU s/GB'), r.oursMedianCpuPerGB);
      put(throughputKey(r.client, r.config, 'smbd CPU s/GB'), r.sambaMedianCpuPerGB);
    }
    put(THROUGHPUT_MEAN_RATIO_KEY, geometricMean(t.rows.map((r) => r.ratio)));
    for (const c of clientRatios(t)) put(clientRatioKey(c), c.ratio);
  }
  for (const s of report.storm ?? []) {
    put(stormKey(s.server, s.flows, 'wall s'), s.wallSeconds);
    put(stormKey(s.server, s.flows, 'p50 ms'), s.p50Ms);
    put(stormKey(s.server, s.flows, 'p99 ms'), s.p99Ms);
    put(stormKey(s.server, s.flows, 'failed'), s.failures);
    put(stormKey(s.server, s.flows, 'server CPU ms/flow'), s.serverCpuMsPerFlow);
    put(stormKey(s.server, s.flows, 'RSS KiB/conn'), s.rssPerFlowKiB);
    put(stormKey(s.server, s.flows, 'PSS KiB/conn'), s.pssPerFlowKiB);
    put(stormKey(s.server, s.flows, 'peak RSS MiB'), s.memory.peakRssBytes / 2 ** 20);
    put(stormKey(s.server, s.flows, 'client CPU s'), s.clientCpuSeconds);
    put(stormKey(s.server, s.flows, 'listen overflows'), s.listen.listenOverflows);
    put(stormKey(s.server, s.flows, 'other jobs cores'), s.otherCpuSeconds / (s.wallSeconds + 1));
  }
  for (const r of report.rpc?.rows ?? []) {
    put(rpcKey(r.connections, 'ours calls/s'), r.oursMedian);
    put(rpcKey(r.connections, 'smbd calls/s'), r.sambaMedian);
    put(rpcKey(r.connections, 'ours/smbd'), r.ratio);
    put(rpcKey(r.connections, 'ours CPU us/call'), r.oursCpuUsPerCall);
    put(rpcKey(r.connections, 'smbd CPU us/call'), r.sambaCpuUsPerCall);
  }
  if (report.pool) {
    put(POOL_KEYS.single, report.pool.singleMs);
    put(POOL_KEYS.pool, report.pool.poolMs);
    put(POOL_KEYS.speedup, report.pool.speedup);
  }
  return figures;
}

/**
 * Figures of smbd, the reference, and of the machine's other jobs: their changes say how the
 * machine moved, not how we did.
 */
export function isReferenceFigure(key: string): boolean {
  return /^storm smbd /.test(key) || /: smbd /.test(key) || /: other jobs cores$/.test(key);
}
