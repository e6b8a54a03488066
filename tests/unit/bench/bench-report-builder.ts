/**
 * A complete bench report with plausible figures, for the history, comparison, plot and smoke
 * check tests; each test changes the field it is about. The figures are made up, not measured.
 */
import type { CommitInfo } from '../../../bench/git-commit';
import type { HistoryEntry } from '../../../bench/history';
import type { MachineInfo } from '../../../bench/machine';
import type { BenchReport } from '../../../bench/report';
import type { StormRun } from '../../../bench/storm';
import type { PairedRow } from '../../../bench/throughput';
import { THROUGHPUT_CONFIGS } from '../../../bench/throughput-configs';

export const MACHINE: MachineInfo = {
  hostname: 'bench-host',
  cpuModel: 'AMD EPYC',
  cpus: 2,
  memoryGiB: 23.5,
  kernel: '6.18.0',
  node: 'v20.20.2',
  samba: 'Version 4.17.12-Debian',
};

export const COMMIT: CommitInfo = { hash: '0123456789abcdef0123456789abcdef01234567', dirty: false, subject: 'x' };

const CONFIGS = THROUGHPUT_CONFIGS.map((c) => c.name);

function row(client: PairedRow['client'], config: string, ours: number, smbd: number): PairedRow {
  return {
    client,
    config,
    oursMbps: [ours, ours, ours],
    sambaMbps: [smbd, smbd, smbd],
    oursMedianMbps: ours,
    sambaMedianMbps: smbd,
    oursTransferMbps: [ours * 1.2, ours * 1.2, ours * 1.2],
    sambaTransferMbps: [smbd * 1.2, smbd * 1.2, smbd * 1.2],
    oursMedianTransferMbps: ours * 1.2,
    sambaMedianTransferMbps: smbd * 1.2,
    oursCpuPerGB: [1, 1, 1],
    sambaCpuPerGB: [0.8, 0.8, 0.8],
    oursMedianCpuPerGB: 1,
    sambaMedianCpuPerGB: 0.8,
    ratio: ours / smbd,
    ceilingMbps: [3000, 3000, 3000],
    oursOfCeiling: (ours * 1.2) / 3000,
    sambaOfCeiling: (smbd * 1.2) / 3000,
  };
}

export function stormRun(server: StormRun['server'], flows: number, over: Partial<StormRun> = {}): StormRun {
  return {
    server,
    flows,
    workers: 4,
    requestTimeoutMs: 60000,
    flowTimeoutMs: 180000,
    wallSeconds: flows / 50,
    p50Ms: flows * 10,
    p99Ms: flows * 12,
    failures: 0,
    failureSamples: [],
    warningSample: [],
    memory: {
      baselineRssBytes: 60 * 2 ** 20,
      peakRssBytes: 60 * 2 ** 20 + flows * 100 * 1024,
      baselinePssBytes: 40 * 2 ** 20,
      peakPssBytes: 40 * 2 ** 20 + flows * 90 * 1024,
      peakProcesses: server === 'smbd' ? flows : 1,
      peakOpenFds: server === 'smbd' ? Number.NaN : flows,
      samples: 10,
    },
    serverCpuSeconds: flows * 0.01,
    serverCpuMsPerFlow: 10,
    clientCpuSeconds: flows * 0.015,
    rssPerFlowKiB: 100,
    pssPerFlowKiB: 90,
    otherCpuSeconds: 0.5,
    listen: { listenOverflows: 0, listenDrops: 0, syncookiesSent: 0 },
    ...over,
  };
}

export function fullReport(flows: readonly number[] = [10, 100]): BenchReport {
  return {
    date: '2026-12-04T12:00:00.000Z',
    kind: 'quick',
    machine: MACHINE,
    benchmarks: ['throughput', 'storm', 'rpc', 'pool'],
    loadAtStart: [1.5, 1.2, 1],
    loadAtEnd: [2, 1.5, 1.1],
    errors: {},
    durationSeconds: 95.4,
    throughput: {
      fileBytes: 64 * 2 ** 20,
      pairs: 3,
      tcpCeilingMbps: [900, 950, 1000],
      tcpCeilingMedianMbps: 950,
      rows: [
        ...CONFIGS.map((c) => row('smbclient', c, 600, 800)),
        ...CONFIGS.map((c) => row('pointprint client', c, 400, 500)),
      ],
    },
    storm: flows.flatMap((n) => [stormRun('pointprint', n), stormRun('smbd', n)]),
    rpc: {
      key: 'CopyFiles\\ICM',
      windowSeconds: 2,
      rounds: 1,
      rows: [1, 16].map((connections) => ({
        connections,
        oursPerSecond: [3000],
        sambaPerSecond: [600],
        oursMedian: 3000,
        sambaMedian: 600,
        ratio: 5,
        oursValues: 5,
        sambaValues: 3,
        oursCpuUsPerCall: 200,
        sambaCpuUsPerCall: 1400,
      })),
    },
    pool: { jobs: 9, devices: 3, ppm: 300, singleMs: 1800, poolMs: 600, speedup: 3 },
  };
}

/** A history entry with the given figures. */
export function entry(over: Partial<HistoryEntry> & Pick<HistoryEntry, 'figures'>): HistoryEntry {
  return {
    version: 1,
    date: '2026-12-04T12:00:00.000Z',
    kind: 'quick',
    machine: MACHINE,
    commit: COMMIT,
    options: { only: ['throughput', 'storm', 'rpc', 'pool'], profile: false, flows: [10, 100], workers: 4 },
    load: { start: [1, 1, 1], end: [1, 1, 1] },
    durationSeconds: 90,
    errors: {},
    ...over,
  };
}
