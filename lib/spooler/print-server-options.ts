/**
 * What a PrintServer is made of: the fixture's registry and drivers store, the server settings,
 * the Point-and-Print modules, an optional state directory, and the emulated devices to print on.
 */
import type { SpoolerClock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { DeviceOverrides } from '../devices/device-fleet';
import type { DriverStore } from '../drivers/driver-store';
import type { ModuleRegistry } from '../point-and-print/module-registry';
import type { SpoolerTraceListener } from '../point-and-print/spooler-trace';
import type { Registry } from '../registry/registry-key';
import type { PrinterAcl } from './handles/printer-security';

/** What the spooler needs of the server settings (the fixture's ServerSettings is a superset). */
export interface PrintServerSettings {
  readonly serverName: string;
  /** Other names the server answers to (DNS names); IP literals and localhost always are. */
  readonly aliases?: readonly string[];
  /** The server's accounts, in server.json order (their SIDs derive from the position). */
  readonly users?: readonly { readonly name: string; readonly groups: readonly string[] }[];
  /** Explicit ACLs by printer name (server.json `printerSecurity`); the others have Windows' default. */
  readonly printerSecurity?: Readonly<Record<string, PrinterAcl>>;
  /**
   * How often, in milliseconds, the Standard TCP/IP port monitor polls its printers' status over
   * SNMP; overrides the registry's StatusUpdateInterval (minutes, 10 by default).
   */
  readonly statusUpdateIntervalMs?: number;
}

export interface PrintServerOptions {
  /** The fixture the registry and drivers store came from (for logs). */
  readonly fixture?: { readonly dir: string };
  readonly registry: Registry;
  readonly driverStore: DriverStore;
  readonly settings: PrintServerSettings;
  readonly modules: ModuleRegistry;
  /** Where spool files go (`<stateDir>/PRINTERS`); in memory when absent. */
  readonly stateDir?: string;
  readonly logger?: Logger;
  /** Receives the Point-and-Print module calls the server makes (demo, tests). */
  readonly trace?: SpoolerTraceListener;
  /** Time for devices, hours of availability and timeouts; the system clock by default. */
  readonly clock?: SpoolerClock;
  /**
   * Emulated print devices behind the printers' ports and the dispatcher that feeds them.
   * Without it jobs are spooled and wait (no device is attached).
   */
  readonly printing?: PrintingOptions;
  /**
   * The folder standing for %SystemRoot%\System32, where separator page files are looked up;
   * default `<fixture>/System32`. Without it and without a fixture, no separator page prints.
   */
  readonly systemDir?: string;
}

export interface PrintingOptions {
  /** Printed output goes to `<outputDir>/<port>/`; default `<stateDir>/OUTPUT`. */
  readonly outputDir?: string;
  /** Device settings by port name (`*` for every port). */
  readonly devices?: Readonly<Record<string, DeviceOverrides>>;
  /** RestartJobOnPoolError, in seconds as Windows stores it (default 600). */
  readonly restartJobOnPoolErrorSeconds?: number;
  /** RestartJobOnPoolEnabled (default true). */
  readonly restartJobOnPoolEnabled?: boolean;
  /** Network devices listen on the registry's PortNumber (and 515, 161) instead of free ports. */
  readonly useRegistryPortNumbers?: boolean;
  /** How long the Standard TCP/IP monitor waits for a printer's SNMP answer, per attempt (1000 ms). */
  readonly snmpTimeoutMs?: number;
}
