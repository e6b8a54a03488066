/**
 * PrintServer: the local print provider (Windows' localspl) over a registry and a drivers store.
 * It is a facade: each PrintProvider call goes to the room that owns it, wired together in
 * local-spooler.ts, and the rpc layer (lib/rpc/rprn) serves it on \pipe\spoolss. Each room's
 * calls are one class of the chain in provider/ (spooler-facade.ts); this last one creates the
 * server and owns its lifecycle, devices and status.
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
import type { Registry } from '../registry/registry-key';
import type { DriverStore } from '../drivers/driver-store';
import type { PrintProvider } from '../spoolss/print-provider';
import type { CallerContext } from '../spoolss/types';
import { serverStatus, type ServerStatus } from './control/status-view';
import type { PrinterAcl } from './handles/printer-security';
import { startLocalSpooler, type LocalSpooler } from './local-spooler';
import type { PrintServerOptions } from './print-server-options';
import { createSpoolerExtras, type SpoolerExtrasRooms } from './spooler-extras-rooms';
import type { ControlledDevice, DeviceAction, PortDevice } from './printing/printing';
import { JobCalls } from './provider/job-calls';

export type { PrintingOptions, PrintServerOptions, PrintServerSettings } from './print-server-options';
export type { ControlledDevice, DeviceAction, PortDevice } from './printing/printing';
export type { PrinterStatusView, ServerStatus } from './control/status-view';

export class PrintServer extends JobCalls implements PrintProvider {
  // The less common methods, each in its own room (spooler-extras-rooms.ts).
  readonly jobNamedProperties: SpoolerExtrasRooms['jobNamedProperties'];
  readonly printerIcs: SpoolerExtrasRooms['printerIcs'];
  readonly branchOfficeLog: SpoolerExtrasRooms['branchOfficeLog'];
  readonly publishing: SpoolerExtrasRooms['publishing'];
  readonly perMachineConnections: SpoolerExtrasRooms['perMachineConnections'];
  readonly bidi: SpoolerExtrasRooms['bidi'];

  private constructor(options: PrintServerOptions, spl: LocalSpooler) {
    super(options, spl);
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
}
