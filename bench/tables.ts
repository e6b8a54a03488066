/** The text tables of a run, printed at its end and pasted into docs/benchmarks.md. */
import type { ProfileSummary } from './cpu-profile';
import type { PoolDrainResult } from './pool-drain';
import type { RpcRateResult } from './rpc-rate';
import { median, medianRatio, round } from './stats';
import { CLIENT_NICE, type StormRun } from './storm';
import { formatTable, type Cell } from './table';
import type { ThroughputResult } from './throughput';

const percent = (share: number): string => `${round(100 * share, 0)}%`;

const footnotes = (notes: readonly string[]): string => notes.map((n, i) => `[${i + 1}] ${n}\n`).join('');

export function throughputTable(t: ThroughputResult): string {
  const rows: Cell[][] = [['TCP loopback copy (ceiling)', '-', round(t.tcpCeilingMedianMbps, 0)]];
  const notes: string[] = [];
  for (const r of t.rows) {
    const mark = r.error !== undefined ? ` [${notes.push(r.error)}]` : '';
    rows.push([
      r.client,
      r.config + mark,
      round(r.oursMedianMbps, 0),
      round(r.sambaMedianMbps, 0),
      round(r.ratio, 2),
      round(r.oursMedianCpuPerGB, 2),
      round(r.sambaMedianCpuPerGB, 2),
      percent(r.oursMedianMbps / t.tcpCeilingMedianMbps),
      percent(r.sambaMedianMbps / t.tcpCeilingMedianMbps),
    ]);
  }
  return (
    formatTable(
      `Throughput: ${t.fileBytes / 2 ** 20} MiB from PRINT$, median of ${t.pairs} alternating pairs (MB/s = 10^6 B/s)`,
      [
        'client',
        'dialect',
        'pointprint MB/s',
        'smbd MB/s',
        'ours/smbd',
        'ours CPU s/GB',
        'smbd CPU s/GB',
        'ours/ceiling',
        'smbd/ceiling',
      ],
      rows,
    ) + footnotes(notes)
  );
}

/**
 * The transfer alone (CREATE to CLOSE, DownloadResult.transferMbps) against the TCP ceiling, which
 * also leaves out process starts and logons: the share of the ceiling an SMB2 download reaches.
 */
export function throughputTransferTable(t: ThroughputResult): string {
  const rows: Cell[][] = t.rows.map((r) => [
    r.client,
    r.config,
    round(r.oursMedianTransferMbps, 0),
    round(r.sambaMedianTransferMbps, 0),
    round(medianRatio(r.oursTransferMbps, r.sambaTransferMbps), 2),
    round(median(r.ceilingMbps), 0),
    percent(r.oursOfCeiling),
    percent(r.sambaOfCeiling),
  ]);
  return formatTable(
    "The transfer alone (the client's CREATE to its CLOSE; smbclient's own figure), against the TCP ceiling measured once per pair (medians of per-pair ratios)",
    ['client', 'dialect', 'pointprint MB/s', 'smbd MB/s', 'ours/smbd', 'ceiling MB/s', 'ours/ceiling', 'smbd/ceiling'],
    rows,
  );
}

export function stormTable(runs: readonly StormRun[]): string {
  const mib = (b: number): number => round(b / 2 ** 20, 1);
  const notes: string[] = [];
  const rows: Cell[][] = runs.map((r) => {
    const why = [...(r.aborted !== undefined ? [r.aborted] : []), ...r.failureSamples];
    const mark = why.length ? ` [${notes.push(`${r.server} N=${r.flows}: ${why.join(' | ')}`)}]` : '';
    return [
      r.server + mark,
      r.flows,
      round(r.wallSeconds, 1),
      round(r.p50Ms, 0),
      round(r.p99Ms, 0),
      r.failures,
      round(r.serverCpuMsPerFlow, 1),
      round(r.rssPerFlowKiB, 0),
      round(r.pssPerFlowKiB, 0),
      mib(r.memory.peakRssBytes),
      mib(r.memory.peakPssBytes),
      r.server === 'smbd' ? r.memory.peakProcesses : r.memory.peakOpenFds,
      round(r.serverCpuSeconds, 1),
      round(r.clientCpuSeconds, 1),
      r.listen.listenOverflows,
      round(r.otherCpuSeconds / (r.wallSeconds + 1), 2),
    ];
  });
  const workers = [...new Set(runs.map((r) => r.workers))].join('/');
  const limits = [...new Set(runs.map((r) => `${r.requestTimeoutMs / 1000}`))].join('/');
  const warnings = [
    ...new Set(
      runs
        .filter((r) => r.warningSample.length)
        .map((r) => `${r.server}: client warned "${r.warningSample.join('; ')}"`),
    ),
  ];
  return (
    formatTable(
      `Storm: N concurrent AddPrinterConnection(\\\\127.0.0.1\\HpColor) flows, each on its own connection, ` +
        `from ${workers} client processes (nice ${CLIENT_NICE}, ${limits} s per request)`,
      [
        'server',
        'N',
        'wall s',
        'p50 ms',
        'p99 ms',
        'failed',
        'server CPU ms/flow',
        'RSS KiB/conn',
        'PSS KiB/conn',
        'peak RSS MiB',
        'peak PSS MiB',
        'peak procs/fds',
        'server CPU s',
        'client CPU s',
        'listen overflows',
        "others' cores",
      ],
      rows,
    ) +
    footnotes(notes) +
    warnings.map((w) => w + '\n').join('')
  );
}

export function rpcTable(r: RpcRateResult): string {
  return formatTable(
    `RPC rate: RpcEnumPrinterDataEx(${r.key}) calls/s, median of ${r.rounds} alternating ${r.windowSeconds} s windows`,
    ['connections', 'pointprint/s', 'smbd/s', 'ours/smbd', 'ours CPU us/call', 'smbd CPU us/call', 'values ours/smbd'],
    r.rows.map((x) => [
      x.connections,
      round(x.oursMedian, 0),
      round(x.sambaMedian, 0),
      round(x.ratio, 2),
      round(x.oursCpuUsPerCall, 0),
      round(x.sambaCpuUsPerCall, 0),
      `${x.oursValues}/${x.sambaValues}`,
    ]),
  );
}

export function poolTable(p: PoolDrainResult): string {
  return formatTable(
    `Pool drain: ${p.jobs} one-page jobs at ${p.ppm} pages/min per device, real time (our spooler in-process)`,
    ['printer', 'devices', 'drain ms', 'speed-up'],
    [
      ['single device', 1, round(p.singleMs, 0), undefined],
      ['pool', p.devices, round(p.poolMs, 0), round(p.speedup, 2)],
    ],
  );
}

export function profileTable(name: string, p: ProfileSummary): string {
  return formatTable(
    `CPU profile of our server, ${name}: ${round(p.totalMs - p.idleMs, 0)} ms busy of ${round(p.totalMs, 0)} ms, GC ${round(p.gcMs, 0)} ms`,
    ['self ms', '% busy', 'function', 'where'],
    p.top.map((f) => [round(f.selfMs, 0), round(f.busyPercent, 1), f.functionName, f.location]),
  );
}
