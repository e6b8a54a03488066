/**
 * Printers: EnumPrinters, GetPrinter and SetPrinter over the printer table. A caller sees only
 * the printers it may use; GetPrinter adds the printer's security descriptor for a handle
 * opened with READ_CONTROL; SetPrinter needs Manage Printer and wakes the printing side.
 */
import type { SpoolerClock } from '../../common/clock';
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { RegistryKey } from '../../registry/registry-key';
import { AccessMask, PrinterAttribute, PrinterEnum } from '../../spoolss/constants';
import type { CallerContext, PrinterChange, PrinterHandle, PrinterInfo } from '../../spoolss/types';
import type { Drivers } from '../drivers/drivers';
import type { PrinterHandles } from '../handles/printer-handles';
import { printerRightsFor, type PrinterAcl, type PrinterSecurityStore } from '../handles/printer-security';
import {
  encodePrinterSecurityDescriptor,
  encodeServerSecurityDescriptor,
  SidResolver,
} from '../handles/printer-security-descriptor';
import type { Jobs } from '../jobs/jobs';
import type { PrintQueue } from '../jobs/print-queue';
import { checkServerName } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import type { Printing } from '../printing/printing';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import { printerInfo } from './printer-info';
import { printerNameOf, type PrinterTable } from './printer-table';
import { applyPrinterFields, runPrinterCommand, type SetPrinterDeps } from './set-printer';

export interface PrintersOptions {
  readonly settings: PrintServerSettings;
  readonly printers: PrinterTable;
  readonly handles: PrinterHandles;
  readonly security: PrinterSecurityStore;
  readonly queue: PrintQueue;
  readonly jobs: Jobs;
  readonly drivers: Drivers;
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
  constructor(private readonly o: PrintersOptions) {}

  enumPrinters(flags: number, name: string | undefined, caller: CallerContext): PrinterInfo[] {
    const server = checkServerName(name, this.o.settings);
    // Connections belong to a client; a print server lists its local printers for the others.
    if ((flags & LOCAL_PRINTERS) === 0 || (flags & LOCAL_PRINTERS) === PrinterEnum.PRINTER_ENUM_CONNECTIONS) return [];
    const out: PrinterInfo[] = [];
    for (const key of this.o.printers.keys()) {
      if (printerRightsFor(this.o.security.get(printerNameOf(key)), caller) === 0) continue;
      const info = this.info(key, server, caller.remote);
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
    const acl = this.o.security.get(printerNameOf(key));
    return { ...info, securityDescriptor: encodePrinterSecurityDescriptor(acl, this.sids()) };
  }

  /** GetPrinter level 3 on a server handle; READ_CONTROL is part of every server open's rights. */
  serverSecurityDescriptor(handle: PrinterHandle): Buffer {
    this.o.handles.state(handle);
    if (handle.kind !== 'server') throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'not a server handle');
    return encodeServerSecurityDescriptor(this.sids());
  }

  async setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    const state = this.o.handles.state(handle);
    this.o.handles.requireAccess(handle, AccessMask.PRINTER_ACCESS_ADMINISTER, 'SetPrinter');
    const key = this.o.printers.require(handle.printerName ?? '');
    const deps: SetPrinterDeps = {
      jobs: this.o.jobs,
      drivers: this.o.drivers,
      security: this.o.security,
      sids: this.sids(),
      events: this.o.events,
    };
    await runPrinterCommand(key, change, state.caller, deps);
    applyPrinterFields(key, change, deps);
    this.o.printers.noteChange();
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
    this.o.printers.require(printerName);
    this.o.security.set(printerName, acl);
  }

  /** PRINTER_INFO of a printer as `server` names it to a remote or local caller. */
  info(key: RegistryKey, server: string, remote: boolean): PrinterInfo {
    return printerInfo(key, server, remote, this.o);
  }

  private sids(): SidResolver {
    return new SidResolver(this.o.settings.serverName, this.o.settings.users ?? []);
  }
}
