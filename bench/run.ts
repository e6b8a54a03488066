/**
 * `npm run bench`: pointprint against Samba's smbd on the same machine in the same run, reported
 * as ratios (absolute figures drift on shared machines).
 *
 *   node dist/bench/run.js [--quick] [--only throughput|storm|rpc|limits] [--profile] [--json FILE]
 *
 * --quick runs a short version (64 MiB file, 3 pairs, storms up to 100, 2 s RPC windows) to check
 * that everything works; --profile adds a pass with our server under the V8 CPU profiler and
 * prints its top self-time functions. Everything runs on 127.0.0.1 and stops by itself: every
 * client call has a time limit and a watchdog ends the run after 40 minutes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { summarizeCpuProfile, type ProfileSummary } from './cpu-profile';
import { describeMachine, type MachineInfo } from './machine';
import { createPrintDollarTree, type PrintDollarTree } from './print-dollar';
import { BENCH_USER, startPointprintServer, type PointprintServer } from './pointprint-server';
import { processesMatching, singleProcess, type ProcessSelector } from './memory';
import { preparePointAndPrint, sambaProblem, startSamba, type PointAndPrintSetup, type SambaServer } from './samba';
import { measureRate, runRpcRate, type RpcRateResult } from './rpc-rate';
import { runStorm, type StormRun } from './storm';
import { round } from './stats';
import { formatTable, type Cell } from './table';
import { limitsTable, runLimits, type LimitsResult } from './limits';
import { runThroughput, throughputProfileWorkload, type ThroughputResult } from './throughput';

type Benchmark = 'throughput' | 'storm' | 'rpc' | 'limits';
const BENCHMARKS: readonly Benchmark[] = ['throughput', 'storm', 'rpc', 'limits'];

interface RunOptions {
  readonly quick: boolean;
  readonly only: readonly Benchmark[];
  readonly profile: boolean;
  readonly json: string;
}

const REPO = join(__dirname, '..', '..');
const PRINTER = 'HpColor';

/**
 * HpColor of the NTPRINT fixture (registry-fixtures/NTPRINT/registry.reg): its x64 driver and its
 * CopyFiles\ICM key, given to smbd's HpColor so that both servers answer the same flow.
 */
const HPCOLOR: PointAndPrintSetup = {
  printer: PRINTER,
  driverName: 'HP Color LaserJet 4500 PCL',
  environment: 'Windows x64',
  archDir: 'x64',
  driver: 'UNIDRV.DLL',
  dataFile: 'HPC4500.GPD',
  configFile: 'UNIDRVUI.DLL',
  helpFile: 'UNIDRV.HLP',
  dependentFiles: ['UNIRES.DLL', 'STDNAMES.GPD', 'STDDTYPE.GDL'],
  icm: { directory: 'Color', files: ['Hpclrlsr.icm'], module: 'mscms.dll' },
};
const WATCHDOG_MS = 40 * 60 * 1000;

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nusage: run.js [--quick] [--only throughput|storm|rpc|limits] [--profile] [--json FILE]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): RunOptions {
  let quick = false;
  let profile = false;
  let json = join(REPO, 'bench', 'results', 'latest.json');
  const only: Benchmark[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--profile') profile = true;
    else if (a === '--json') json = resolve(argv[++i] ?? usage('--json needs a file'));
    else if (a === '--only') {
      const b = argv[++i];
      if (!BENCHMARKS.includes(b as Benchmark)) usage(`--only takes ${BENCHMARKS.join('|')}`);
      only.push(b as Benchmark);
    } else usage(`unknown argument ${a}`);
  }
  return { quick, profile, json, only: only.length ? only : BENCHMARKS };
}

interface BenchReport {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  throughput?: ThroughputResult;
  storm?: StormRun[];
  rpc?: RpcRateResult;
  limits?: LimitsResult;
  profiles?: Record<string, ProfileSummary>;
}

const log = (line: string): void => void process.stdout.write(line + '\n');

/** Servers still running, stopped on exit whatever happens. */
const running = new Set<{ stop(): Promise<void> }>();

async function startOurs(tree: PrintDollarTree, cpuProfileDir?: string): Promise<PointprintServer> {
  const ours = await startPointprintServer({
    drivers: tree.dir,
    ...(cpuProfileDir !== undefined && { cpuProfileDir }),
  });
  running.add(ours);
  return ours;
}

async function startSambaFor(tree: PrintDollarTree, prepare: boolean): Promise<SambaServer> {
  const samba = await startSamba({ printDollar: tree.dir, printers: [PRINTER] });
  running.add(samba);
  if (prepare) await preparePointAndPrint(samba, tree.dir, HPCOLOR);
  return samba;
}

async function stopServer(s: { stop(): Promise<void> }): Promise<void> {
  await s.stop();
  running.delete(s);
}

async function withServers<T>(
  tree: PrintDollarTree,
  body: (ours: PointprintServer, samba: SambaServer) => Promise<T>,
  prepare = false,
): Promise<T> {
  const ours = await startOurs(tree);
  let samba: SambaServer | undefined;
  try {
    samba = await startSambaFor(tree, prepare);
    return await body(ours, samba);
  } finally {
    await stopServer(ours);
    if (samba) await stopServer(samba);
  }
}

function oursEndpoint(s: PointprintServer): {
  port: number;
  user: string;
  password: string;
  processes: ProcessSelector;
} {
  return { port: s.port, user: BENCH_USER.name, password: BENCH_USER.password, processes: singleProcess(s.pid) };
}

function sambaEndpoint(s: SambaServer): { port: number; user: string; password: string; processes: ProcessSelector } {
  return { port: s.port, user: s.user, password: s.password, processes: processesMatching(s.conf) };
}

function throughputTable(t: ThroughputResult): string {
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
    ]);
  }
  return (
    formatTable(
      `Throughput: ${t.fileBytes / 2 ** 20} MiB from PRINT$, median of ${t.pairs} alternating pairs (MB/s = 10^6 B/s)`,
      ['client', 'dialect', 'pointprint MB/s', 'smbd MB/s', 'ours/smbd', 'ours CPU s/GB', 'smbd CPU s/GB'],
      rows,
    ) + notes.map((n, i) => `[${i + 1}] ${n}\n`).join('')
  );
}

function stormTable(runs: readonly StormRun[]): string {
  const mib = (b: number): number => round(b / 2 ** 20, 1);
  const notes: string[] = [];
  const rows: Cell[][] = runs.map((r) => {
    const mark = r.failureSamples.length
      ? ` [${notes.push(`${r.server} N=${r.flows}: ${r.failureSamples.join(' | ')}`)}]`
      : '';
    return [
      r.server + mark,
      r.flows,
      round(r.wallSeconds, 2),
      round(r.p50Ms, 0),
      round(r.p99Ms, 0),
      r.failures,
      mib(r.memory.peakRssBytes),
      mib(r.memory.peakPssBytes),
      r.memory.peakProcesses,
      round(r.rssPerFlowKiB, 0),
      round(r.pssPerFlowKiB, 0),
      round(r.serverCpuSeconds, 1),
      round(r.clientCpuSeconds, 1),
    ];
  });
  return (
    formatTable(
      'Storm: N concurrent AddPrinterConnection(\\\\127.0.0.1\\HpColor) flows, each on its own connection',
      [
        'server',
        'N',
        'wall s',
        'p50 ms',
        'p99 ms',
        'failed',
        'peak RSS MiB',
        'peak PSS MiB',
        'procs',
        'RSS KiB/client',
        'PSS KiB/client',
        'server CPU s',
        'client CPU s',
      ],
      rows,
    ) +
    notes.map((n, i) => `[${i + 1}] ${n}\n`).join('') +
    [
      ...new Set(
        runs
          .filter((r) => r.warningSample.length)
          .map((r) => `${r.server}: client warned "${r.warningSample.join('; ')}"`),
      ),
    ]
      .map((w) => w + '\n')
      .join('')
  );
}

function rpcTable(r: RpcRateResult): string {
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

function profileTable(name: string, p: ProfileSummary): string {
  return formatTable(
    `CPU profile of our server, ${name}: ${round(p.totalMs - p.idleMs, 0)} ms busy of ${round(p.totalMs, 0)} ms, GC ${round(p.gcMs, 0)} ms`,
    ['self ms', '% busy', 'function', 'where'],
    p.top.map((f) => [round(f.selfMs, 0), round(f.busyPercent, 1), f.functionName, f.location]),
  );
}

async function profileOurServer(
  tree: PrintDollarTree,
  outDir: string,
  key: string,
  name: string,
  workload: (ours: PointprintServer) => Promise<void>,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'pointprint-cpuprof-'));
  const ours = await startOurs(tree, dir);
  try {
    await workload(ours);
  } finally {
    await stopServer(ours);
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  // Kept next to the JSON for Chrome DevTools or speedscope; the temp dir goes.
  const kept = join(outDir, `server-${key}.cpuprofile`);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(dir, file), kept);
  rmSync(dir, { recursive: true, force: true });
  const summary = { ...summarizeCpuProfile(kept, REPO, 15), file: relative(REPO, kept) };
  log(profileTable(name, summary));
  return summary;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const problem = sambaProblem();
  if (problem) {
    process.stderr.write(`cannot compare with Samba: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  const machine = describeMachine();
  const report: BenchReport = { date: new Date().toISOString(), quick: options.quick, machine };
  log(
    `pointprint bench on ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.samba}`,
  );
  const size = options.quick ? 64 * 2 ** 20 : 256 * 2 ** 20;
  const pairs = options.quick ? 3 : 5;
  const tree = createPrintDollarTree(size);
  const tables: string[] = [];
  try {
    if (options.only.includes('throughput')) {
      log('throughput...');
      report.throughput = await withServers(tree, (ours, samba) =>
        runThroughput({
          ours: oursEndpoint(ours),
          samba: sambaEndpoint(samba),
          file: join(tree.dir, 'big.bin'),
          size,
          pairs,
          log,
        }),
      );
      tables.push(throughputTable(report.throughput));
      if (options.profile) {
        report.profiles = report.profiles ?? {};
        report.profiles.throughput = await profileOurServer(
          tree,
          dirname(options.json),
          'throughput',
          'one download per dialect and client',
          (ours) => throughputProfileWorkload(oursEndpoint(ours), size),
        );
      }
    }
    if (options.only.includes('storm')) {
      log('storm...');
      report.storm = [];
      // One N at a time, on fresh servers, ours then smbd: the machine has 2 cores and the clients
      // share them, so the two servers never run a storm at the same time.
      for (const flows of options.quick ? [10, 100] : [10, 100, 500, 1000]) {
        const ours = await startOurs(tree);
        try {
          report.storm.push(await runStorm({ name: 'pointprint', ...oursEndpoint(ours), printer: PRINTER }, flows));
        } finally {
          await stopServer(ours);
        }
        const samba = await startSambaFor(tree, true);
        try {
          report.storm.push(
            await runStorm(
              {
                name: 'smbd',
                port: samba.port,
                user: samba.user,
                password: samba.password,
                printer: PRINTER,
                processes: processesMatching(samba.conf),
              },
              flows,
            ),
          );
        } finally {
          await stopServer(samba);
        }
        for (const r of report.storm.slice(-2))
          log(
            `  ${r.server} N=${r.flows}: ${r.wallSeconds.toFixed(2)} s, p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms, ${r.failures} failed, peak RSS ${(r.memory.peakRssBytes / 2 ** 20).toFixed(1)} MiB`,
          );
      }
      tables.push(stormTable(report.storm));
    }
    if (options.only.includes('rpc')) {
      log('rpc rate...');
      report.rpc = await withServers(
        tree,
        (ours, samba) =>
          runRpcRate(
            { name: 'pointprint', ...oursEndpoint(ours), printer: PRINTER },
            { name: 'smbd', ...sambaEndpoint(samba), printer: PRINTER },
            { seconds: options.quick ? 2 : 5, rounds: options.quick ? 1 : 3, log },
          ),
        true,
      );
      tables.push(rpcTable(report.rpc));
      if (options.profile) {
        report.profiles = report.profiles ?? {};
        report.profiles.rpc = await profileOurServer(
          tree,
          dirname(options.json),
          'rpc',
          'RpcEnumPrinterDataEx on 16 connections',
          async (ours) => {
            await measureRate({ name: 'pointprint', ...oursEndpoint(ours), printer: PRINTER }, 16, 5);
          },
        );
      }
    }
    if (options.only.includes('limits')) {
      log('limits...');
      report.limits = await runLimits(tree, () => startOurs(tree), stopServer, log);
      tables.push(limitsTable(report.limits));
    }
  } finally {
    tree.remove();
  }
  log('');
  for (const t of tables) log(t);
  mkdirSync(dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify(report, null, 2) + '\n');
  log(`results written to ${options.json}`);
}

async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop().catch(() => undefined)));
}

const watchdog = setTimeout(() => {
  process.stderr.write('bench: watchdog expired, stopping\n');
  void stopAll().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await stopAll();
  process.exitCode = 1;
});
