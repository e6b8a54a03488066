/**
 * PrintServer: the local print provider (Windows' localspl) over a registry and a drivers store.
 * Printers, drivers, ports, monitors and forms are read from the registry in Windows' own layout
 * (HKLM\SYSTEM\CurrentControlSet\Control\Print\...); printer data keys are the subkeys of the
 * printer's key (PrinterDriverData, DsSpooler, CopyFiles\ICM, ...). Errors are Win32Error with
 * the code Windows returns. The rpc layer (lib/rpc/rprn) serves this object on \pipe\spoolss.
 *
 * Names returned to a remote caller carry the server name as that caller wrote it:
 * `\\NTPRINT\HpColor`, driver files `\\NTPRINT\print$\x64\3\unidrv.dll` (what Samba returns;
 * Windows' own form for remote callers is undocumented), SourceDir `\\NTPRINT\PRINT$\Color`.
 */
import path from 'node:path';
import { systemClock, type SpoolerClock } from '../common/clock';
import { createSilentLogger, type Logger } from '../common/logger';
import type { RegValue } from '../common/reg-value';
import type { DeviceSnapshot } from '../devices/print-device';
import type { DriverStore } from '../drivers/driver-store';
import type { Registry } from '../registry/registry-key';
import type { PrintProvider, SetJobFields } from '../spoolss/print-provider';
import type {
  CallerContext,
  DocInfo,
  DriverInfo,
  FormInfo,
  GetPrinterDriverResult,
  JobInfo,
  MonitorInfo,
  OpenPrinterOptions,
  PortInfo,
  PrinterChange,
  PrinterHandle,
  PrinterInfo,
  PrintProcessorInfo,
} from '../spoolss/types';
import { serverStatus, type ServerStatus } from './control/status-view';
import { Drivers } from './drivers/drivers';
import { PrintProcessors } from './drivers/print-processors';
import { Forms } from './forms/forms';
import { PrinterHandles } from './handles/printer-handles';
import { PrinterSecurityStore, type PrinterAcl } from './handles/printer-security';
import { Jobs } from './jobs/jobs';
import { PrintQueue, type RecoveryReport } from './jobs/print-queue';
import type { PrintServerOptions } from './print-server-options';
import { Ports } from './ports/ports';
import { PrinterData } from './printer-data/printer-data';
import { Printers } from './printers/printers';
import { printerNameOf, PrinterTable } from './printers/printer-table';
import { Printing, type DeviceAction, type PortDevice } from './printing/printing';
import { SeparatorPages } from './printing/separator-pages';
import { PrintEventLog } from './services/event-log';
import { UsageStats } from './services/usage-stats';

export type { PrintingOptions, PrintServerOptions, PrintServerSettings } from './print-server-options';
export type { DeviceAction, PortDevice } from './printing/printing';
export type { PrinterStatusView, ServerStatus } from './control/status-view';

export class PrintServer implements PrintProvider {
  readonly security = new PrinterSecurityStore();
  private readonly logger: Logger;
  private readonly printerTable: PrinterTable;
  private readonly handles: PrinterHandles;
  private readonly ports: Ports;
  readonly clock: SpoolerClock;
  readonly events: PrintEventLog;
  readonly usage: UsageStats;
  private readonly printing: Printing;
  private readonly jobs: Jobs;
  private readonly drivers: Drivers;
  private readonly printProcessors: PrintProcessors;
  private readonly forms: Forms;
  private readonly printerData: PrinterData;
  private readonly printers: Printers;
  /** What the last start found in the spool folder. */
  recovery: RecoveryReport | undefined;

  private constructor(
    private readonly options: PrintServerOptions,
    readonly queue: PrintQueue,
    logger: Logger,
    clock: SpoolerClock,
  ) {
    this.logger = logger;
    this.clock = clock;
    this.events = new PrintEventLog(options.stateDir, () => clock.now(), logger);
    this.usage = new UsageStats(options.stateDir);
    this.printerTable = new PrinterTable(options.registry);
    this.ports = new Ports({ registry: options.registry, settings: options.settings });
    const systemDir = options.systemDir ?? (options.fixture && path.join(options.fixture.dir, 'System32'));
    this.printing = new Printing({
      printers: this.printerTable,
      ports: this.ports,
      queue,
      separators: new SeparatorPages({
        printers: this.printerTable,
        clock,
        logger,
        ...(systemDir !== undefined && { systemDir }),
      }),
      security: this.security,
      events: this.events,
      usage: this.usage,
      clock,
      logger,
      ...(options.stateDir !== undefined && { stateDir: options.stateDir }),
    });
    this.handles = new PrinterHandles({
      settings: options.settings,
      printers: this.printerTable,
      queue,
      security: this.security,
      logger,
    });
    this.drivers = new Drivers({
      registry: options.registry,
      driverStore: options.driverStore,
      settings: options.settings,
      handles: this.handles,
      printers: this.printerTable,
      logger,
    });
    this.printProcessors = new PrintProcessors({
      registry: options.registry,
      settings: options.settings,
      drivers: this.drivers,
    });
    this.printerData = new PrinterData({
      registry: options.registry,
      handles: this.handles,
      printers: this.printerTable,
      modules: options.modules,
      ...(options.trace !== undefined && { trace: options.trace }),
      logger,
    });
    this.forms = new Forms({ registry: options.registry, handles: this.handles });
    this.jobs = new Jobs({
      handles: this.handles,
      printers: this.printerTable,
      queue,
      security: this.security,
      printing: this.printing,
      events: this.events,
      logger,
    });
    this.printers = new Printers({
      settings: options.settings,
      printers: this.printerTable,
      handles: this.handles,
      security: this.security,
      queue,
      jobs: this.jobs,
      drivers: this.drivers,
      printing: this.printing,
      events: this.events,
      clock,
      logger,
    });
  }

  static async create(options: PrintServerOptions): Promise<PrintServer> {
    const logger = (options.logger ?? createSilentLogger()).child({ component: 'spooler' });
    const clock = options.clock ?? systemClock;
    const queue = await PrintQueue.create(options.stateDir, logger, () => clock.now());
    const server = new PrintServer(options, queue, logger, clock);
    for (const [printer, acl] of Object.entries(options.settings.printerSecurity ?? {})) {
      const key = server.printerTable.find(printer);
      // A fixture's server.json may be reused with another registry (crafted servers): warn, go on.
      if (!key) {
        logger.warn('printerSecurity names no printer of this server', { printer });
        continue;
      }
      server.security.set(printerNameOf(key), acl);
    }
    if (options.stateDir !== undefined) server.recovery = await server.jobs.recover();
    if (options.printing) await server.printing.start(options.printing, server.recovery);
    logger.info('print server created', {
      server: options.settings.serverName,
      fixture: options.fixture?.dir ?? '(in memory)',
    });
    return server;
  }

  /** Resolves when the dispatcher has nothing in flight (virtual-clock tests settle on it). */
  whenIdle(): Promise<void> {
    return this.printing.whenIdle();
  }

  /** The devices behind a printer's ports, in port order. */
  devicesOf(printerName: string): PortDevice[] {
    return this.printing.devicesOf(printerName);
  }

  /** `pointprint device`: a fault, a cleared fault or a speed for a printer's device (Manage Printer). */
  controlDevice(
    printerName: string,
    portName: string | undefined,
    action: DeviceAction,
    caller: CallerContext,
  ): Promise<DeviceSnapshot> {
    return this.printing.controlDevice(printerName, portName, action, caller);
  }

  /** `pointprint status`: printers, queues, devices and supplies, usage and the newest events. */
  statusSnapshot(recentEvents = 20): ServerStatus {
    return serverStatus(
      {
        serverName: this.serverName,
        clock: this.clock,
        table: this.printerTable,
        printers: this.printers,
        jobs: this.jobs,
        printing: this.printing,
        usage: this.usage,
        events: this.events,
      },
      recentEvents,
    );
  }

  get serverName(): string {
    return this.options.settings.serverName;
  }

  get registry(): Registry {
    return this.options.registry;
  }

  get driverStore(): DriverStore {
    return this.options.driverStore;
  }

  /** Replaces a printer's ACL (Security tab); printers without one have Windows' default. */
  setPrinterAcl(printerName: string, acl: PrinterAcl): void {
    this.printers.setPrinterAcl(printerName, acl);
  }

  // ---- handles ---------------------------------------------------------------------------

  async openPrinter(
    name: string | undefined,
    options: OpenPrinterOptions,
    caller: CallerContext,
  ): Promise<PrinterHandle> {
    await Promise.resolve();
    return this.handles.openPrinter(name, options, caller);
  }

  async closePrinter(handle: PrinterHandle): Promise<void> {
    await this.jobs.closeDocument(handle);
    this.handles.forget(handle);
  }

  /** Closes every handle and stops the devices; spool files already written stay in the state directory. */
  async close(): Promise<void> {
    for (const state of this.handles.all()) await this.closePrinter(state.handle);
    await this.printing.close();
    // Nothing may write into the state directory once close() returns: callers remove it.
    this.events.close();
    this.usage.close();
  }

  /** Open handles (for diagnostics and tests). */
  get openHandleCount(): number {
    return this.handles.count;
  }

  // ---- printers --------------------------------------------------------------------------

  enumPrinters(flags: number, name: string | undefined, caller: CallerContext): Promise<PrinterInfo[]> {
    return answer(() => this.printers.enumPrinters(flags, name, caller));
  }

  getPrinter(handle: PrinterHandle): Promise<PrinterInfo> {
    return answer(() => this.printers.getPrinter(handle));
  }

  setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    return this.printers.setPrinter(handle, change);
  }

  // ---- drivers ---------------------------------------------------------------------------

  enumPrinterDrivers(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<DriverInfo[]> {
    return answer(() => this.drivers.enumPrinterDrivers(serverName, environment, caller));
  }

  getPrinterDriver(
    handle: PrinterHandle,
    environment: string,
    clientMajorVersion: number,
  ): Promise<GetPrinterDriverResult> {
    return answer(() => this.drivers.getPrinterDriver(handle, environment, clientMajorVersion));
  }

  getPrinterDriverDirectory(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string> {
    return answer(() => this.drivers.getPrinterDriverDirectory(serverName, environment, caller));
  }

  addPrinterDriver(
    serverName: string | undefined,
    driver: DriverInfo,
    fileCopyFlags: number,
    caller: CallerContext,
  ): Promise<void> {
    return this.drivers.addPrinterDriver(serverName, driver, fileCopyFlags, caller);
  }

  // ---- printer data ----------------------------------------------------------------------

  enumPrinterKey(handle: PrinterHandle, keyName: string): Promise<string[]> {
    return answer(() => this.printerData.enumPrinterKey(handle, keyName));
  }

  enumPrinterDataEx(handle: PrinterHandle, keyName: string): Promise<RegValue[]> {
    return this.printerData.enumPrinterDataEx(handle, keyName);
  }

  getPrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<RegValue> {
    return answer(() => this.printerData.getPrinterDataEx(handle, keyName, valueName));
  }

  setPrinterDataEx(handle: PrinterHandle, keyName: string, value: RegValue): Promise<void> {
    return this.printerData.setPrinterDataEx(handle, keyName, value);
  }

  deletePrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<void> {
    return this.printerData.deletePrinterDataEx(handle, keyName, valueName);
  }

  deletePrinterKey(handle: PrinterHandle, keyName: string): Promise<void> {
    return answer(() => this.printerData.deletePrinterKey(handle, keyName));
  }

  // ---- forms, ports, monitors, print processors ------------------------------------------

  enumForms(handle: PrinterHandle): Promise<FormInfo[]> {
    return answer(() => this.forms.enumForms(handle));
  }

  getForm(handle: PrinterHandle, formName: string): Promise<FormInfo> {
    return answer(() => this.forms.getForm(handle, formName));
  }

  enumPorts(serverName: string | undefined, _caller: CallerContext): Promise<PortInfo[]> {
    return answer(() => this.ports.enumPorts(serverName));
  }

  enumMonitors(serverName: string | undefined, _caller: CallerContext): Promise<MonitorInfo[]> {
    return answer(() => this.ports.enumMonitors(serverName));
  }

  enumPrintProcessors(
    serverName: string | undefined,
    environment: string,
    _caller: CallerContext,
  ): Promise<PrintProcessorInfo[]> {
    return answer(() => this.printProcessors.enumPrintProcessors(serverName, environment));
  }

  // ---- jobs ------------------------------------------------------------------------------

  startDocPrinter(handle: PrinterHandle, doc: DocInfo): Promise<number> {
    return this.jobs.startDocPrinter(handle, doc);
  }

  startPagePrinter(handle: PrinterHandle): Promise<void> {
    return answer(() => this.jobs.startPagePrinter(handle));
  }

  writePrinter(handle: PrinterHandle, data: Buffer): Promise<number> {
    return this.jobs.writePrinter(handle, data);
  }

  endPagePrinter(handle: PrinterHandle): Promise<void> {
    return answer(() => this.jobs.endPagePrinter(handle));
  }

  endDocPrinter(handle: PrinterHandle): Promise<void> {
    return this.jobs.endDocPrinter(handle);
  }

  abortPrinter(handle: PrinterHandle): Promise<void> {
    return this.jobs.abortPrinter(handle);
  }

  enumJobs(handle: PrinterHandle, firstJob: number, count: number): Promise<JobInfo[]> {
    return answer(() => this.jobs.enumJobs(handle, firstJob, count));
  }

  getJob(handle: PrinterHandle, jobId: number): Promise<JobInfo> {
    return answer(() => this.jobs.getJob(handle, jobId));
  }

  setJob(handle: PrinterHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void> {
    return this.jobs.setJob(handle, jobId, command, fields);
  }

  // ---- internals -------------------------------------------------------------------------
}

/**
 * A synchronous room's answer as the provider's promise: what the room throws (a Win32Error)
 * becomes the rejection, as it would from an async method.
 */
function answer<T>(call: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}
