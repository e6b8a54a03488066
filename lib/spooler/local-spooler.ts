/**
 * One local spooler's parts, wired together once (what localspl keeps for a spooler in its
 * INISPOOLER): the printer table, the services (event log, usage statistics), and the rooms,
 * each given the table, services and other rooms it calls. PrintServer routes provider calls
 * to these rooms; no room reaches another through it.
 */
import path from 'node:path';
import { systemClock, type SpoolerClock } from '../common/clock';
import { createSilentLogger, type Logger } from '../common/logger';
import { DriverPackages } from './drivers/driver-packages';
import { Drivers } from './drivers/drivers';
import { PrintProcessors } from './drivers/print-processors';
import { Forms } from './forms/forms';
import { PrinterHandles } from './handles/printer-handles';
import { PrinterSecurityStore, securityValue } from './handles/printer-security-store';
import { Jobs } from './jobs/jobs';
import { PrintQueue, type RecoveryReport } from './jobs/print-queue';
import { PrinterChangeRoom } from './notifications/printer-change-room';
import type { PrintServerOptions } from './print-server-options';
import { PortAdmin } from './ports/port-admin';
import { Ports } from './ports/ports';
import { XcvMonitors } from './ports/xcv-monitors';
import { PrinterData } from './printer-data/printer-data';
import { Printers } from './printers/printers';
import { PrinterTable } from './printers/printer-table';
import { encodePrinterSecurityDescriptor, SidResolver } from './handles/printer-security-descriptor';
import { Printing } from './printing/printing';
import { SeparatorPages } from './printing/separator-pages';
import { PrintEventLog } from './services/event-log';
import { RegistryStore } from './services/registry-store';
import { UsageStats } from './services/usage-stats';
import type { PrinterHandle } from '../spoolss/types';

export interface LocalSpooler {
  readonly logger: Logger;
  readonly clock: SpoolerClock;
  readonly events: PrintEventLog;
  readonly usage: UsageStats;
  readonly security: PrinterSecurityStore;
  readonly queue: PrintQueue;
  /** Printer and job changes, for the notification clients. */
  readonly changes: PrinterChangeRoom;
  readonly table: PrinterTable;
  readonly handles: PrinterHandles;
  readonly ports: Ports;
  /** The port monitors' XcvData commands (ports added, changed and deleted over the wire). */
  readonly xcv: XcvMonitors;
  readonly printing: Printing;
  readonly jobs: Jobs;
  readonly drivers: Drivers;
  readonly driverPackages: DriverPackages;
  readonly printProcessors: PrintProcessors;
  readonly forms: Forms;
  readonly printerData: PrinterData;
  readonly printers: Printers;
  /** The registry in the state folder, rewritten after each change. */
  readonly store: RegistryStore;
  /** What the start found in the spool folder (with a state directory). */
  readonly recovery: RecoveryReport | undefined;
}

/**
 * Builds the spooler, gives the printers of server.json their ACLs, reloads the spool folder
 * and, with printing options, attaches the devices and starts dispatching.
 */
export async function startLocalSpooler(options: PrintServerOptions): Promise<LocalSpooler> {
  const { registry, settings, stateDir } = options;
  const logger = (options.logger ?? createSilentLogger()).child({ component: 'spooler' });
  const clock = options.clock ?? systemClock;
  // What was administered over the wire before a restart replaces the fixture's registry.
  const store = new RegistryStore(registry, stateDir, logger);
  await store.load();
  const changes = new PrinterChangeRoom(logger);
  const queue = await PrintQueue.create(stateDir, logger, () => clock.now(), changes);
  const events = new PrintEventLog(stateDir, () => clock.now(), logger);
  const usage = new UsageStats(stateDir, logger);
  const table = new PrinterTable(registry);
  const sids = new SidResolver(settings.serverName, settings.users ?? []);
  const security = new PrinterSecurityStore({ registry, printers: table, sids, logger });
  const ports = new Ports({ registry, settings });
  const systemDir = options.systemDir ?? (options.fixture && path.join(options.fixture.dir, 'System32'));
  const separators = new SeparatorPages({
    printers: table,
    clock,
    logger,
    ...(systemDir !== undefined && { systemDir }),
  });
  const printing = new Printing({
    printers: table,
    ports,
    queue,
    separators,
    security,
    events,
    usage,
    clock,
    logger,
    serverName: settings.serverName,
    changes,
    ...(stateDir !== undefined && { stateDir }),
  });
  const xcv = new XcvMonitors({ registry, admin: new PortAdmin({ registry, ports, printers: table }) });
  const handles = new PrinterHandles({
    settings,
    printers: table,
    queue,
    security,
    logger,
    xcvTarget: (kind, name) => xcvTarget(kind, name, ports, xcv),
  });
  const drivers = new Drivers({
    registry,
    driverStore: options.driverStore,
    settings,
    handles,
    printers: table,
    logger,
  });
  const jobs = new Jobs({ handles, printers: table, queue, security, printing, events, logger });
  const printProcessors = new PrintProcessors({ registry, settings, drivers });
  const spooler = {
    logger,
    clock,
    events,
    usage,
    security,
    queue,
    changes,
    table,
    handles,
    ports,
    xcv,
    printing,
    jobs,
    drivers,
    driverPackages: new DriverPackages({ registry, driverStore: options.driverStore, settings, drivers, logger }),
    printProcessors,
    forms: new Forms({ registry, handles, events }),
    printerData: new PrinterData({
      registry,
      handles,
      printers: table,
      modules: options.modules,
      ...(options.trace !== undefined && { trace: options.trace }),
      logger,
    }),
    printers: new Printers({
      settings,
      printers: table,
      handles,
      security,
      sids,
      queue,
      jobs,
      drivers,
      ports,
      printProcessors,
      printing,
      events,
      clock,
      logger,
    }),
  };
  // The registry is the descriptors' one place: server.json's printerSecurity becomes the
  // printer's `Security` value, unless the registry already has one (set over the wire, kept in
  // the state). Each ACL is encoded even then, so that its trustees get the same SIDs as before.
  for (const [printer, acl] of Object.entries(settings.printerSecurity ?? {})) {
    const descriptor = encodePrinterSecurityDescriptor(acl, sids);
    const key = table.find(printer);
    // A fixture's server.json may be reused with another registry (crafted servers): warn, go on.
    if (!key) logger.warn('printerSecurity names no printer of this server', { printer });
    else if (!key.getValue('Security')) key.setValue(securityValue(descriptor));
  }
  // The state folder's registry.reg exists from the start (pointprint export reads it).
  store.changed();
  const recovery = stateDir !== undefined ? await jobs.recover() : undefined;
  if (options.printing) await printing.start(options.printing, recovery);
  return { ...spooler, store, recovery };
}

/** `,XcvMonitor m` reaches monitor m; `,XcvPort p` the monitor that has port p (when it answers XcvData). */
function xcvTarget(kind: 'monitor' | 'port', name: string, ports: Ports, xcv: XcvMonitors): PrinterHandle['xcv'] {
  if (kind === 'monitor') {
    const monitor = ports.enumMonitors(undefined).find((m) => m.name.toLowerCase() === name.toLowerCase());
    return monitor && xcv.knows(monitor.name) ? { monitor: monitor.name } : undefined;
  }
  const monitor = ports.monitorOf(name);
  return monitor !== undefined && xcv.knows(monitor) ? { monitor, port: name } : undefined;
}
