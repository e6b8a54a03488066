/**
 * Printer data and keys: the subkeys of a printer's registry key (PrinterDriverData, DsSpooler,
 * CopyFiles\ICM, ...) and the print server's own values on a server handle: EnumPrinterKey,
 * EnumPrinterDataEx, GetPrinterDataEx, SetPrinterDataEx, DeletePrinterDataEx and
 * DeletePrinterKey. A `CopyFiles\<name>` key is where Point and Print happens on the server
 * (copy-files-step.ts): enumerated by a remote caller, its module's GenerateCopyFilePaths adds
 * SourceDir and TargetDir; changed, its module hears COPYFILE_EVENT_SET_PRINTER_DATAEX.
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { regDword, type RegValue } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { ModuleRegistry } from '../../point-and-print/module-registry';
import type { SpoolerTraceListener } from '../../point-and-print/spooler-trace';
import { PRINT_KEY, type Registry, type RegistryKey } from '../../registry/registry-key';
import { AccessMask } from '../../spoolss/constants';
import type { PrinterHandle } from '../../spoolss/types';
import { addCopyFilesPaths, isCopyFilesSubkey, raiseSetPrinterDataEvent } from '../copy-files-step';
import type { PrinterHandles } from '../handles/printer-handles';
import { changeIdOf, type PrinterTable } from '../printers/printer-table';
import { serverData } from './server-data';

export interface PrinterDataOptions {
  readonly registry: Registry;
  readonly handles: PrinterHandles;
  readonly printers: PrinterTable;
  readonly modules: ModuleRegistry;
  /** Receives the Point-and-Print module calls the server makes. */
  readonly trace?: SpoolerTraceListener;
  readonly logger: Logger;
}

export class PrinterData {
  constructor(private readonly o: PrinterDataOptions) {}

  enumPrinterKey(handle: PrinterHandle, keyName: string): string[] {
    const key = this.dataKey(handle, keyName);
    return key.subkeyNames();
  }

  async enumPrinterDataEx(handle: PrinterHandle, keyName: string): Promise<RegValue[]> {
    const state = this.o.handles.state(handle);
    if (keyName === '')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'EnumPrinterDataEx needs a key name');
    const key = this.dataKey(handle, keyName);
    const values = key.valueList();
    if (handle.kind === 'printer' && state.caller.remote && isCopyFilesSubkey(keyName)) {
      return addCopyFilesPaths(keyName, values, {
        printerName: handle.printerName ?? '',
        serverName: handle.serverName,
        clientInfo: state.clientInfo,
        modules: this.o.modules,
        logger: this.o.logger,
        ...(this.o.trace && { trace: this.o.trace }),
      });
    }
    return values;
  }

  getPrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): RegValue {
    this.o.handles.state(handle);
    if (handle.kind === 'server') {
      const v = serverData(this.o.registry, handle.serverName).find(
        (d) => d.name.toLowerCase() === valueName.toLowerCase(),
      );
      if (!v) throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no server value "${valueName}"`);
      return v;
    }
    if (keyName === '')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'GetPrinterDataEx needs a key name');
    const v = this.dataKey(handle, keyName).getValue(valueName);
    if (v) return v;
    // PrinterDriverData's ChangeID: the printer's, as GetPrinter level 0 reports it (smbtorture's change_id).
    if (keyName.toLowerCase() === 'printerdriverdata' && valueName.toLowerCase() === 'changeid') {
      const key = this.o.printers.require(handle.printerName ?? '');
      return regDword('ChangeID', changeIdOf(key));
    }
    throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no value "${valueName}" in "${keyName}"`);
  }

  async setPrinterDataEx(handle: PrinterHandle, keyName: string, value: RegValue): Promise<void> {
    const state = this.o.handles.state(handle);
    if (handle.kind === 'server') {
      this.o.handles.requireAccess(handle, AccessMask.SERVER_ACCESS_ADMINISTER, 'SetPrinterDataEx');
      this.o.registry.createKey(PRINT_KEY).setValue(value);
      return;
    }
    this.o.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_ADMINISTER, 'SetPrinterDataEx');
    if (keyName === '' || keyName.split('\\').some((p) => p.length === 0)) {
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `bad key name "${keyName}"`);
    }
    const printerKey = this.o.printers.require(handle.printerName ?? '');
    const key = printerKey.createKey(keyName);
    key.setValue(value);
    this.o.printers.noteChange(printerKey);
    this.o.logger.info('SetPrinterDataEx', {
      printer: handle.printerName,
      key: keyName,
      value: value.name,
      user: state.caller.userName,
    });
    if (isCopyFilesSubkey(keyName)) await this.raiseCopyFilesEvent(handle, keyName, key);
  }

  async deletePrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<void> {
    this.o.handles.state(handle);
    this.o.handles.requireAccess(
      handle,
      handle.kind === 'server' ? AccessMask.SERVER_ACCESS_ADMINISTER : AccessMask.PRINTER_ACCESS_ADMINISTER,
      'DeletePrinterDataEx',
    );
    const key = handle.kind === 'server' ? this.o.registry.getKey(PRINT_KEY) : this.dataKey(handle, keyName);
    if (!key?.deleteValue(valueName))
      throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no value "${valueName}" in "${keyName}"`);
    if (handle.kind === 'printer') this.o.printers.noteChange(this.o.printers.require(handle.printerName ?? ''));
    if (handle.kind === 'printer' && isCopyFilesSubkey(keyName)) await this.raiseCopyFilesEvent(handle, keyName, key);
  }

  deletePrinterKey(handle: PrinterHandle, keyName: string): void {
    this.o.handles.state(handle);
    this.o.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_ADMINISTER, 'DeletePrinterKey');
    if (keyName === '')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'DeletePrinterKey needs a key name');
    const printerKey = this.o.printers.require(handle.printerName ?? '');
    if (!printerKey.deleteKey(keyName))
      throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no key "${keyName}"`);
    this.o.printers.noteChange(printerKey);
  }

  /** A printer's data key (`""` is the printer's own key, whose subkeys are the data keys). */
  private dataKey(handle: PrinterHandle, keyName: string): RegistryKey {
    if (handle.kind === 'server') {
      if (keyName !== '') throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no server key "${keyName}"`);
      return this.o.registry.getKey(PRINT_KEY) ?? this.o.registry.createKey(PRINT_KEY);
    }
    if (handle.kind !== 'printer')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'printer data needs a printer handle');
    const printerKey = this.o.printers.require(handle.printerName ?? '');
    const key = keyName === '' ? printerKey : printerKey.getKey(keyName);
    if (!key || keyName.split('\\').some((p) => p.length === 0 && keyName !== '')) {
      throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no key "${keyName}" on ${handle.printerName ?? ''}`);
    }
    return key;
  }

  private async raiseCopyFilesEvent(handle: PrinterHandle, keyName: string, key: RegistryKey): Promise<void> {
    await raiseSetPrinterDataEvent(keyName, key.valueList(), {
      printerName: handle.printerName ?? '',
      modules: this.o.modules,
      logger: this.o.logger,
      ...(this.o.trace && { trace: this.o.trace }),
    });
  }
}
