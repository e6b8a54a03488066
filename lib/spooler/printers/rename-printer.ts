/**
 * Renaming a printer: SetPrinter level 2 with a pPrinterName other than the printer's ([MS-RPRN]
 * 3.1.4.2.5; smbtorture's printer_rename, from Windows). Everything that knows the printer by
 * name moves with it:
 *
 *   the registry key   Printers\<old> becomes Printers\<new>, its values and subkeys copied, and
 *                      its `Name` value the new name (the share name stays, as on Windows)
 *   open handles       follow the printer (a handle names the printer, not a name)
 *   the descriptor     its `Security` value moves with the key's other values
 *   the queue          its jobs (and their shadow files) name the new printer
 *
 * Afterwards the old name opens nothing (ERROR_INVALID_PRINTER_NAME). A name with `\` or `,`, an
 * empty one or one over 220 characters is ERROR_INVALID_PRINTER_NAME; one another printer or
 * share has is ERROR_PRINTER_ALREADY_EXISTS.
 */
import { Win32Error } from '../../common/errors';
import { regSz } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { RegistryKey } from '../../registry/registry-key';
import type { PrinterHandles } from '../handles/printer-handles';
import type { PrintQueue } from '../jobs/print-queue';
import { printerNameOf, type PrinterTable } from './printer-table';

/** MAX_PRINTER_NAME (winspool: 220 characters). */
const MAX_PRINTER_NAME = 220;

export interface RenameDeps {
  readonly printers: PrinterTable;
  readonly handles: PrinterHandles;
  readonly queue: PrintQueue;
}

/** The new name as the caller may write it: `\\SERVER\name` or `name`. */
export function requestedPrinterName(value: string): string {
  return value.startsWith('\\\\') ? value.slice(value.indexOf('\\', 2) + 1) : value;
}

/** Renames the printer of `key` to `newName`; returns its key under the new name. */
export async function renamePrinter(key: RegistryKey, newName: string, deps: RenameDeps): Promise<RegistryKey> {
  const oldName = printerNameOf(key);
  if (newName === oldName) return key;
  if (newName === '' || /[\\,]/.test(newName) || newName.length > MAX_PRINTER_NAME)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `"${newName}" is not a printer name`);
  const other = deps.printers.find(newName);
  if (other !== undefined && other !== key)
    throw new Win32Error(Win32ErrorCode.ERROR_PRINTER_ALREADY_EXISTS, `a printer or share "${newName}" exists`);
  let renamed = key;
  // A new spelling of the same name keeps the key (registry names ignore case).
  if (newName.toLowerCase() !== key.name.toLowerCase()) {
    renamed = deps.printers.create(newName);
    copyKey(key, renamed);
    deps.printers.remove(key);
  }
  renamed.setValue(regSz('Name', newName));
  deps.handles.printerRenamed(oldName, newName);
  await deps.queue.printerRenamed(oldName, newName);
  deps.printers.noteChange(renamed);
  return renamed;
}

function copyKey(from: RegistryKey, to: RegistryKey): void {
  for (const v of from.valueList()) to.setValue(v);
  for (const sub of from.keys()) copyKey(sub, to.createKey(sub.name));
}
