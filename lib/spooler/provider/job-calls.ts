/**
 * The facade's job calls (room jobs/): a document from StartDocPrinter to EndDocPrinter, and
 * the queue's jobs.
 */
import type { SetJobFields } from '../../spoolss/print-provider';
import type { DocInfo, JobInfo, PrinterHandle } from '../../spoolss/types';
import { PortCalls } from './port-calls';
import { answer } from './spooler-facade';

export abstract class JobCalls extends PortCalls {
  resetPrinter(handle: PrinterHandle, datatype: string | undefined, devMode: Buffer | undefined): Promise<void> {
    return answer(() =>
      this.spl.jobs.resetPrinter(handle, datatype, devMode, (processor) =>
        this.spl.printProcessors.enumPrintProcessorDatatypes(undefined, processor),
      ),
    );
  }

  startDocPrinter(handle: PrinterHandle, doc: DocInfo): Promise<number> {
    return this.spl.jobs.startDocPrinter(handle, doc);
  }

  startPagePrinter(handle: PrinterHandle): Promise<void> {
    return answer(() => this.spl.jobs.startPagePrinter(handle));
  }

  writePrinter(handle: PrinterHandle, data: Buffer): Promise<number> {
    return this.spl.jobs.writePrinter(handle, data);
  }

  endPagePrinter(handle: PrinterHandle): Promise<void> {
    return answer(() => this.spl.jobs.endPagePrinter(handle));
  }

  endDocPrinter(handle: PrinterHandle): Promise<void> {
    return this.spl.jobs.endDocPrinter(handle);
  }

  abortPrinter(handle: PrinterHandle): Promise<void> {
    return this.spl.jobs.abortPrinter(handle);
  }

  enumJobs(handle: PrinterHandle, firstJob: number, count: number): Promise<JobInfo[]> {
    return answer(() => this.spl.jobs.enumJobs(handle, firstJob, count));
  }

  getJob(handle: PrinterHandle, jobId: number): Promise<JobInfo> {
    return answer(() => this.spl.jobs.getJob(handle, jobId));
  }

  setJob(handle: PrinterHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void> {
    return this.spl.jobs.setJob(handle, jobId, command, fields);
  }
}
