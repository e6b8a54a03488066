/**
 * The two servers of a run: ours (its own process) and smbd serving the same PRINT$ tree, with
 * HpColor given the same driver and CopyFiles\ICM key on both. Every server started here is
 * stopped on exit whatever happens (stopAll).
 */
import {
  BENCH_USER,
  startPointprintServer,
  type PointprintServer,
  type PointprintServerOptions,
} from './pointprint-server';
import { processesMatching, singleProcess, type ProcessSelector } from './memory';
import type { PrintDollarTree } from './print-dollar';
import { preparePointAndPrint, startSamba, type PointAndPrintSetup, type SambaServer } from './samba';

export const PRINTER = 'HpColor';

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

/** Servers still running. */
const running = new Set<{ stop(): Promise<void> }>();

export async function startOurs(
  tree: PrintDollarTree,
  options: Omit<PointprintServerOptions, 'drivers'> = {},
): Promise<PointprintServer> {
  const ours = await startPointprintServer({ drivers: tree.dir, ...options });
  running.add(ours);
  return ours;
}

/** smbd on the tree; with `prepare`, HpColor gets its driver and CopyFiles\ICM. */
export async function startSambaFor(tree: PrintDollarTree, prepare: boolean): Promise<SambaServer> {
  const samba = await startSamba({ printDollar: tree.dir, printers: [PRINTER] });
  running.add(samba);
  if (prepare) await preparePointAndPrint(samba, tree.dir, HPCOLOR);
  return samba;
}

export async function stopServer(s: { stop(): Promise<void> }): Promise<void> {
  await s.stop();
  running.delete(s);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop().catch(() => undefined)));
}

/** Both servers for the body, stopped after it. */
export async function withServers<T>(
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

export interface ServerEndpoint {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly processes: ProcessSelector;
}

export function oursEndpoint(s: PointprintServer): ServerEndpoint {
  return { port: s.port, user: BENCH_USER.name, password: BENCH_USER.password, processes: singleProcess(s.pid) };
}

export function sambaEndpoint(s: SambaServer): ServerEndpoint {
  return { port: s.port, user: s.user, password: s.password, processes: processesMatching(s.conf) };
}
