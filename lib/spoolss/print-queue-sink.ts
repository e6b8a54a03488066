/**
 * The contract between a printer share (SMB2 PRINTQ tree) and the spooler: CREATE + WRITE + CLOSE
 * of a file on `\\SERVER\HpColor` is a print job. The composition root adapts the spooler to it.
 */
import type { AuthenticatedUser } from '../common/identity';

export interface PrintJobWriter {
  readonly jobId: number;
  write(data: Buffer): Promise<void>;
  /** CLOSE: the job is complete and is queued. */
  commit(): Promise<void>;
  /** The connection went away before CLOSE: nothing is printed. */
  abort(): Promise<void>;
}

export interface PrintQueueSink {
  /** Share names of the shared printers (PRINTQ shares). */
  shareNames(): readonly string[];
  /** Throws NtStatusError (e.g. STATUS_ACCESS_DENIED) when the user may not print. */
  startJob(
    shareName: string,
    documentName: string,
    user: AuthenticatedUser,
    machineName: string,
  ): Promise<PrintJobWriter>;
}
