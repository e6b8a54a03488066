/**
 * The local printers as the registry holds them (`HKLM\...\Control\Print\Printers\<name>`), what
 * localspl keeps in its printer table: found by printer name or share name (case-insensitive),
 * with the values the other rooms read (ports, priority, hours, attributes) and the counters a
 * printed job adds to. Every room reaches printers through this table.
 */
import { Win32Error } from '../../common/errors';
import { regDword } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { PRINTERS_KEY, type Registry, type RegistryKey } from '../../registry/registry-key';
import { PrinterAttribute } from '../../spoolss/constants';
import { readDword, readSz } from '../registry-values';

/** What the scheduler reads of a printer. */
export interface SchedulablePrinter {
  readonly name: string;
  readonly ports: readonly string[];
  readonly priority: number;
  readonly attributes: number;
  /** The printer's own status (PRINTER_STATUS_PAUSED ...), without device bits. */
  readonly status: number;
  readonly startTime: number;
  readonly untilTime: number;
}

export class PrinterTable {
  constructor(private readonly registry: Registry) {}

  keys(): RegistryKey[] {
    return this.registry.getKey(PRINTERS_KEY)?.keys() ?? [];
  }

  /** A printer by printer name or share name (case-insensitive). */
  find(name: string): RegistryKey | undefined {
    const lower = name.toLowerCase();
    const keys = this.keys();
    return (
      keys.find((k) => printerNameOf(k).toLowerCase() === lower || k.name.toLowerCase() === lower) ??
      keys.find((k) => (readSz(k, 'Share Name') ?? '').toLowerCase() === lower && lower.length > 0)
    );
  }

  require(name: string): RegistryKey {
    const key = this.find(name);
    if (!key) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no printer "${name}"`);
    return key;
  }

  /** A new printer's key under Printers (AddPrinter): the caller checked that the name is free. */
  create(name: string): RegistryKey {
    return this.registry.createKey(`${PRINTERS_KEY}\\${name}`);
  }

  /** DeletePrinter's last step: the printer's key and everything under it. */
  remove(key: RegistryKey): void {
    this.registry.deleteKey(key.path);
  }

  /**
   * A printer's settings or data changed: its ChangeID (PRINTER_INFO_0 cChangeID) moves on. It is
   * the printer key's `ChangeID` value, where localspl keeps it, so a restart keeps it and a
   * client comparing it with the one it cached sees no change where there was none.
   */
  noteChange(key: RegistryKey): void {
    key.setValue(regDword('ChangeID', (changeIdOf(key) + 1) >>> 0));
  }

  schedulable(): SchedulablePrinter[] {
    return this.keys().map((k) => ({
      name: printerNameOf(k),
      ports: portsOf(k),
      priority: readDword(k, 'Priority') ?? 1,
      attributes: readDword(k, 'Attributes') ?? 0,
      status: readDword(k, 'Status') ?? 0,
      startTime: readDword(k, 'StartTime') ?? 0,
      untilTime: readDword(k, 'UntilTime') ?? 0,
    }));
  }

  /** PRINTER_ATTRIBUTE_KEEPPRINTEDJOBS: printed jobs stay in the queue, RETAINED. */
  keepsPrinted(printerName: string): boolean {
    const key = this.find(printerName);
    return (
      key !== undefined &&
      ((readDword(key, 'Attributes') ?? 0) & PrinterAttribute.PRINTER_ATTRIBUTE_KEEPPRINTEDJOBS) !== 0
    );
  }

  /** A job came out of the printer: its TotalJobs, TotalPages and TotalBytes grow. */
  countPrinted(printerName: string, pages: number, bytes: number): void {
    const key = this.find(printerName);
    if (!key) return;
    key.setValue(regDword('TotalJobs', (readDword(key, 'TotalJobs') ?? 0) + 1));
    key.setValue(regDword('TotalPages', (readDword(key, 'TotalPages') ?? 0) + pages));
    key.setValue(regDword('TotalBytes', (readDword(key, 'TotalBytes') ?? 0) + bytes));
  }
}

export function changeIdOf(key: RegistryKey): number {
  return readDword(key, 'ChangeID') ?? 0;
}

export function printerNameOf(key: RegistryKey): string {
  return readSz(key, 'Name') || key.name;
}

/** The printer's ports in order (a pool has several). */
export function portsOf(key: RegistryKey): string[] {
  return (readSz(key, 'Port') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
