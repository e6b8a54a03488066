/**
 * The spooler's open handles: OpenPrinter(Ex) on the server, a printer (by printer or share
 * name), a job (`printer,Job N`) or a port monitor (`,XcvMonitor m`, `,XcvPort p`), each granted what the access check allows the caller
 * (printer-security.ts), and the state a handle carries between calls: the caller, the client's
 * SPLCLIENT_INFO_1 (for CopyFiles modules) and the document StartDocPrinter opened on it.
 */
import { randomBytes } from 'node:crypto';
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { namesThisServer, parsePrinterName } from '../../spoolss/printer-name';
import type { CallerContext, OpenPrinterOptions, PrinterHandle, SplClientInfo1 } from '../../spoolss/types';
import type { PrintServerSettings } from '../print-server-options';
import type { PrintQueue } from '../jobs/print-queue';
import { printerNameOf, type PrinterTable } from '../printers/printer-table';
import { accessDenied } from './access-denied';
import { accessCheck } from './printer-security';
import type { PrinterSecurityStore } from './printer-security-store';

export interface HandleState {
  readonly handle: PrinterHandle;
  readonly caller: CallerContext;
  readonly clientInfo?: SplClientInfo1;
  /**
   * Opened by a name without `\\SERVER\` ("HpColor"): GetPrinter then names the printer as the
   * caller did, with a NULL server name (smbtorture's enum_printers_servername, from Windows).
   */
  readonly byLocalName: boolean;
  /** The job StartDocPrinter opened on this handle. */
  activeJob?: number;
  /**
   * The handle's defaults for the documents it starts, as ResetPrinter set them.
   * DEVIATION: OpenPrinter's own pDatatype and DEVMODE are not kept as the handle's defaults.
   */
  datatype?: string;
  devMode?: Buffer;
}

export interface PrinterHandlesOptions {
  readonly settings: PrintServerSettings;
  readonly printers: PrinterTable;
  readonly queue: PrintQueue;
  readonly security: PrinterSecurityStore;
  readonly logger: Logger;
  /** The monitor an `,XcvMonitor` or `,XcvPort` name reaches, if it has one that answers XcvData. */
  readonly xcvTarget?: (kind: 'monitor' | 'port', name: string) => PrinterHandle['xcv'];
}

export class PrinterHandles {
  private readonly handles = new Map<string, HandleState>();

  constructor(private readonly o: PrinterHandlesOptions) {}

  /** OpenPrinter(Ex): ERROR_INVALID_PRINTER_NAME for another server or an unknown printer or job. */
  openPrinter(name: string | undefined, options: OpenPrinterOptions, caller: CallerContext): PrinterHandle {
    const { settings } = this.o;
    // `\\SERVER\` names neither the server nor a printer (Windows: smbtorture openprinter_badnamelist).
    if (name !== undefined && /^\\\\[^\\]+\\$/.test(name))
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `"${name}" names no printer`);
    const parsed = parsePrinterName(name);
    if (parsed.server !== undefined && !namesThisServer(parsed.server, settings.serverName, settings.aliases)) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_INVALID_PRINTER_NAME,
        `"${parsed.server}" is not this server (${settings.serverName})`,
      );
    }
    const serverName = parsed.server ?? settings.serverName;
    const denied = (missing: number): Win32Error =>
      accessDenied(this.o.logger, 'OpenPrinter', name ?? '', caller, missing);
    let handle: PrinterHandle;
    if (parsed.xcv !== undefined) {
      const xcv = this.o.xcvTarget?.(parsed.xcv.kind, parsed.xcv.name);
      if (!xcv) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no port monitor for "${name ?? ''}"`);
      const check = accessCheck('server', options.desiredAccess, this.o.security.serverRights(caller));
      if (!check.granted) throw denied(check.missing);
      handle = { id: newHandleId(), kind: 'xcv', grantedAccess: check.access, serverName, xcv };
    } else if (parsed.printer === undefined) {
      const check = accessCheck('server', options.desiredAccess, this.o.security.serverRights(caller));
      if (!check.granted) throw denied(check.missing);
      handle = { id: newHandleId(), kind: 'server', grantedAccess: check.access, serverName };
    } else {
      const key = this.o.printers.find(parsed.printer);
      if (!key)
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no printer or share "${parsed.printer}"`);
      const printerName = printerNameOf(key);
      if (parsed.jobId !== undefined) {
        const job = this.o.queue.get(parsed.jobId);
        if (!job || job.printerName.toLowerCase() !== printerName.toLowerCase()) {
          throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no job ${parsed.jobId} on ${printerName}`);
        }
        const check = accessCheck(
          'job',
          options.desiredAccess,
          this.o.security.jobRights(printerName, caller, job.userName),
        );
        if (!check.granted) throw denied(check.missing);
        handle = { id: newHandleId(), kind: 'job', grantedAccess: check.access, printerName, serverName };
      } else {
        const check = accessCheck('printer', options.desiredAccess, this.o.security.printerRights(printerName, caller));
        if (!check.granted) throw denied(check.missing);
        handle = { id: newHandleId(), kind: 'printer', grantedAccess: check.access, printerName, serverName };
      }
    }
    this.handles.set(handle.id, {
      handle,
      caller,
      byLocalName: parsed.server === undefined,
      ...(options.clientInfo !== undefined && { clientInfo: options.clientInfo }),
      ...(parsed.jobId !== undefined && { activeJob: undefined }),
    });
    this.o.logger.info('OpenPrinter', {
      name: name ?? '',
      kind: handle.kind,
      user: caller.userName,
      granted: `0x${handle.grantedAccess.toString(16).padStart(8, '0')}`,
    });
    return handle;
  }

  /** The state of an open handle; ERROR_INVALID_HANDLE for one never opened or already closed. */
  state(handle: PrinterHandle): HandleState {
    const s = this.handles.get(handle.id);
    if (!s) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'unknown or closed handle');
    return s;
  }

  /** The handle was granted `right` at open, or ERROR_ACCESS_DENIED. */
  requireAccess(handle: PrinterHandle, right: number, op: string): HandleState {
    const state = this.state(handle);
    if ((handle.grantedAccess & right) !== right)
      throw accessDenied(this.o.logger, op, handle.printerName ?? '', state.caller, right);
    return state;
  }

  /** The job StartDocPrinter opened on the handle, or ERROR_SPL_NO_STARTDOC. */
  activeJob(handle: PrinterHandle): number {
    const state = this.state(handle);
    if (state.activeJob === undefined)
      throw new Win32Error(Win32ErrorCode.ERROR_SPL_NO_STARTDOC, 'no document started on this handle');
    return state.activeJob;
  }

  /** A printer was renamed: its open handles follow it (they name the printer, not a name). */
  printerRenamed(oldName: string, newName: string): void {
    for (const { handle } of this.handles.values()) {
      if (handle.printerName?.toLowerCase() !== oldName.toLowerCase()) continue;
      // The same handle object the rpc layer holds: its printer is the renamed one from now on.
      (handle as { printerName?: string }).printerName = newName;
    }
  }

  /** ClosePrinter's last step, once the handle's document is ended. */
  forget(handle: PrinterHandle): void {
    this.handles.delete(handle.id);
  }

  all(): HandleState[] {
    return [...this.handles.values()];
  }

  get count(): number {
    return this.handles.size;
  }
}

function newHandleId(): string {
  return randomBytes(16).toString('hex');
}
