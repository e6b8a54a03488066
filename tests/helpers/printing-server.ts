/**
 * A print server with emulated devices on a virtual clock, for the scheduling tests: the test
 * registry (test-print-server.ts) plus a pool printer `Pool3` on LPT1:,LPT2:,LPT3: and a
 * single-device printer `Single` on LPT4:.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../lib/common/logger';
import { DriverStore } from '../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../lib/point-and-print/module-registry';
import { regDword, regSz } from '../../lib/common/reg-value';
import { PRINTERS_KEY, type Registry } from '../../lib/registry/registry-key';
import { VirtualClock } from '../../lib/common/clock';
import { AccessMask } from '../../lib/spoolss/constants';
import { PrintServer, type PrintingOptions } from '../../lib/spooler/print-server';
import type { CallerContext } from '../../lib/spoolss/types';
import { buildDriversRoot, buildRegistry, DRIVER_NAME } from './test-print-server';

export function addPrinter(r: Registry, name: string, ports: string, extra: Record<string, number> = {}): void {
  const k = r.createKey(`${PRINTERS_KEY}\\${name}`);
  k.setValue(regSz('Name', name));
  k.setValue(regSz('Share Name', name));
  k.setValue(regSz('Port', ports));
  k.setValue(regSz('Printer Driver', DRIVER_NAME));
  k.setValue(regDword('Attributes', 0x48));
  k.setValue(regDword('Priority', 1));
  for (const [n, v] of Object.entries(extra)) k.setValue(regDword(n, v));
  const ports0 = r.createKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports');
  for (const p of ports.split(',')) ports0.setValue(regSz(p, ''));
}

export interface PrintingServer {
  readonly server: PrintServer;
  readonly clock: VirtualClock;
  readonly registry: Registry;
  readonly stateDir: string;
  readonly outputDir: string;
}

export async function createPrintingServer(
  options: {
    readonly stateDir?: string;
    readonly clock?: VirtualClock;
    readonly printing?: PrintingOptions;
    readonly configure?: (r: Registry) => void;
  } = {},
): Promise<PrintingServer> {
  const registry = buildRegistry();
  addPrinter(registry, 'Pool3', 'LPT1:,LPT2:,LPT3:');
  addPrinter(registry, 'Single', 'LPT4:');
  options.configure?.(registry);
  const stateDir = options.stateDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'pp-print-')));
  const clock = options.clock ?? new VirtualClock();
  const server = await PrintServer.create({
    registry,
    driverStore: await DriverStore.open(await buildDriversRoot()),
    settings: { serverName: 'NTPRINT' },
    modules: ModuleRegistry.withBuiltins(),
    stateDir,
    clock,
    logger: createSilentLogger(),
    printing: { devices: { '*': { ppm: 6 } }, ...options.printing },
  });
  clock.addSettler(() => server.whenIdle());
  return { server, clock, registry, stateDir, outputDir: path.join(stateDir, 'OUTPUT') };
}

/** StartDocPrinter / WritePrinter / EndDocPrinter as `caller`; returns the job id. */
export async function submit(
  server: PrintServer,
  printer: string,
  caller: CallerContext,
  documentName: string,
  data: string | Buffer = 'page\f',
): Promise<number> {
  const h = await server.openPrinter(
    `\\\\NTPRINT\\${printer}`,
    { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
    caller,
  );
  const jobId = await server.startDocPrinter(h, { documentName });
  await server.writePrinter(h, Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'));
  await server.endDocPrinter(h);
  await server.closePrinter(h);
  return jobId;
}

/** Simulated ms at which each 307 event was written, by job id. */
export function printedTimes(server: PrintServer, t0: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of server.events.recent(undefined, 307)) out.set(Number(e.data.jobId), Date.parse(e.time) - t0);
  return out;
}
