/**
 * Where the Windows spooler keeps things in the registry, in its own terms:
 *
 *   HKLM\SYSTEM\CurrentControlSet\Control\Print
 *     Printers\<printer>                        one key per queue (Name, Share Name, Port, ...)
 *       PrinterDriverData, DsSpooler, DsDriver  per-queue data keys (SetPrinterDataEx keys)
 *       CopyFiles\<component>                   queue-specific files (Directory, Files, Module)
 *     Environments\<environment>                Directory = print$ subfolder (x64, W32X86, ...)
 *       Drivers\Version-<n>\<driver>            one key per installed driver
 *       Print Processors\<name>
 *     Monitors\<monitor>\Ports\<port>           e.g. Standard TCP/IP Port\Ports\IP_10.0.0.15
 *     Forms\<form>
 */
import { ConfigError } from '../common/errors';
import { ENVIRONMENTS_KEY, PRINTERS_KEY, PRINT_KEY } from './registry-key';

export const MONITORS_KEY = `${PRINT_KEY}\\Monitors`;
export const FORMS_KEY = `${PRINT_KEY}\\Forms`;
export const STANDARD_TCPIP_MONITOR = 'Standard TCP/IP Port';
export const LOCAL_PORT_MONITOR = 'Local Port';

/** Value names of a printer's key, as the spooler writes them. */
export const PrinterValue = {
  NAME: 'Name',
  SHARE_NAME: 'Share Name',
  PORT: 'Port',
  PRINTER_DRIVER: 'Printer Driver',
  DESCRIPTION: 'Description',
  LOCATION: 'Location',
  PRINT_PROCESSOR: 'Print Processor',
  DATATYPE: 'Datatype',
  PARAMETERS: 'Parameters',
  SEPARATOR_FILE: 'Separator File',
  ATTRIBUTES: 'Attributes',
  PRIORITY: 'Priority',
  DEFAULT_PRIORITY: 'Default Priority',
  START_TIME: 'StartTime',
  UNTIL_TIME: 'UntilTime',
  STATUS: 'Status',
  DEFAULT_DEVMODE: 'Default DevMode',
  SECURITY: 'Security',
} as const;

/** Value names of a driver's key under Environments\...\Drivers\Version-n. */
export const DriverValue = {
  CONFIGURATION_FILE: 'Configuration File',
  DATA_FILE: 'Data File',
  DRIVER: 'Driver',
  HELP_FILE: 'Help File',
  DEPENDENT_FILES: 'Dependent Files',
  MONITOR: 'Monitor',
  DATATYPE: 'Datatype',
  PREVIOUS_NAMES: 'Previous Names',
  VERSION: 'Version',
  DRIVER_DATE: 'DriverDate',
  DRIVER_VERSION: 'DriverVersion',
  MANUFACTURER: 'Manufacturer',
  OEM_URL: 'OEM URL',
  HARDWARE_ID: 'HardwareID',
  PROVIDER: 'Provider',
  PRINT_PROCESSOR: 'Print Processor',
} as const;

/** Value names of a CopyFiles\<component> key — see installing-queue-specific-files. */
export const CopyFilesValue = {
  DIRECTORY: 'Directory',
  FILES: 'Files',
  MODULE: 'Module',
} as const;

/** A single key name: no backslash (it would start another level), not empty. */
function checkKeyName(kind: string, name: string): string {
  if (name === '' || name.includes('\\'))
    throw new ConfigError(`invalid ${kind} name ${JSON.stringify(name)}: empty or contains a backslash`);
  return name;
}

/** HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Print\Printers\<name> */
export function printerKeyPath(printerName: string): string {
  return `${PRINTERS_KEY}\\${checkKeyName('printer', printerName)}`;
}

/** HKEY_LOCAL_MACHINE\...\Print\Environments\<environment> */
export function environmentKeyPath(environment: string): string {
  return `${ENVIRONMENTS_KEY}\\${checkKeyName('environment', environment)}`;
}

/** HKEY_LOCAL_MACHINE\...\Print\Environments\<environment>\Drivers\Version-<version>\<driver> */
export function driverKeyPath(environment: string, version: number, driverName: string): string {
  if (!Number.isInteger(version) || version < 0) throw new ConfigError(`invalid driver version ${version}`);
  return `${environmentKeyPath(environment)}\\Drivers\\Version-${version}\\${checkKeyName('driver', driverName)}`;
}

/** HKEY_LOCAL_MACHINE\...\Print\Monitors\<monitor>\Ports\<port> */
export function portKeyPath(monitorName: string, portName: string): string {
  return `${MONITORS_KEY}\\${checkKeyName('monitor', monitorName)}\\Ports\\${checkKeyName('port', portName)}`;
}

/** The printer's CopyFiles\<component> key, e.g. CopyFiles\ICM. */
export function copyFilesKeyPath(printerName: string, component: string): string {
  return `${printerKeyPath(printerName)}\\CopyFiles\\${checkKeyName('CopyFiles component', component)}`;
}
