/**
 * Adapts the spooler to the printer-share contract: CREATE + WRITE + CLOSE on `\\SERVER\HpColor`
 * becomes StartDocPrinter / WritePrinter / EndDocPrinter on the printer behind that share, as
 * the caller, so the printer's security applies on this path too.
 */
import { NtStatusError, Win32Error } from '../common/errors';
import type { AuthenticatedUser } from '../common/identity';
import type { PrintJobWriter, PrintQueueSink } from '../spoolss/print-queue-sink';
import { NtStatus } from '../common/status/ntstatus';
import { Win32ErrorCode } from '../common/status/win32-error';
import { AccessMask, PrinterAttribute, PrinterEnum } from '../spoolss/constants';
import type { PrintProvider } from '../spoolss/print-provider';
import type { CallerContext } from '../spoolss/types';

export function callerFromUser(user: AuthenticatedUser, machineName?: string): CallerContext {
  const machine = machineName ?? user.machineName;
  return {
    userName: user.userName,
    domain: user.domain,
    groups: user.groups,
    isAdministrator: user.isAdministrator,
    remote: true,
    ...(machine !== undefined && { machineName: machine }),
  };
}

/** Win32 errors of a job submission and the NTSTATUS a printer share answers with (what Windows' server gives). */
const NT_STATUS_OF: Readonly<Record<number, number>> = {
  [Win32ErrorCode.ERROR_ACCESS_DENIED]: NtStatus.STATUS_ACCESS_DENIED,
  [Win32ErrorCode.ERROR_INVALID_PRINTER_NAME]: NtStatus.STATUS_BAD_NETWORK_NAME,
  [Win32ErrorCode.ERROR_DISK_FULL]: NtStatus.STATUS_DISK_FULL,
};

/**
 * The one place where a job submission's failure becomes the NTSTATUS of a printer share's
 * CREATE, WRITE or CLOSE. A full disk is ERROR_DISK_FULL from the spooler's writers
 * (lib/common/file-system-errors.ts), STATUS_DISK_FULL here.
 */
function toNtStatus(err: unknown): Error {
  if (!(err instanceof Win32Error)) return err instanceof Error ? err : new Error(String(err));
  const status = NT_STATUS_OF[err.win32] ?? NtStatus.STATUS_UNSUCCESSFUL;
  return new NtStatusError(status, err.message, { cause: err });
}

export interface PrintQueueAdapter extends PrintQueueSink {
  /** Re-reads which printers are shared (after SetPrinter changed a share). */
  refresh(): Promise<void>;
  /** Each shared printer's comment, by share name: the remark `smbclient -L` shows. */
  shareComments(): Readonly<Record<string, string>>;
}

export function createPrintQueueAdapter(provider: PrintProvider, serverName: string): PrintQueueAdapter {
  let shares: string[] = [];
  let comments: Record<string, string> = {};
  const caller: CallerContext = {
    userName: 'SYSTEM',
    groups: ['Administrators'],
    isAdministrator: true,
    remote: false,
  };
  const refresh = async (): Promise<void> => {
    const printers = await provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, caller);
    const shared = printers.filter(
      (p) => (p.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) !== 0 && p.shareName,
    );
    shares = shared.map((p) => p.shareName);
    comments = Object.fromEntries(shared.map((p) => [p.shareName, p.comment]));
  };
  // Shares follow AddPrinter, DeletePrinter and SetPrinter.
  provider.watchPrinters?.(() => {
    refresh().catch(() => undefined);
  });
  return {
    refresh,
    shareNames: () => shares,
    shareComments: () => comments,
    async startJob(shareName, documentName, user, machineName): Promise<PrintJobWriter> {
      try {
        const handle = await provider.openPrinter(
          `\\\\${serverName}\\${shareName}`,
          { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
          callerFromUser(user, machineName),
        );
        const jobId = await provider.startDocPrinter(handle, { documentName, datatype: 'RAW' });
        let open = true;
        const finish = async (how: 'commit' | 'abort'): Promise<void> => {
          if (!open) return;
          open = false;
          try {
            if (how === 'commit') await provider.endDocPrinter(handle);
            else await provider.abortPrinter(handle);
          } finally {
            await provider.closePrinter(handle);
          }
        };
        return {
          jobId,
          write: async (data) => {
            await provider.writePrinter(handle, data).catch((err: unknown) => Promise.reject(toNtStatus(err)));
          },
          commit: () => finish('commit').catch((err: unknown) => Promise.reject(toNtStatus(err))),
          abort: () => finish('abort'),
        };
      } catch (err) {
        throw toNtStatus(err);
      }
    },
  };
}
