/**
 * The root of the PrintServer facade (print-server.ts): the local spooler's parts and the two
 * helpers every room's calls share. Windows' router hands each winspool call to the provider
 * (localspl), which hands it to the part that owns it; here each room's calls are one class of
 * the chain below, each extending the previous:
 *
 *   SpoolerFacade → PrinterCalls (handles, printers) → DriverCalls (drivers, packages, print
 *   processors) → PrinterDataCalls → FormCalls → PortCalls (ports, monitors) → JobCalls →
 *   PrintServer (creation, lifecycle, devices, status)
 */
import type { SpoolerClock } from '../../common/clock';
import type { PrinterSecurityStore } from '../handles/printer-security-store';
import type { PrintQueue, RecoveryReport } from '../jobs/print-queue';
import type { LocalSpooler } from '../local-spooler';
import type { PrinterChangeRoom } from '../notifications/printer-change-room';
import type { PrintServerOptions } from '../print-server-options';
import type { PrintEventLog } from '../services/event-log';
import type { UsageStats } from '../services/usage-stats';

export abstract class SpoolerFacade {
  readonly security: PrinterSecurityStore;
  readonly clock: SpoolerClock;
  readonly events: PrintEventLog;
  readonly usage: UsageStats;
  readonly queue: PrintQueue;
  /** Printer and job changes as they happen ([MS-RPRN] 3.1.1 List of Notification Clients). */
  readonly changes: PrinterChangeRoom;
  /** What the last start found in the spool folder. */
  recovery: RecoveryReport | undefined;

  protected constructor(
    protected readonly options: PrintServerOptions,
    protected readonly spl: LocalSpooler,
  ) {
    this.security = spl.security;
    this.clock = spl.clock;
    this.events = spl.events;
    this.usage = spl.usage;
    this.queue = spl.queue;
    this.changes = spl.changes;
    this.recovery = spl.recovery;
  }

  get serverName(): string {
    return this.options.settings.serverName;
  }

  /** A change over the wire: the registry is saved after it, whether it succeeded or not (a part may be written). */
  protected saved<T>(change: Promise<T>): Promise<T> {
    return change.finally(() => this.spl.store.changed());
  }
}

/**
 * A synchronous room's answer as the provider's promise: what the room throws (a Win32Error)
 * becomes the rejection, as it would from an async method.
 */
export function answer<T>(call: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}
