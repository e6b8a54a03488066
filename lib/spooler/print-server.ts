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
import { MalformedPacketError, Win32Error } from '../common/errors';
import { createSilentLogger, type Logger } from '../common/logger';
import { RegType, regDword, regSz, type RegValue } from '../common/reg-value';
import { decodeSecurityDescriptor, type SecurityDescriptor } from '../common/security-descriptor';
import { Win32ErrorCode } from '../common/status/win32-error';
import type { DeviceSnapshot } from '../devices/print-device';
import type { DriverStore } from '../drivers/driver-store';
import type { Registry, RegistryKey } from '../registry/registry-key';
import {
  AccessMask,
  JobStatus,
  PrinterAttribute,
  PrinterControl,
  PrinterEnum,
  PrinterStatus,
} from '../spoolss/constants';
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
import { formatMinutes, isAvailable } from './printing/availability';
import { Printing, type DeviceAction, type PortDevice } from './printing/printing';
import { SeparatorPages } from './printing/separator-pages';
import { Forms } from './forms/forms';
import { PrinterData } from './printer-data/printer-data';
import { Drivers } from './drivers/drivers';
import { PrintProcessors } from './drivers/print-processors';
import { PrinterHandles } from './handles/printer-handles';
import { printerRightsFor, PrinterSecurityStore, type PrinterAcl } from './handles/printer-security';
import {
  encodePrinterSecurityDescriptor,
  printerAclFromSecurityDescriptor,
  SidResolver,
} from './handles/printer-security-descriptor';
import { checkServerName } from './local-server';
import type { PrintServerOptions } from './print-server-options';
import { Jobs } from './jobs/jobs';
import { PrintQueue, type RecoveryReport } from './jobs/print-queue';
import { Ports } from './ports/ports';
import { portsOf, printerNameOf, PrinterTable } from './printers/printer-table';
import { readDword, readSz } from './registry-values';
import { PrintEventId, PrintEventLog, type PrintEvent } from './services/event-log';
import { UsageStats, type UsageSnapshot } from './services/usage-stats';

export type { PrintingOptions, PrintServerOptions, PrintServerSettings } from './print-server-options';
export type { DeviceAction, PortDevice } from './printing/printing';

/** `pointprint status`: the print server role's view (printers, queues, devices, supplies, events). */
export interface ServerStatus {
  readonly serverName: string;
  readonly time: string;
  readonly printers: readonly PrinterStatusView[];
  readonly usage: UsageSnapshot;
  readonly events: readonly PrintEvent[];
}

export interface PrinterStatusView {
  readonly name: string;
  readonly shareName: string;
  readonly shared: boolean;
  readonly location: string;
  readonly comment: string;
  readonly driverName: string;
  readonly ports: readonly string[];
  readonly pool: boolean;
  readonly status: number;
  readonly statusNames: readonly string[];
  readonly attributes: number;
  readonly priority: number;
  readonly defaultPriority: number;
  readonly availability: string;
  readonly available: boolean;
  readonly jobs: readonly JobInfo[];
  readonly devices: readonly (DeviceSnapshot & { readonly port: string; readonly address?: string })[];
}

const win32 = (code: number, message?: string): Win32Error => new Win32Error(code, message);

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

  /** The print server role's status view. */
  statusSnapshot(recentEvents = 20): ServerStatus {
    const now = this.clock.now();
    const printers = this.printerTable.keys().map((key): PrinterStatusView => {
      const info = this.printerInfo(key, this.serverName, false);
      const name = printerNameOf(key);
      return {
        name,
        shareName: info.shareName,
        shared: (info.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) !== 0,
        location: info.location,
        comment: info.comment,
        driverName: info.driverName,
        ports: info.portNames,
        pool: info.portNames.length > 1,
        status: info.status,
        statusNames: Object.entries(PrinterStatus)
          .filter(([, v]) => (info.status & v) !== 0)
          .map(([k]) => k),
        attributes: info.attributes,
        priority: info.priority,
        defaultPriority: info.defaultPriority,
        availability:
          info.startTime === info.untilTime
            ? 'always'
            : `${formatMinutes(info.startTime)}-${formatMinutes(info.untilTime)} UTC`,
        available: isAvailable(info.startTime, info.untilTime, now),
        jobs: this.jobs.jobsOf(name, this.serverName),
        devices: this.devicesOf(name),
      };
    });
    return {
      serverName: this.serverName,
      time: new Date(now).toISOString(),
      printers,
      usage: this.usage.snapshot(),
      events: this.events.recent(recentEvents),
    };
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

  /** The ACL of a client's descriptor (SetPrinter level 3); ERROR_INVALID_SECURITY_DESCR if it is not one. */
  private aclOfDescriptor(bytes: Buffer): PrinterAcl | undefined {
    let sd: SecurityDescriptor;
    try {
      sd = decodeSecurityDescriptor(bytes);
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err;
      throw win32(Win32ErrorCode.ERROR_INVALID_SECURITY_DESCR, err.message);
    }
    // Without a DACL the caller sets owner or group only: the permissions stay.
    if (sd.dacl === undefined) return undefined;
    return printerAclFromSecurityDescriptor(sd, new SidResolver(this.serverName, this.options.settings.users ?? []));
  }

  /** Replaces a printer's ACL (Security tab); printers without one have Windows' default. */
  setPrinterAcl(printerName: string, acl: PrinterAcl): void {
    this.printerTable.require(printerName);
    this.security.set(printerName, acl);
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

  async enumPrinters(flags: number, name: string | undefined, caller: CallerContext): Promise<PrinterInfo[]> {
    await Promise.resolve();
    const server = checkServerName(name, this.options.settings);
    const wanted =
      PrinterEnum.PRINTER_ENUM_LOCAL |
      PrinterEnum.PRINTER_ENUM_NAME |
      PrinterEnum.PRINTER_ENUM_SHARED |
      PrinterEnum.PRINTER_ENUM_CONNECTIONS;
    // Connections belong to a client; a print server lists its local printers for the others.
    if ((flags & wanted) === 0 || (flags & wanted) === PrinterEnum.PRINTER_ENUM_CONNECTIONS) return [];
    const out: PrinterInfo[] = [];
    for (const key of this.printerTable.keys()) {
      const printerName = printerNameOf(key);
      if (printerRightsFor(this.security.get(printerName), caller) === 0) continue;
      const info = this.printerInfo(key, server, caller.remote);
      if (
        flags & PrinterEnum.PRINTER_ENUM_SHARED &&
        (info.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) === 0
      )
        continue;
      out.push(info);
    }
    return out;
  }

  async getPrinter(handle: PrinterHandle): Promise<PrinterInfo> {
    await Promise.resolve();
    const state = this.handles.state(handle);
    if (handle.kind === 'server') throw win32(Win32ErrorCode.ERROR_INVALID_HANDLE, 'GetPrinter needs a printer handle');
    const key = this.printerTable.require(handle.printerName ?? '');
    const info = this.printerInfo(key, handle.serverName, state.caller.remote);
    // The descriptor is readable with READ_CONTROL (part of Print), as GetPrinter level 2/3 require.
    if ((handle.grantedAccess & AccessMask.READ_CONTROL) === 0) return info;
    const sids = new SidResolver(this.serverName, this.options.settings.users ?? []);
    const securityDescriptor = encodePrinterSecurityDescriptor(this.security.get(printerNameOf(key)), sids);
    return { ...info, securityDescriptor };
  }

  async setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    const state = this.handles.state(handle);
    this.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_ADMINISTER, 'SetPrinter');
    const key = this.printerTable.require(handle.printerName ?? '');
    if (change.command !== undefined && change.command !== 0) {
      const status = readDword(key, 'Status') ?? 0;
      switch (change.command) {
        case PrinterControl.PRINTER_CONTROL_PAUSE:
          key.setValue(regDword('Status', status | PrinterStatus.PRINTER_STATUS_PAUSED));
          this.events.write(PrintEventId.PRINTER_PAUSED, `Printer ${printerNameOf(key)} was paused.`, {
            printerName: printerNameOf(key),
            userName: state.caller.userName,
          });
          break;
        case PrinterControl.PRINTER_CONTROL_RESUME:
          key.setValue(regDword('Status', status & ~PrinterStatus.PRINTER_STATUS_PAUSED));
          this.events.write(PrintEventId.PRINTER_RESUMED, `Printer ${printerNameOf(key)} was resumed.`, {
            printerName: printerNameOf(key),
            userName: state.caller.userName,
          });
          break;
        case PrinterControl.PRINTER_CONTROL_PURGE:
          await this.jobs.purge(printerNameOf(key));
          break;
        case PrinterControl.PRINTER_CONTROL_SET_STATUS:
          key.setValue(regDword('Status', change.fields?.attributes ?? status));
          break;
        default:
          throw win32(Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND, `unknown SetPrinter command ${change.command}`);
      }
    }
    const f = change.fields;
    if (f) {
      const sz = (name: string, v: string | undefined): void => {
        if (v !== undefined) key.setValue(regSz(name, v));
      };
      const dw = (name: string, v: number | undefined): void => {
        if (v !== undefined) key.setValue(regDword(name, v));
      };
      sz('Share Name', f.shareName);
      if (f.portNames !== undefined) key.setValue(regSz('Port', f.portNames.join(',')));
      if (f.driverName !== undefined) {
        if (this.drivers.versionsOf(f.driverName).length === 0) {
          throw win32(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER, `no driver "${f.driverName}"`);
        }
        key.setValue(regSz('Printer Driver', f.driverName));
      }
      sz('Description', f.comment);
      sz('Location', f.location);
      sz('Separator File', f.sepFile);
      sz('Print Processor', f.printProcessor);
      sz('Datatype', f.datatype);
      sz('Parameters', f.parameters);
      if (f.attributes !== undefined && change.command !== PrinterControl.PRINTER_CONTROL_SET_STATUS)
        dw('Attributes', f.attributes);
      if (f.priority !== undefined && (f.priority < 1 || f.priority > 99)) {
        throw win32(Win32ErrorCode.ERROR_INVALID_PRIORITY, `priority ${f.priority}`);
      }
      dw('Priority', f.priority);
      dw('Default Priority', f.defaultPriority);
      dw('StartTime', f.startTime);
      dw('UntilTime', f.untilTime);
      if (f.devMode !== undefined)
        key.setValue({ name: 'Default DevMode', type: RegType.REG_BINARY, value: f.devMode });
      if (f.securityDescriptor !== undefined) {
        const acl = this.aclOfDescriptor(f.securityDescriptor);
        if (acl !== undefined) this.security.set(printerNameOf(key), acl);
        key.setValue({ name: 'Security', type: RegType.REG_BINARY, value: f.securityDescriptor });
      }
    }
    this.printerTable.noteChange();
    if (f) {
      this.events.write(PrintEventId.PRINTER_SET, `Settings for printer ${printerNameOf(key)} were changed.`, {
        printerName: printerNameOf(key),
        userName: state.caller.userName,
      });
    }
    this.printing.kick();
    this.logger.info('SetPrinter', {
      printer: handle.printerName,
      user: state.caller.userName,
      command: change.command ?? 0,
    });
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

  private printerInfo(key: RegistryKey, server: string, remote: boolean): PrinterInfo {
    const name = printerNameOf(key);
    const jobs = this.queue.jobsFor(name);
    const attributes = readDword(key, 'Attributes') ?? PrinterAttribute.PRINTER_ATTRIBUTE_LOCAL;
    const printerName = remote ? `\\\\${server}\\${name}` : name;
    const driverName = readSz(key, 'Printer Driver') ?? '';
    const location = readSz(key, 'Location') ?? '';
    const devMode = key.getValue('Default DevMode');
    const ports = portsOf(key);
    const devices = ports.flatMap((p) => this.printing.deviceAt(p) ?? []);
    // A pool is one printer: it shows the faults of any of its devices.
    const deviceStatus = devices.reduce((acc, d) => acc | d.status, 0);
    const startTime = readDword(key, 'StartTime') ?? 0;
    const untilTime = readDword(key, 'UntilTime') ?? 0;
    const waiting =
      jobs.length > 0 && !isAvailable(startTime, untilTime, this.clock.now())
        ? PrinterStatus.PRINTER_STATUS_WAITING
        : 0;
    const status =
      ((readDword(key, 'Status') ?? 0) |
        deviceStatus |
        waiting |
        (jobs.some((j) => j.status & JobStatus.JOB_STATUS_PRINTING) ? PrinterStatus.PRINTER_STATUS_PRINTING : 0)) >>>
      0;
    return {
      serverName: remote ? `\\\\${server}` : '',
      printerName,
      shareName: readSz(key, 'Share Name') ?? '',
      portNames: (readSz(key, 'Port') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0),
      driverName,
      comment: readSz(key, 'Description') ?? '',
      location,
      ...(devMode && Buffer.isBuffer(devMode.value) && { devMode: devMode.value }),
      sepFile: readSz(key, 'Separator File') ?? '',
      printProcessor: readSz(key, 'Print Processor') ?? 'winprint',
      datatype: readSz(key, 'Datatype') ?? 'RAW',
      parameters: readSz(key, 'Parameters') ?? '',
      attributes,
      priority: readDword(key, 'Priority') ?? 1,
      defaultPriority: readDword(key, 'Default Priority') ?? 0,
      startTime: readDword(key, 'StartTime') ?? 0,
      untilTime: readDword(key, 'UntilTime') ?? 0,
      status,
      jobCount: jobs.length,
      averagePpm: devices.length === 0 ? 0 : Math.round(devices.reduce((a, d) => a + d.ppm, 0) / devices.length),
      flags: PrinterEnum.PRINTER_ENUM_ICON8,
      description: `${printerName},${driverName},${location}`,
      totalJobs: readDword(key, 'TotalJobs') ?? 0,
      totalBytes: readDword(key, 'TotalBytes') ?? 0,
      totalPages: readDword(key, 'TotalPages') ?? 0,
      changeId: (readDword(key, 'ChangeID') ?? 0) + this.printerTable.changeId,
      objectGuid: readSz(key, 'ObjectGUID') ?? '',
      dsAction: 0,
    };
  }
}

/**
 * A synchronous room's answer as the provider's promise: what the room throws (a Win32Error)
 * becomes the rejection, as it would from an async method.
 */
function answer<T>(call: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}
