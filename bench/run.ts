/**
 * `npm run bench`: pointprint against Samba's smbd on the same machine in the same run, reported
 * as ratios (absolute figures drift on shared machines).
 *
 *   node dist/bench/run.js [--quick] [--only throughput|storm|rpc|pool|limits]... [--profile] [--json FILE]
 *                          [--compare] [--history FILE] [--flows N,N,...] [--workers N] [--rows TEXT]...
 *
 * --quick runs a short version (64 MiB file, 3 pairs, storms of 10 and 100, 2 s RPC windows): the
 * smoke check of CI. Every run appends its figures to the history (bench/results/history.jsonl);
 * --compare sets them next to the previous run of the same kind. The run exits 1 when a benchmark
 * broke (threw, or produced no figure or a zero one), never because of a timing. Everything runs
 * on 127.0.0.1 and stops by itself: every client call has a time limit and a watchdog ends the run
 * after 90 minutes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatComparison } from './compare';
import { summarizeCpuProfile, type ProfileSummary } from './cpu-profile';
import { raiseFdLimit } from './fd-limit';
import { describeCommit } from './git-commit';
import { appendHistory, createHistoryEntry, previousOfKind, readHistory } from './history';
import { defaultGuardLimits } from './host-guard';
import { describeMachine, loadAverage } from './machine';
import { parseArgs, USAGE, UsageError, type Benchmark, type RunOptions } from './options';
import type { PointprintServer } from './pointprint-server';
import { runPoolDrainBench } from './pool-drain';
import { createPrintDollarTree, type PrintDollarTree } from './print-dollar';
import type { BenchReport } from './report';
import { measureRate, rpcTcpTable, runRpcRate } from './rpc-rate';
import { sambaProblem } from './samba';
import {
  oursEndpoint,
  PRINTER,
  sambaEndpoint,
  startOurs,
  startSambaFor,
  stopAll,
  stopServer,
  withServers,
} from './servers';
import { limitsTable, runLimits } from './limits';
import { checkReport } from './smoke-check';
import { flowTimeoutFor, runStorm, type StormRun } from './storm';
import { clientRatioTable } from './client-ratio';
import { poolTable, profileTable, rpcTable, stormTable, throughputTable, throughputTransferTable } from './tables';
import { runThroughput, throughputProfileWorkload } from './throughput';
import { selectThroughputConfigs } from './throughput-configs';

const REPO = join(__dirname, '..', '..');
/** The full run's 10,000-flow storms may take 15 minutes each on a busy machine. */
const WATCHDOG_MS = 90 * 60 * 1000;

const log = (line: string): void => void process.stdout.write(line + '\n');

async function profileOurServer(
  tree: PrintDollarTree,
  outDir: string,
  key: string,
  name: string,
  workload: (ours: PointprintServer) => Promise<void>,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'pointprint-cpuprof-'));
  const ours = await startOurs(tree, { cpuProfileDir: dir });
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

/**
 * One N at a time, on fresh servers, ours then smbd: the machine has 2 cores and the clients share
 * them, so the two servers never run a storm at the same time. The host guard ends a server that
 * takes the machine's memory or pids (smbd at 10,000).
 */
async function runStorms(tree: PrintDollarTree, options: RunOptions, report: BenchReport): Promise<void> {
  report.fdLimit = raiseFdLimit(2 * Math.max(...options.flows) + 4096);
  log(`  open-file limit: ${report.fdLimit.action}`);
  const guard = defaultGuardLimits();
  const runs: StormRun[] = (report.storm = []);
  const say = (r: StormRun): void =>
    log(
      `  ${r.server} N=${r.flows}: ${r.wallSeconds.toFixed(1)} s, p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms, ` +
        `${r.failures} failed, server CPU ${r.serverCpuMsPerFlow.toFixed(1)} ms/flow, ${r.rssPerFlowKiB.toFixed(0)} KiB/conn` +
        (r.aborted !== undefined ? ` (${r.aborted})` : ''),
    );
  for (const flows of options.flows) {
    const storm = { flows, workers: options.workers, guard };
    // The deadlines to negotiate and to log on as long as a flow may take (server-process.ts says why).
    const ours = await startOurs(tree, {
      deadlinesMs: flowTimeoutFor(flows),
      ...(options.backlog !== undefined && { backlog: options.backlog }),
    });
    try {
      runs.push(await runStorm({ name: 'pointprint', ...oursEndpoint(ours), printer: PRINTER, countFds: true }, storm));
    } finally {
      await stopServer(ours);
    }
    say(runs[runs.length - 1]!);
    const samba = await startSambaFor(tree, true);
    try {
      runs.push(await runStorm({ name: 'smbd', ...sambaEndpoint(samba), printer: PRINTER }, storm));
    } finally {
      await stopServer(samba);
    }
    say(runs[runs.length - 1]!);
  }
}

async function runBenchmark(
  name: Benchmark | 'profile',
  report: BenchReport,
  tables: string[],
  body: () => Promise<string | undefined>,
): Promise<void> {
  log(`${name}...`);
  try {
    const table = await body();
    if (table !== undefined) tables.push(table);
  } catch (err) {
    report.errors[name] = err instanceof Error ? err.message : String(err);
    log(`  ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

async function runAll(options: RunOptions, report: BenchReport, tables: string[]): Promise<void> {
  const quick = options.kind === 'quick';
  const size = quick ? 64 * 2 ** 20 : 256 * 2 ** 20;
  const tree = createPrintDollarTree(size);
  const profiles: Record<string, ProfileSummary> = {};
  const outDir = dirname(options.json);
  try {
    if (options.only.includes('throughput')) {
      await runBenchmark('throughput', report, tables, async () => {
        report.throughput = await withServers(tree, (ours, samba) =>
          runThroughput({
            ours: oursEndpoint(ours),
            samba: sambaEndpoint(samba),
            file: join(tree.dir, 'big.bin'),
            size,
            pairs: options.pairs ?? (quick ? 3 : 5),
            log,
            configs: selectThroughputConfigs(options.rows),
          }),
        );
        const t = report.throughput;
        return [throughputTable, throughputTransferTable, clientRatioTable].map((table) => table(t)).join('\n');
      });
      if (options.profile)
        await runBenchmark('profile', report, tables, async () => {
          profiles.throughput = await profileOurServer(
            tree,
            outDir,
            'throughput',
            'one download per dialect and client',
            (o) => throughputProfileWorkload(oursEndpoint(o), size, selectThroughputConfigs(options.rows)),
          );
          return undefined;
        });
    }
    if (options.only.includes('storm'))
      await runBenchmark('storm', report, tables, async () => {
        try {
          await runStorms(tree, options, report);
        } finally {
          if (report.storm?.length) tables.push(stormTable(report.storm));
        }
        return undefined;
      });
    if (options.only.includes('rpc')) {
      await runBenchmark('rpc', report, tables, async () => {
        report.rpc = await withServers(
          tree,
          (ours, samba) =>
            runRpcRate(
              { name: 'pointprint', ...oursEndpoint(ours), printer: PRINTER, rpcPort: ours.rpcPort },
              { name: 'smbd', ...sambaEndpoint(samba), printer: PRINTER },
              { seconds: quick ? 2 : 5, rounds: quick ? 1 : 3, log },
            ),
          true,
        );
        return `${rpcTable(report.rpc)}\n${rpcTcpTable(report.rpc)}`;
      });
      if (options.profile)
        await runBenchmark('profile', report, tables, async () => {
          profiles.rpc = await profileOurServer(
            tree,
            outDir,
            'rpc',
            'RpcEnumPrinterDataEx on 16 connections',
            async (o) => {
              await measureRate({ name: 'pointprint', ...oursEndpoint(o), printer: PRINTER }, 16, 5);
            },
          );
          return undefined;
        });
    }
    if (options.only.includes('pool'))
      await runBenchmark('pool', report, tables, async () => {
        report.pool = await runPoolDrainBench();
        return poolTable(report.pool);
      });
    if (options.only.includes('limits'))
      await runBenchmark('limits', report, tables, async () => {
        // The server's own default limits (1024 connections): what the attacks are measured against.
        report.limits = await runLimits(tree, () => startOurs(tree, { maxConnections: 1024 }), stopServer, log);
        return limitsTable(report.limits);
      });
  } finally {
    tree.remove();
    if (Object.keys(profiles).length) report.profiles = profiles;
  }
}

async function main(): Promise<void> {
  let options: RunOptions;
  try {
    options = parseArgs(process.argv.slice(2), REPO);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const problem = sambaProblem();
  if (problem) {
    process.stderr.write(`cannot compare with Samba: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const machine = describeMachine();
  const commit = describeCommit(REPO);
  const report: BenchReport = {
    date: new Date().toISOString(),
    kind: options.kind,
    machine,
    benchmarks: options.only,
    loadAtStart: loadAverage(),
    errors: {},
  };
  log(
    `pointprint bench (${options.kind}) on ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}, ` +
      `${machine.samba}; load average ${report.loadAtStart.join(' ')}`,
  );
  const tables: string[] = [];
  await runAll(options, report, tables);
  report.loadAtEnd = loadAverage();
  report.durationSeconds = (performance.now() - started) / 1000;
  log('');
  for (const t of tables) log(t);
  mkdirSync(dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify(report, null, 2) + '\n');
  log(`results written to ${options.json}`);

  const entry = createHistoryEntry(report, options, commit);
  const previous = options.compare
    ? previousOfKind(readHistory(options.history).entries, options.kind, options.only)
    : undefined;
  appendHistory(options.history, entry);
  log(`history: appended to ${options.history}`);
  if (options.compare)
    log(
      previous ? '\n' + formatComparison(previous, entry) : `\nno previous ${options.kind} run in ${options.history}`,
    );

  const problems = checkReport(report, options.flows, options.profile);
  if (problems.length) {
    process.stderr.write(`\nbench: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}\n`).join('')}`);
    process.exitCode = 1;
  } else log(`every benchmark ran and produced its figures (${report.durationSeconds.toFixed(0)} s)`);
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
