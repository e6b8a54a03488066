/**
 * `npm run bench`: pointprint against Samba's smbd on the same machine in the same run, reported
 * as ratios (absolute figures drift on shared machines).
 *
 *   node dist/bench/run.js [--quick] [--only throughput|storm|rpc] [--profile] [--json FILE]
 *
 * --quick runs a short version (64 MiB file, 3 pairs, storms up to 100, 2 s RPC windows) to check
 * that everything works; --profile adds a pass with our server under the V8 CPU profiler and
 * prints its top self-time functions. Everything runs on 127.0.0.1 and stops by itself: every
 * client call has a time limit and a watchdog ends the run after 40 minutes.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { summarizeCpuProfile, type ProfileSummary } from './cpu-profile';
import { describeMachine, type MachineInfo } from './machine';
import { createPrintDollarTree, type PrintDollarTree } from './print-dollar';
import { BENCH_USER, startPointprintServer, type PointprintServer } from './pointprint-server';
import { sambaProblem, startSamba, type SambaServer } from './samba';
import { round } from './stats';
import { formatTable, type Cell } from './table';
import { runThroughput, throughputProfileWorkload, type ThroughputResult } from './throughput';

type Benchmark = 'throughput' | 'storm' | 'rpc';
const BENCHMARKS: readonly Benchmark[] = ['throughput', 'storm', 'rpc'];

interface RunOptions {
  readonly quick: boolean;
  readonly only: readonly Benchmark[];
  readonly profile: boolean;
  readonly json: string;
}

const REPO = join(__dirname, '..', '..');
const WATCHDOG_MS = 40 * 60 * 1000;

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: run.js [--quick] [--only throughput|storm|rpc] [--profile] [--json FILE]\n`);
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
  profiles?: Record<string, ProfileSummary>;
}

const log = (line: string): void => void process.stdout.write(line + '\n');

/** Servers still running, stopped on exit whatever happens. */
const running = new Set<{ stop(): Promise<void> }>();

async function withServers<T>(
  tree: PrintDollarTree,
  body: (ours: PointprintServer, samba: SambaServer) => Promise<T>,
  oursOptions: { cpuProfileDir?: string } = {},
): Promise<T> {
  const ours = await startPointprintServer({ drivers: tree.dir, ...oursOptions });
  running.add(ours);
  let samba: SambaServer | undefined;
  try {
    samba = await startSamba({ printDollar: tree.dir, printers: ['HpColor'] });
    running.add(samba);
    return await body(ours, samba);
  } finally {
    await ours.stop();
    running.delete(ours);
    if (samba) {
      await samba.stop();
      running.delete(samba);
    }
  }
}

function oursEndpoint(s: PointprintServer): { port: number; user: string; password: string } {
  return { port: s.port, user: BENCH_USER.name, password: BENCH_USER.password };
}

function throughputTable(t: ThroughputResult): string {
  const rows: Cell[][] = [['TCP loopback copy (ceiling)', '-', round(t.tcpCeilingMedianMbps, 0), undefined, undefined]];
  const notes: string[] = [];
  for (const r of t.rows) {
    const mark = r.error !== undefined ? ` [${notes.push(r.error)}]` : '';
    rows.push([r.client, r.config + mark, round(r.oursMedianMbps, 0), round(r.sambaMedianMbps, 0), round(r.ratio, 2)]);
  }
  return (
    formatTable(
      `Throughput: ${t.fileBytes / 2 ** 20} MiB from PRINT$, median of ${t.pairs} alternating pairs (MB/s = 10^6 B/s)`,
      ['client', 'dialect', 'pointprint MB/s', 'smbd MB/s', 'ours/smbd'],
      rows,
    ) + notes.map((n, i) => `[${i + 1}] ${n}\n`).join('')
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
  name: string,
  workload: (ours: PointprintServer) => Promise<void>,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'pointprint-cpuprof-'));
  const ours = await startPointprintServer({ drivers: tree.dir, cpuProfileDir: dir });
  running.add(ours);
  try {
    await workload(ours);
  } finally {
    await ours.stop();
    running.delete(ours);
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  const summary = summarizeCpuProfile(join(dir, file), REPO, 15);
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
        runThroughput({ ours: oursEndpoint(ours), samba, file: join(tree.dir, 'big.bin'), size, pairs, log }),
      );
      tables.push(throughputTable(report.throughput));
      if (options.profile) {
        report.profiles = report.profiles ?? {};
        report.profiles.throughput = await profileOurServer(tree, 'one download per dialect and client', (ours) =>
          throughputProfileWorkload(oursEndpoint(ours), size),
        );
      }
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
