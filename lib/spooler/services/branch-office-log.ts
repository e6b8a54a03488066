/**
 * Branch Office Print Remote Logging — [MS-RPRN] 3.1.4.13.1 RpcLogJobInfoForBranchOffice: a
 * client that prints straight to a device (branch office direct printing) sends the server the
 * events of its jobs, and the server writes them to its own event log as if it had printed them:
 *
 *   kLogJobPrinted 307 (Operational), kLogJobRendered 805 (Operational), kLogJobError 372,
 *   kLogJobPipelineError 824, kLogOfflineFileFull 868 (Admin)   — 2.2.1.15.3-7
 *
 * The handle must be a printer's (used without further access checks, as the specification
 * allows); a container without entries is ERROR_INVALID_PARAMETER, as Windows answers smbtorture.
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { BranchOfficeJobData, BranchOfficeLog } from '../../spoolss/spooler-extras';
import type { PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import { PrintEventId, type PrintEventLog } from './event-log';

export interface BranchOfficeLogOptions {
  readonly handles: PrinterHandles;
  readonly events: PrintEventLog;
  readonly logger: Logger;
}

export class BranchOfficeLogRoom implements BranchOfficeLog {
  constructor(private readonly o: BranchOfficeLogOptions) {}

  logJobInfoForBranchOffice(handle: PrinterHandle, entries: readonly BranchOfficeJobData[]): Promise<void> {
    return new Promise<void>((resolve) => {
      const { caller } = this.o.handles.state(handle);
      if (handle.kind === 'server')
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'branch office logging needs a printer handle');
      if (entries.length === 0)
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'no branch office log entries');
      for (const e of entries) this.write(e);
      this.o.logger.info('branch office events logged', {
        printer: handle.printerName,
        user: caller.userName,
        count: entries.length,
      });
      resolve();
    });
  }

  private write(e: BranchOfficeJobData): void {
    const events = this.o.events;
    switch (e.event) {
      case 'printed':
        events.documentPrinted({ ...e, size: Number(e.size) });
        return;
      case 'rendered':
        events.write(
          PrintEventId.DOCUMENT_RENDERED,
          `Document ${e.jobId} was rendered on the client: ${e.size} bytes, ${e.copies} copies, ` +
            `color ${e.color}, quality ${e.printQuality}, Y resolution ${e.yResolution}.`,
          { ...e, size: Number(e.size) },
        );
        return;
      case 'error':
        events.write(
          PrintEventId.DOCUMENT_FAILED,
          `The document ${e.documentName}, owned by ${e.userName}, failed to print on printer ${e.printerName}. ` +
            `Data type: ${e.dataType}. Size of the spool file in bytes: ${e.totalSize}. Number of bytes printed: ` +
            `${e.printedSize}. Total number of pages in the document: ${e.totalPages}. Number of pages printed: ` +
            `${e.printedPages}. Client computer: ${e.machineName}. Win32 error code returned by the print ` +
            `processor: ${e.lastError}. ${e.errorDescription}`,
          { ...e, totalSize: Number(e.totalSize), printedSize: Number(e.printedSize) },
          'error',
        );
        return;
      case 'pipelineError':
        events.write(
          PrintEventId.PIPELINE_FAILED,
          `The print pipeline failed for document ${e.documentName} on printer ${e.printerName}. ${e.extraErrorInfo}`,
          { ...e },
          'error',
        );
        return;
      case 'offlineFileFull':
        events.write(
          PrintEventId.OFFLINE_LOG_FULL,
          `The branch office offline log archive on ${e.machineName} is full: events were lost.`,
          { ...e },
          'warning',
        );
        return;
    }
  }
}
