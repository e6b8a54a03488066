/**
 * Printers: EnumPrinters, GetPrinter and SetPrinter over the printer table. A caller sees only
 * the printers it may use; GetPrinter adds the printer's security descriptor for a handle
 * opened with READ_CONTROL; SetPrinter needs Manage Printer and wakes the printing side.
 */
import type { SpoolerClock } from '../../common/clock';
import { regDword } from '../../common/reg-value';
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { RegistryKey } from '../../registry/registry-key';
import { AccessMask, PrinterAttribute, PrinterEnum, PrinterStatus } from '../../spoolss/constants';
import type { CallerContext, NewPrinter, PrinterChange, PrinterHandle, PrinterInfo } from '../../spoolss/types';
import type { Drivers } from '../drivers/drivers';
import type { PrintProcessors } from '../drivers/print-processors';
import { accessDenied } from '../handles/access-denied';
import type { PrinterHandles } from '../handles/printer-handles';
import type { PrinterAcl } from '../handles/printer-security';
import { encodePrinterSecurityDescriptor, type SidResolver } from '../handles/printer-security-descriptor';
import { securityValue, type PrinterSecurityStore } from '../handles/printer-security-store';
import type { Jobs } from '../jobs/jobs';
import type { PrintQueue } from '../jobs/print-queue';
import { checkServerName } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import type { Ports } from '../ports/ports';
import type { Printing } from '../printing/printing';
import { readDword, readSz } from '../registry-values';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import { addPrinterKey, writeDsSpooler } from './add-printer';
import { printerInfo } from './printer-info';
import { printerNameOf, type PrinterTable } from './printer-table';
import { renamePrinter, requestedPrinterName } from './rename-printer';
import { applyPrinterFields, runPrinterCommand, type SetPrinterDeps } from './set-printer';

export interface PrintersOptions {
  readonly settings: PrintServerSettings;
  readonly printers: PrinterTable;
  readonly handles: PrinterHandles;
  readonly security: PrinterSecurityStore;
  /** The server's one resolver (printer-security-store.ts). */
  readonly sids: SidResolver;
  readonly queue: PrintQueue;
  readonly jobs: Jobs;
  readonly drivers: Drivers;
  readonly ports: Ports;
  readonly printProcessors: PrintProcessors;
  readonly printing: Printing;
  readonly events: PrintEventLog;
  readonly clock: SpoolerClock;
  readonly logger: Logger;
}

/** The flags that ask a print server for its own printers. */
const LOCAL_PRINTERS =
  PrinterEnum.PRINTER_ENUM_LOCAL |
  PrinterEnum.PRINTER_ENUM_NAME |
  PrinterEnum.PRINTER_ENUM_SHARED |
  PrinterEnum.PRINTER_ENUM_CONNECTIONS;

export class Printers {
  private readonly watchers = new Set<() => void>();

  constructor(private readonly o: PrintersOptions) {}

  /** Called when a printer is added or deleted or its settings change (shares follow). */
  watch(listener: () => void): void {
    this.watchers.add(listener);
  }

  /**
   * AddPrinter(Ex) level 2 (add-printer.ts): needs SERVER_ACCESS_ADMINISTER on the print server;
   * the new printer is logged (event 300) and opened for its creator with PRINTER_ALL_ACCESS.
   */
  addPrinter(serverName: string | undefined, p: NewPrinter, caller: CallerContext): { server: string; name: string } {
    const server = checkServerName(serverName, this.o.settings);
    const missing = AccessMask.SERVER_ACCESS_ADMINISTER & ~this.o.security.serverRights(caller);
    if (missing !== 0) throw accessDenied(this.o.logger, 'AddPrinter', p.printerName ?? '', caller, missing);
    const key = addPrinterKey(p, { ...this.setPrinterDeps(), ...this.o, serverName: server });
    const name = printerNameOf(key);
    this.o.printers.noteChange(key);
    this.o.events.write(PrintEventId.PRINTER_ADDED, `Printer ${name} was created. No user action is required.`, {
      printerName: name,
      userName: caller.userName,
    });
    this.o.logger.info('AddPrinter', { printer: name, user: caller.userName, port: readSz(key, 'Port') ?? '' });
    this.changedPrinters();
    return { server, name };
  }

  /**
   * DeletePrinter — [MS-RPRN] 3.1.4.2.4: needs DELETE on the handle; the printer's key, share and
   * ACL go (event 301). The handle stays open until closed; calls on it then find no printer.
   *
   * DEVIATION: jobs still in the queue are deleted with the printer (as PRINTER_CONTROL_PURGE
   * deletes them). Windows marks the printer PRINTER_STATUS_PENDING_DELETION and removes it once
   * they have printed; here a port may have no device behind it, so they might never print and
   * the name would stay taken (smbtorture's printer cases add the same printer again at once).
   */
  async deletePrinter(handle: PrinterHandle): Promise<void> {
    const state = this.o.handles.requireAccess(handle, AccessMask.DELETE, 'DeletePrinter');
    if (handle.kind !== 'printer') throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'not a printer handle');
    const key = this.o.printers.require(handle.printerName ?? '');
    const name = printerNameOf(key);
    const user = state.caller.userName;
    key.setValue(regDword('Status', (readDword(key, 'Status') ?? 0) | PrinterStatus.PRINTER_STATUS_PENDING_DELETION));
    await this.o.jobs.purge(name);
    this.o.printers.remove(key);
    this.o.events.write(PrintEventId.PRINTER_DELETED, `Printer ${name} was deleted. No user action is required.`, {
      printerName: name,
      userName: user,
    });
    this.o.logger.info('DeletePrinter', { printer: name, user });
    this.changedPrinters();
  }

  enumPrinters(flags: number, name: string | undefined, caller: CallerContext): PrinterInfo[] {
    const server = checkServerName(name, this.o.settings);
    // Connections belong to a client; a print server lists its local printers for the others.
    if ((flags & LOCAL_PRINTERS) === 0 || (flags & LOCAL_PRINTERS) === PrinterEnum.PRINTER_ENUM_CONNECTIONS) return [];
    const out: PrinterInfo[] = [];
    for (const key of this.o.printers.keys()) {
      if (this.o.security.printerRights(printerNameOf(key), caller) === 0) continue;
      // Asked with an empty server name, Windows names the printers without one (NULL
      // pServerName, smbtorture's enum_printers_servername); a NULL name is the server's own.
      const info = this.info(key, server, caller.remote && name !== '');
      const shared = (info.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) !== 0;
      if (flags & PrinterEnum.PRINTER_ENUM_SHARED && !shared) continue;
      out.push(info);
    }
    return out;
  }

  getPrinter(handle: PrinterHandle): PrinterInfo {
    const state = this.o.handles.state(handle);
    if (handle.kind === 'server')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'GetPrinter needs a printer handle');
    const key = this.o.printers.require(handle.printerName ?? '');
    const info = this.info(key, handle.serverName, state.caller.remote && !state.byLocalName);
    // The descriptor is readable with READ_CONTROL (part of Print), as GetPrinter level 2/3 require.
    if ((handle.grantedAccess & AccessMask.READ_CONTROL) === 0) return info;
    return { ...info, securityDescriptor: this.o.security.descriptor(printerNameOf(key)) };
  }

  /** GetPrinter level 3 on a server handle; READ_CONTROL is part of every server open's rights. */
  serverSecurityDescriptor(handle: PrinterHandle): Buffer {
    this.o.handles.state(handle);
    if (handle.kind !== 'server') throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'not a server handle');
    return this.o.security.serverDescriptor();
  }

  /**
   * SetPrinter on a server handle: level 3, the print server's security descriptor, kept under
   * `...\Control\Print`, returned by GetPrinter level 3 as set and evaluated when the server is
   * opened. Needs SERVER_ACCESS_ADMINISTER.
   */
  private setServerSecurity(handle: PrinterHandle, change: PrinterChange): void {
    this.o.handles.requireAccess(handle, AccessMask.SERVER_ACCESS_ADMINISTER, 'SetPrinter');
    const sd = change.fields?.securityDescriptor;
    if (sd === undefined || change.command || Object.keys(change.fields ?? {}).length !== 1)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_LEVEL, 'a server handle takes SetPrinter level 3 only');
    this.o.security.setServerDescriptor(sd);
  }

  async setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    const state = this.o.handles.state(handle);
    if (handle.kind === 'server') return this.setServerSecurity(handle, change);
    this.o.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_ADMINISTER, 'SetPrinter');
    let key = this.o.printers.require(handle.printerName ?? '');
    const deps = this.setPrinterDeps();
    await runPrinterCommand(key, change, state.caller, deps);
    const newName = requestedPrinterName(change.fields?.printerName ?? '');
    if (newName !== '') key = await renamePrinter(key, newName, this.o);
    applyPrinterFields(key, change, deps);
    if (change.fields && key.getKey('DsSpooler')) writeDsSpooler(key, this.o.settings.serverName);
    this.o.printers.noteChange(key);
    this.changedPrinters();
    if (change.fields) {
      this.o.events.write(PrintEventId.PRINTER_SET, `Settings for printer ${printerNameOf(key)} were changed.`, {
        printerName: printerNameOf(key),
        userName: state.caller.userName,
      });
    }
    this.o.printing.kick();
    this.o.logger.info('SetPrinter', {
      printer: handle.printerName,
      user: state.caller.userName,
      command: change.command ?? 0,
    });
  }

  /** Replaces a printer's ACL (Security tab); printers without one have Windows' default. */
  setPrinterAcl(printerName: string, acl: PrinterAcl): void {
    const key = this.o.printers.require(printerName);
    // The registry is the descriptor's one place: its `Security` value is what a restart reads.
    key.setValue(securityValue(encodePrinterSecurityDescriptor(acl, this.o.sids)));
  }

  /** PRINTER_INFO of a printer as `server` names it to a remote or local caller. */
  info(key: RegistryKey, server: string, remote: boolean): PrinterInfo {
    return printerInfo(key, server, remote, this.o);
  }

  private setPrinterDeps(): SetPrinterDeps {
    return {
      jobs: this.o.jobs,
      drivers: this.o.drivers,
      security: this.o.security,
      events: this.o.events,
      ports: this.o.ports,
    };
  }

  private changedPrinters(): void {
    for (const w of this.watchers) w();
  }
}
