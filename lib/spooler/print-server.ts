/**
 * PrintServer: the local print provider (Windows' localspl) over a registry and a drivers store.
 * It is a facade: each PrintProvider call goes to the room that owns it, wired together in
 * local-spooler.ts, and the rpc layer (lib/rpc/rprn) serves it on \pipe\spoolss.
 *
 *   handles/       OpenPrinter, the state of open handles, access checks, printer security
 *   printers/      EnumPrinters, GetPrinter, SetPrinter; the printer table; PRINTER_INFO
 *   drivers/       EnumPrinterDrivers, GetPrinterDriver2, GetPrinterDriverDirectory,
 *                  AddPrinterDriverEx; EnumPrintProcessors
 *   printer-data/  EnumPrinterKey, Enum/Get/Set/DeletePrinterDataEx (with the server's CopyFiles
 *                  step), DeletePrinterKey; the server handle's values
 *   forms/         EnumForms, GetForm
 *   ports/         EnumPorts, EnumMonitors; the port monitors that reach the devices
 *   jobs/          StartDocPrinter ... EndDocPrinter, EnumJobs, GetJob, SetJob; the queue and its
 *                  spool files
 *   printing/      the scheduler, pools, hours, separator pages, device control
 *   services/      the event log and usage statistics the rooms write to
 *   control/       the status view and the local control channel (`pointprint status` ...)
 *
 * Everything is read from the registry in Windows' own layout (HKLM\SYSTEM\CurrentControlSet\
 * Control\Print\...). Errors are Win32Error with the code Windows returns. Names returned to a
 * remote caller carry the server name as that caller wrote it.
 */
import type { SpoolerClock } from '../common/clock';
import type { RegValue } from '../common/reg-value';
import type { DriverStore } from '../drivers/driver-store';
import type { Registry } from '../registry/registry-key';
import { AccessMask } from '../spoolss/constants';
import type { PrintProvider, SetJobFields } from '../spoolss/print-provider';
import { PrinterChangeFlag } from '../spoolss/printer-notify';
import type {
  CallerContext,
  DocInfo,
  DriverInfo,
  FormInfo,
  GetPrinterDriverResult,
  JobInfo,
  NewPrinter,
  MonitorInfo,
  OpenPrinterOptions,
  PortInfo,
  PrinterChange,
  PrinterHandle,
  PrinterInfo,
  PrintProcessorInfo,
} from '../spoolss/types';
import { serverStatus, type ServerStatus } from './control/status-view';
import type { PrinterAcl, PrinterSecurityStore } from './handles/printer-security';
import type { PrintQueue, RecoveryReport } from './jobs/print-queue';
import type { PrinterChangeRoom } from './notifications/printer-change-room';
import { startLocalSpooler, type LocalSpooler } from './local-spooler';
import type { PrintServerOptions } from './print-server-options';
import { createSpoolerExtras, type SpoolerExtrasRooms } from './spooler-extras-rooms';
import type { ControlledDevice, DeviceAction, PortDevice } from './printing/printing';
import type { PrintEventLog } from './services/event-log';
import type { UsageStats } from './services/usage-stats';

export type { PrintingOptions, PrintServerOptions, PrintServerSettings } from './print-server-options';
export type { ControlledDevice, DeviceAction, PortDevice } from './printing/printing';
export type { PrinterStatusView, ServerStatus } from './control/status-view';

export class PrintServer implements PrintProvider {
  readonly security: PrinterSecurityStore;
  readonly clock: SpoolerClock;
  readonly events: PrintEventLog;
  readonly usage: UsageStats;
  readonly queue: PrintQueue;
  /** Printer and job changes as they happen ([MS-RPRN] 3.1.1 List of Notification Clients). */
  readonly changes: PrinterChangeRoom;
  /** What the last start found in the spool folder. */
  recovery: RecoveryReport | undefined;
  // The less common methods, each in its own room (spooler-extras-rooms.ts).
  readonly jobNamedProperties: SpoolerExtrasRooms['jobNamedProperties'];
  readonly printerIcs: SpoolerExtrasRooms['printerIcs'];
  readonly branchOfficeLog: SpoolerExtrasRooms['branchOfficeLog'];
  readonly publishing: SpoolerExtrasRooms['publishing'];
  readonly perMachineConnections: SpoolerExtrasRooms['perMachineConnections'];
  readonly bidi: SpoolerExtrasRooms['bidi'];

  private constructor(
    private readonly options: PrintServerOptions,
    private readonly spl: LocalSpooler,
  ) {
    this.security = spl.security;
    this.clock = spl.clock;
    this.events = spl.events;
    this.usage = spl.usage;
    this.queue = spl.queue;
    this.changes = spl.changes;
    this.recovery = spl.recovery;
    ({
      jobNamedProperties: this.jobNamedProperties,
      printerIcs: this.printerIcs,
      branchOfficeLog: this.branchOfficeLog,
      publishing: this.publishing,
      perMachineConnections: this.perMachineConnections,
      bidi: this.bidi,
    } = createSpoolerExtras(spl, options));
  }

  static async create(options: PrintServerOptions): Promise<PrintServer> {
    const spooler = await startLocalSpooler(options);
    spooler.logger.info('print server created', {
      server: options.settings.serverName,
      fixture: options.fixture?.dir ?? '(in memory)',
    });
    return new PrintServer(options, spooler);
  }

  /** Resolves when the dispatcher has nothing in flight (virtual-clock tests settle on it). */
  whenIdle(): Promise<void> {
    return this.spl.printing.whenIdle();
  }

  /** The devices behind a printer's ports, in port order. */
  devicesOf(printerName: string): PortDevice[] {
    return this.spl.printing.devicesOf(printerName);
  }

  /** `pointprint device`: a fault, a cleared fault, a speed or the SNMP agent of a printer's device (Manage Printer). */
  controlDevice(
    printerName: string,
    portName: string | undefined,
    action: DeviceAction,
    caller: CallerContext,
  ): Promise<ControlledDevice> {
    return this.spl.printing.controlDevice(printerName, portName, action, caller);
  }

  /** `pointprint status`: printers, queues, devices and supplies, usage and the newest events. */
  statusSnapshot(recentEvents = 20): ServerStatus {
    return serverStatus({ ...this.spl, serverName: this.serverName }, recentEvents);
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
    this.spl.printers.setPrinterAcl(printerName, acl);
    this.spl.store.changed();
  }

  /** Resolves once every change made so far is written to the state folder's registry. */
  whenSaved(): Promise<void> {
    return this.spl.store.flush();
  }

  /** A change over the wire: the registry is saved after it, whether it succeeded or not (a part may be written). */
  private saved<T>(change: Promise<T>): Promise<T> {
    return change.finally(() => this.spl.store.changed());
  }

  // ---- handles ---------------------------------------------------------------------------

  openPrinter(name: string | undefined, options: OpenPrinterOptions, caller: CallerContext): Promise<PrinterHandle> {
    return answer(() => this.spl.handles.openPrinter(name, options, caller));
  }

  async closePrinter(handle: PrinterHandle): Promise<void> {
    await this.spl.jobs.closeDocument(handle);
    this.spl.handles.forget(handle);
  }

  /**
   * Closes every handle and stops the devices; spool files already written stay in the state
   * directory. Writes in flight finish; nothing writes into the state directory once close()
   * returns (callers may remove it).
   */
  async close(): Promise<void> {
    for (const state of this.spl.handles.all()) {
      await this.closePrinter(state.handle).catch((err: unknown) =>
        this.spl.logger.warn('a handle did not close cleanly', {
          error: err instanceof Error ? err.message : String(err),
        }),
      );
    }
    await this.spl.printing.close();
    await this.spl.queue.close();
    await this.events.close();
    await this.usage.close();
    await this.spl.store.close();
  }

  /** Open handles (for diagnostics and tests). */
  get openHandleCount(): number {
    return this.spl.handles.count;
  }

  // ---- printers --------------------------------------------------------------------------

  enumPrinters(flags: number, name: string | undefined, caller: CallerContext): Promise<PrinterInfo[]> {
    return answer(() => this.spl.printers.enumPrinters(flags, name, caller));
  }

  getPrinter(handle: PrinterHandle): Promise<PrinterInfo> {
    return answer(() => this.spl.printers.getPrinter(handle));
  }

  getServerSecurityDescriptor(handle: PrinterHandle): Promise<Buffer> {
    return answer(() => this.spl.printers.serverSecurityDescriptor(handle));
  }

  async setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    await this.saved(this.spl.printers.setPrinter(handle, change));
    if (handle.printerName !== undefined)
      this.changes.changed({ printerName: handle.printerName, change: PrinterChangeFlag.PRINTER_CHANGE_SET_PRINTER });
  }

  async addPrinter(
    serverName: string | undefined,
    printer: NewPrinter,
    options: OpenPrinterOptions,
    caller: CallerContext,
  ): Promise<PrinterHandle> {
    const { server, name } = await this.saved(answer(() => this.spl.printers.addPrinter(serverName, printer, caller)));
    const desiredAccess = AccessMask.PRINTER_ALL_ACCESS;
    return answer(() => this.spl.handles.openPrinter(`\\\\${server}\\${name}`, { ...options, desiredAccess }, caller));
  }

  deletePrinter(handle: PrinterHandle): Promise<void> {
    return this.saved(this.spl.printers.deletePrinter(handle));
  }

  watchPrinters(listener: () => void): void {
    this.spl.printers.watch(listener);
  }

  // ---- drivers ---------------------------------------------------------------------------

  enumPrinterDrivers(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<DriverInfo[]> {
    return answer(() => this.spl.drivers.enumPrinterDrivers(serverName, environment, caller));
  }

  getPrinterDriver(
    handle: PrinterHandle,
    environment: string,
    clientMajorVersion: number,
  ): Promise<GetPrinterDriverResult> {
    return answer(() => this.spl.drivers.getPrinterDriver(handle, environment, clientMajorVersion));
  }

  getPrinterDriverDirectory(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string> {
    return answer(() => this.spl.drivers.getPrinterDriverDirectory(serverName, environment, caller));
  }

  addPrinterDriver(
    serverName: string | undefined,
    driver: DriverInfo,
    fileCopyFlags: number,
    caller: CallerContext,
  ): Promise<void> {
    return this.saved(this.spl.drivers.addPrinterDriver(serverName, driver, fileCopyFlags, caller));
  }

  deletePrinterDriver(
    serverName: string | undefined,
    environment: string,
    driverName: string,
    deleteFlags: number,
    version: number,
    caller: CallerContext,
  ): Promise<void> {
    return this.saved(
      answer(() =>
        this.spl.drivers.deletePrinterDriver(serverName, environment, driverName, deleteFlags, version, caller),
      ),
    );
  }

  // ---- driver packages (drivers/driver-packages.ts) --------------------------------------
  // DEVIATION: pszLanguage is ignored: our packages carry no MUI language variants (<350>).

  readonly getCorePrinterDrivers: PrintProvider['getCorePrinterDrivers'] = (server, env, guids) =>
    this.spl.driverPackages.getCorePrinterDrivers(server, env, guids);
  readonly getPrinterDriverPackagePath: PrintProvider['getPrinterDriverPackagePath'] = (server, env, _lang, id) =>
    this.spl.driverPackages.getPrinterDriverPackagePath(server, env, id);
  readonly corePrinterDriverInstalled: PrintProvider['corePrinterDriverInstalled'] = (server, env, guid, date, v) =>
    this.spl.driverPackages.corePrinterDriverInstalled(server, env, guid, date, v);
  readonly uploadPrinterDriverPackage: PrintProvider['uploadPrinterDriverPackage'] = (server, inf, env, _f, caller) =>
    this.spl.driverPackages.uploadPrinterDriverPackage(server, inf, env, caller);
  readonly installPrinterDriverFromPackage: PrintProvider['installPrinterDriverFromPackage'] = (
    s,
    inf,
    name,
    env,
    _f,
    c,
  ) => this.saved(this.spl.driverPackages.installPrinterDriverFromPackage(s, inf, name, env, c));
  readonly deletePrinterDriverPackage: PrintProvider['deletePrinterDriverPackage'] = (server, inf, env, caller) =>
    this.spl.driverPackages.deletePrinterDriverPackage(server, inf, env, caller);

  // ---- printer data ----------------------------------------------------------------------

  enumPrinterKey(handle: PrinterHandle, keyName: string): Promise<string[]> {
    return answer(() => this.spl.printerData.enumPrinterKey(handle, keyName));
  }

  enumPrinterDataEx(handle: PrinterHandle, keyName: string): Promise<RegValue[]> {
    return this.spl.printerData.enumPrinterDataEx(handle, keyName);
  }

  getPrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<RegValue> {
    return answer(() => this.spl.printerData.getPrinterDataEx(handle, keyName, valueName));
  }

  setPrinterDataEx(handle: PrinterHandle, keyName: string, value: RegValue): Promise<void> {
    return this.saved(this.spl.printerData.setPrinterDataEx(handle, keyName, value));
  }

  deletePrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<void> {
    return this.saved(this.spl.printerData.deletePrinterDataEx(handle, keyName, valueName));
  }

  deletePrinterKey(handle: PrinterHandle, keyName: string): Promise<void> {
    return this.saved(answer(() => this.spl.printerData.deletePrinterKey(handle, keyName)));
  }

  // ---- forms, ports, monitors, print processors ------------------------------------------

  enumForms(handle: PrinterHandle): Promise<FormInfo[]> {
    return answer(() => this.spl.forms.enumForms(handle));
  }

  getForm(handle: PrinterHandle, formName: string): Promise<FormInfo> {
    return answer(() => this.spl.forms.getForm(handle, formName));
  }

  addForm(handle: PrinterHandle, form: FormInfo): Promise<void> {
    return this.saved(answer(() => this.spl.forms.addForm(handle, form)));
  }

  setForm(handle: PrinterHandle, formName: string, form: FormInfo): Promise<void> {
    return this.saved(answer(() => this.spl.forms.setForm(handle, formName, form)));
  }

  deleteForm(handle: PrinterHandle, formName: string): Promise<void> {
    return this.saved(answer(() => this.spl.forms.deleteForm(handle, formName)));
  }

  enumPorts(serverName: string | undefined, _caller: CallerContext): Promise<PortInfo[]> {
    return answer(() => this.spl.ports.enumPorts(serverName));
  }

  enumMonitors(serverName: string | undefined, _caller: CallerContext): Promise<MonitorInfo[]> {
    return answer(() => this.spl.ports.enumMonitors(serverName));
  }

  enumPrintProcessors(
    serverName: string | undefined,
    environment: string,
    _caller: CallerContext,
  ): Promise<PrintProcessorInfo[]> {
    return answer(() => this.spl.printProcessors.enumPrintProcessors(serverName, environment));
  }

  addPrintProcessor(
    serverName: string | undefined,
    environment: string,
    _pathName: string,
    printProcessor: string,
    caller: CallerContext,
  ): Promise<void> {
    return answer(() => this.spl.printProcessors.addPrintProcessor(serverName, environment, printProcessor, caller));
  }

  deletePrintProcessor(
    serverName: string | undefined,
    environment: string,
    printProcessor: string,
    caller: CallerContext,
  ): Promise<void> {
    return this.saved(
      answer(() => this.spl.printProcessors.deletePrintProcessor(serverName, environment, printProcessor, caller)),
    );
  }

  getPrintProcessorDirectory(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string> {
    return answer(() => this.spl.printProcessors.getPrintProcessorDirectory(serverName, environment, caller.remote));
  }

  enumPrintProcessorDatatypes(
    serverName: string | undefined,
    printProcessor: string | undefined,
    _caller: CallerContext,
  ): Promise<string[]> {
    return answer(() => this.spl.printProcessors.enumPrintProcessorDatatypes(serverName, printProcessor));
  }

  // ---- jobs ------------------------------------------------------------------------------

  startDocPrinter(handle: PrinterHandle, doc: DocInfo): Promise<number> {
    return this.spl.jobs.startDocPrinter(handle, doc);
  }

  startPagePrinter(handle: PrinterHandle): Promise<void> {
    return answer(() => this.spl.jobs.startPagePrinter(handle));
  }

  writePrinter(handle: PrinterHandle, data: Buffer): Promise<number> {
    return this.spl.jobs.writePrinter(handle, data);
  }

  endPagePrinter(handle: PrinterHandle): Promise<void> {
    return answer(() => this.spl.jobs.endPagePrinter(handle));
  }

  endDocPrinter(handle: PrinterHandle): Promise<void> {
    return this.spl.jobs.endDocPrinter(handle);
  }

  abortPrinter(handle: PrinterHandle): Promise<void> {
    return this.spl.jobs.abortPrinter(handle);
  }

  enumJobs(handle: PrinterHandle, firstJob: number, count: number): Promise<JobInfo[]> {
    return answer(() => this.spl.jobs.enumJobs(handle, firstJob, count));
  }

  getJob(handle: PrinterHandle, jobId: number): Promise<JobInfo> {
    return answer(() => this.spl.jobs.getJob(handle, jobId));
  }

  setJob(handle: PrinterHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void> {
    return this.spl.jobs.setJob(handle, jobId, command, fields);
  }
}

/**
 * A synchronous room's answer as the provider's promise: what the room throws (a Win32Error)
 * becomes the rejection, as it would from an async method.
 */
function answer<T>(call: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}
