/**
 * Printing: the emulated devices behind the printers' ports (lib/devices, the hardware), the
 * port monitors that reach them, and the scheduler that sends them jobs one at a time (what
 * localspl's printing thread does). Without `start` (no printing options) jobs are spooled and
 * wait: then no device is attached and every call here finds none.
 *
 * Also the device side of the print server role: the devices of a printer as their port
 * monitors see them (the status the spooler shows comes from there: SNMP for a network printer,
 * the cable for an attached one), and device control (`pointprint device`: faults, speed, the
 * SNMP agent), which acts on the hardware itself and needs Manage Printer.
 */
import { promises as fs } from 'node:fs';
import type { SpoolerClock } from '../../common/clock';
import { ConfigError, Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { DeviceFleet, type PortDefinition } from '../../devices/device-fleet';
import { outputFileName, type DeviceFault, type DeviceSnapshot } from '../../devices/print-device';
import { AccessMask } from '../../spoolss/constants';
import { PrinterChangeFlag } from '../../spoolss/printer-notify';
import type { CallerContext } from '../../spoolss/types';
import { accessDenied } from '../handles/access-denied';
import type { PrinterSecurityStore } from '../handles/printer-security-store';
import type { PrintingOptions } from '../print-server-options';
import type { PrintQueue, RecoveryReport } from '../jobs/print-queue';
import type { PrinterChangeRoom } from '../notifications/printer-change-room';
import { PortMonitors } from '../ports/port-monitor';
import type { PortStatus } from '../ports/port-status';
import type { PortTarget } from '../ports/port-target';
import type { Ports } from '../ports/ports';
import { portsOf, printerNameOf, type PrinterTable } from '../printers/printer-table';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import type { UsageStats } from '../services/usage-stats';
import { JobScheduler } from './job-scheduler';
import type { SeparatorPages } from './separator-pages';

export type DeviceAction =
  | { readonly fault: DeviceFault }
  | { readonly clear: DeviceFault | 'all' }
  | { readonly ppm: number }
  /** Turns the network printer's SNMP agent off or on (as on its own configuration page). */
  | { readonly snmp: boolean };

/** The device after a control action: as its own panel shows it, and whether its SNMP agent runs. */
export type ControlledDevice = DeviceSnapshot & { readonly snmpAgent?: 'on' | 'off' };

/**
 * A device as the status view shows it: the port it is behind, how the port reaches it, what the
 * port monitor knows of it, and the job the spooler has on it.
 */
export type PortDevice = PortStatus & {
  readonly port: string;
  readonly monitor: string;
  readonly address?: string;
  readonly protocol?: 'RAW' | 'LPR';
  /** The device's rated speed (what its driver states; not status). */
  readonly ppm: number;
  /** The device's own web page (its embedded web server), as a printer's port links to it. */
  readonly webPage?: string;
  readonly currentJob?: { readonly jobId: number; readonly pagesPrinted: number; readonly pages: number };
};

export interface PrintingDeps {
  readonly printers: PrinterTable;
  readonly ports: Ports;
  readonly queue: PrintQueue;
  readonly separators: SeparatorPages;
  readonly security: PrinterSecurityStore;
  readonly events: PrintEventLog;
  readonly usage: UsageStats;
  readonly clock: SpoolerClock;
  readonly logger: Logger;
  /** The print server's name (an LPR port sends it as the host). */
  readonly serverName: string;
  /** Where a device's status change is announced, as its printers' PRINTER_CHANGE_SET_PRINTER. */
  readonly changes?: PrinterChangeRoom;
  /** Device state and, by default, printed output go under it. */
  readonly stateDir?: string;
}

export class Printing {
  private fleet: DeviceFleet | undefined;
  private monitors: PortMonitors | undefined;
  private scheduler: JobScheduler | undefined;
  private readonly stopWatching: (() => void)[] = [];
  /** Run-time attaches, one after another (two changes must not plug the same port twice). */
  private attaching: Promise<void> = Promise.resolve();

  constructor(private readonly o: PrintingDeps) {}

  /**
   * Attaches a device to every port a printer uses and starts dispatching. `recovery` is what
   * the queue found at start: a job a device finished just before a crash is not printed twice.
   */
  async start(p: PrintingOptions, recovery: RecoveryReport | undefined): Promise<void> {
    const { printers, stateDir } = this.o;
    const outputDir = p.outputDir ?? (stateDir !== undefined ? `${stateDir}/OUTPUT` : undefined);
    if (outputDir === undefined) throw new ConfigError('printing needs an output folder or a state directory');
    const defs: PortDefinition[] = this.usedPorts().map((port) => this.o.ports.definition(port));
    this.fleet = await DeviceFleet.create(defs, {
      clock: this.o.clock,
      logger: this.o.logger,
      outputDir,
      ...(stateDir !== undefined && { stateDir }),
      ...(p.devices !== undefined && { devices: p.devices }),
      ...(p.useRegistryPortNumbers !== undefined && { useRegistryPortNumbers: p.useRegistryPortNumbers }),
    });
    const monitors = new PortMonitors({
      fleet: this.fleet,
      tcpPort: (port) => this.o.ports.tcpPort(port),
      statusUpdate: this.o.ports.statusUpdate(),
      serverName: this.o.serverName,
      clock: this.o.clock,
      logger: this.o.logger,
      ...(p.snmpTimeoutMs !== undefined && { snmpTimeoutMs: p.snmpTimeoutMs }),
    });
    this.monitors = monitors;
    monitors.start();
    for (const job of recovery?.requeued ?? []) {
      if (job.portName === undefined || job.printedAt !== undefined) continue;
      const target = monitors.port(job.portName);
      const file = target && `${target.device.outputDir}/${outputFileName(job.jobId)}`;
      if (file !== undefined && (await fileExists(file))) {
        await this.o.queue.markPrinted(job.jobId, job.totalPages, printers.keepsPrinted(job.printerName));
        this.o.logger.warn('job already printed before the restart', { jobId: job.jobId, file });
      }
    }
    this.scheduler = new JobScheduler({
      clock: this.o.clock,
      queue: this.o.queue,
      printers,
      monitors,
      separators: this.o.separators,
      events: this.o.events,
      usage: this.o.usage,
      logger: this.o.logger.child({ component: 'scheduler' }),
      restartJobOnPoolErrorMs: (p.restartJobOnPoolErrorSeconds ?? 600) * 1000,
      restartJobOnPoolEnabled: p.restartJobOnPoolEnabled ?? true,
    });
    for (const t of monitors.all()) this.watchTarget(t);
    for (const key of printers.keys()) {
      if (!portsOf(key).some((port) => monitors.port(port))) {
        this.o.events.write(
          PrintEventId.PRINTER_NO_PORTS,
          `The printer ${printerNameOf(key)} failed to initialize because none of its ports exist.`,
          { printerName: printerNameOf(key) },
          'error',
        );
      }
    }
    this.scheduler.kick();
  }

  /**
   * The devices follow the printers' ports after a change over the wire:
   * - a port no printer uses any more (SetPrinter took it off a printer or out of a pool, the
   *   printer was deleted) has its device unplugged: no job goes there any more;
   * - a port whose settings changed (tcpmon's ConfigPort: another host, port number, protocol or
   *   SNMP settings) gets its device plugged in again at the new address, where the next job goes;
   * - a port a printer uses that has no device yet (a port added over the wire, a pool made by
   *   SetPrinter, a new printer) gets one, reached through its monitor and fed by the scheduler
   *   like the ports found at start.
   * A job already on an unplugged device finishes there. Without printing started there is
   * nothing to attach.
   */
  attachPorts(): Promise<void> {
    const attach = async (): Promise<void> => {
      const { fleet, monitors, scheduler } = this;
      if (!fleet || !monitors || !scheduler) return;
      const used = new Set(this.usedPorts());
      for (const d of fleet.all()) {
        const port = d.portName.toLowerCase();
        if (used.has(port) && sameDefinition(d.definition, this.o.ports.definition(port))) continue;
        monitors.remove(port);
        fleet.unplug(port);
        this.o.logger.info(used.has(port) ? 'device re-plugged: port settings changed' : 'device unplugged', {
          port: d.portName,
        });
      }
      const missing = [...used].filter((port) => !monitors.port(port));
      if (missing.length === 0) return;
      for (const d of await fleet.plug(missing.map((port) => this.o.ports.definition(port)))) {
        this.watchTarget(monitors.add(d));
        this.o.logger.info('device attached at run time', { port: d.portName });
      }
      scheduler.kick();
    };
    this.attaching = this.attaching.then(attach, attach);
    return this.attaching;
  }

  /** The ports the printers use (lower case, each once). */
  private usedPorts(): string[] {
    return [...new Set(this.o.printers.keys().flatMap((k) => portsOf(k).map((x) => x.toLowerCase())))];
  }

  /** The scheduler feeds the port; its status changes are its printers' changes. */
  private watchTarget(t: PortTarget): void {
    this.scheduler?.watch(t);
    const changes = this.o.changes;
    if (changes === undefined) return;
    this.stopWatching.push(
      t.onStatusChange(() => {
        // A printer's status is its devices' (printer-info.ts): each printer on the port changed.
        for (const key of this.o.printers.keys())
          if (portsOf(key).some((port) => port.toLowerCase() === t.portName.toLowerCase()))
            changes.changed({ printerName: printerNameOf(key), change: PrinterChangeFlag.PRINTER_CHANGE_SET_PRINTER });
      }),
    );
  }

  /** Something changed (a job queued, a printer resumed ...): a dispatch pass follows. */
  kick(): void {
    this.scheduler?.kick();
  }

  /** Takes a job off its device (cancel, restart); resolves when the device let go of it. */
  async stopJob(jobId: number, reason: 'cancel' | 'restart'): Promise<void> {
    await this.scheduler?.stopJob(jobId, reason);
  }

  /** The job on a device, if any. */
  activeJob(jobId: number): { readonly portName: string; readonly pagesPrinted: number } | undefined {
    return this.scheduler?.activeJob(jobId);
  }

  /** What the port monitor knows of the device behind a port, if one is attached. */
  portStatus(portName: string): PortStatus | undefined {
    return this.monitors?.port(portName)?.status();
  }

  /** The rated speed of the device behind a port (its nameplate, as the driver states it). */
  ratedPpm(portName: string): number | undefined {
    return this.monitors?.port(portName)?.device.ppm;
  }

  /** The devices behind a printer's ports, in port order, as their port monitors see them. */
  devicesOf(printerName: string): PortDevice[] {
    const key = this.o.printers.require(printerName);
    return portsOf(key).flatMap((port): PortDevice[] => {
      const t = this.monitors?.port(port);
      if (!t) return [];
      const job = this.scheduler?.jobAt(t.portName);
      return [
        {
          ...t.status(),
          port: t.portName,
          monitor: t.monitor,
          ...(t.address !== undefined && { address: t.address }),
          ...(t.protocol !== undefined && { protocol: t.protocol }),
          ppm: t.device.ppm,
          ...(t.device.webPage !== undefined && { webPage: t.device.webPage }),
          ...(job && { currentJob: job }),
        },
      ];
    });
  }

  /**
   * `pointprint device`: inject or clear a fault, or set the speed, on the device behind one of
   * the printer's ports (the first one when `portName` is omitted). Manage Printer is needed.
   */
  async controlDevice(
    printerName: string,
    portName: string | undefined,
    action: DeviceAction,
    caller: CallerContext,
  ): Promise<ControlledDevice> {
    const key = this.o.printers.require(printerName);
    const name = printerNameOf(key);
    if ((this.o.security.printerRights(name, caller) & AccessMask.PRINTER_ACCESS_ADMINISTER) === 0) {
      throw accessDenied(this.o.logger, 'device control', name, caller, AccessMask.PRINTER_ACCESS_ADMINISTER);
    }
    const ports = portsOf(key);
    const port = portName ?? ports[0];
    if (port === undefined || !ports.some((p) => p.toLowerCase() === port.toLowerCase())) {
      throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT, `${name} has no port "${portName ?? ''}"`);
    }
    const target = this.monitors?.port(port);
    if (!target) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_STATE, `no device is attached to ${port}`);
    const network = this.fleet?.network(target.portName);
    if ('fault' in action) target.device.injectFault(action.fault);
    else if ('clear' in action) target.device.clearFault(action.clear === 'all' ? undefined : action.clear);
    else if ('ppm' in action) target.device.ppm = action.ppm;
    else if (network) await network.setSnmpAgent(action.snmp);
    else throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, `the device on ${port} is not a network printer`);
    await this.whenIdle();
    return {
      ...target.device.snapshot(),
      ...(network && { snmpAgent: network.snmpAgentRunning ? 'on' : 'off' }),
    };
  }

  /** Resolves when the dispatcher has nothing in flight (virtual-clock tests settle on it). */
  async whenIdle(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      await this.monitors?.whenIdle();
      const devices = (await this.fleet?.devicesIdle()) ?? false;
      // Let a device's resolved job reach the scheduler's chain.
      for (let k = 0; k < 3; k++) await new Promise<void>((resolve) => setImmediate(resolve));
      const scheduler = (await this.scheduler?.whenIdle()) ?? false;
      if (!devices && !scheduler) break;
    }
    await this.fleet?.flush();
  }

  /** Stops dispatching, lets devices finish writing their output, and saves their state once. */
  async close(): Promise<void> {
    for (const stop of this.stopWatching.splice(0)) stop();
    await this.scheduler?.shutdown();
    this.monitors?.close();
    await this.monitors?.whenIdle();
    await this.fleet?.close();
  }
}

/** Whether a port's settings are those its device was plugged in with. */
function sameDefinition(a: PortDefinition, b: PortDefinition): boolean {
  const t = (d: PortDefinition): string =>
    JSON.stringify(d.tcp && [d.tcp.host, d.tcp.port, d.tcp.protocol, d.tcp.snmpCommunity, d.tcp.snmpDeviceIndex]);
  return t(a) === t(b);
}

function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
