/**
 * Printer pool drain, in real time: N one-page jobs on a printer with one device, then on a
 * pool of k devices of the same speed (the course: a pool "divides by 2, 3 or 4" the time the
 * queue takes). Prints a table; `runPoolDrainBench()` returns the figures for `npm run bench`.
 *
 *   node dist/bench/pool-drain.js [--jobs 9] [--devices 3] [--ppm 300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../lib/common/logger';
import { DriverStore } from '../lib/drivers/driver-store';
import { ModuleRegistry } from '../lib/point-and-print/module-registry';
import { regDword, regSz } from '../lib/common/reg-value';
import { PRINTERS_KEY } from '../lib/registry/registry-key';
import { AccessMask } from '../lib/spoolss/constants';
import { DEFAULT_FIXTURE_DIR, loadFixture } from '../lib/spooler/fixture';
import { PrintServer } from '../lib/spooler/print-server';
import type { CallerContext } from '../lib/spoolss/types';

export interface PoolDrainOptions {
  readonly jobs?: number;
  readonly devices?: number;
  /** Pages per minute of every device (300 = 200 ms a page). */
  readonly ppm?: number;
}

export interface PoolDrainResult {
  readonly jobs: number;
  readonly devices: number;
  readonly ppm: number;
  readonly singleMs: number;
  readonly poolMs: number;
  readonly speedup: number;
}

const BENCH_CALLER: CallerContext = { userName: 'bench', groups: ['Users'], isAdministrator: false, remote: false };

async function drain(printer: string, ports: string[], jobs: number, ppm: number): Promise<number> {
  const fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
  const key = fixture.registry.createKey(`${PRINTERS_KEY}\\${printer}`);
  key.setValue(regSz('Name', printer));
  key.setValue(regSz('Port', ports.join(',')));
  key.setValue(regSz('Printer Driver', 'HP Color LaserJet 4500 PCL'));
  key.setValue(regDword('Attributes', 0x40));
  const portsKey = fixture.registry.createKey(
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports',
  );
  for (const p of ports) portsKey.setValue(regSz(p, ''));
  const state = mkdtempSync(join(tmpdir(), 'pp-bench-pool-'));
  const server = await PrintServer.create({
    registry: fixture.registry,
    driverStore: await DriverStore.open(fixture.driversRoot),
    settings: { serverName: fixture.settings.serverName },
    modules: ModuleRegistry.withBuiltins(),
    stateDir: state,
    logger: createSilentLogger(),
    printing: { devices: { '*': { ppm } } },
  });
  try {
    const start = performance.now();
    for (let i = 0; i < jobs; i++) {
      const h = await server.openPrinter(printer, { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, BENCH_CALLER);
      await server.startDocPrinter(h, { documentName: `bench ${i}` });
      await server.writePrinter(h, Buffer.from(`job ${i}\f`));
      await server.endDocPrinter(h);
      await server.closePrinter(h);
    }
    while (server.queue.all().length > 0) await new Promise((r) => setTimeout(r, 5));
    return performance.now() - start;
  } finally {
    await server.close();
    rmSync(state, { recursive: true, force: true });
  }
}

export async function runPoolDrainBench(options: PoolDrainOptions = {}): Promise<PoolDrainResult> {
  const jobs = options.jobs ?? 9;
  const devices = options.devices ?? 3;
  const ppm = options.ppm ?? 300;
  const singleMs = await drain('BenchSingle', ['LPT9:'], jobs, ppm);
  const poolMs = await drain(
    'BenchPool',
    Array.from({ length: devices }, (_, i) => `LPT${i + 1}:`),
    jobs,
    ppm,
  );
  return { jobs, devices, ppm, singleMs, poolMs, speedup: singleMs / poolMs };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function main(): Promise<void> {
  const r = await runPoolDrainBench({ jobs: arg('jobs', 9), devices: arg('devices', 3), ppm: arg('ppm', 300) });
  const rows = [
    ['printer', 'devices', 'jobs', 'ppm', 'drain (ms)'],
    ['single', '1', String(r.jobs), String(r.ppm), r.singleMs.toFixed(0)],
    ['pool', String(r.devices), String(r.jobs), String(r.ppm), r.poolMs.toFixed(0)],
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  const lines = rows.map((row) => row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  '));
  process.stdout.write(`${lines.join('\n')}\nspeed-up ${r.speedup.toFixed(2)}x (ideal ${r.devices}x)\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  });
}
