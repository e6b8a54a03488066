/**
 * JOB_INFO of a queued job ([MS-RPRN] 2.2.1.7): its status carries the state of the device the
 * job waits at (offline, out of paper, needs attention) as the port monitor knows it, and a job
 * on a device reports the pages the port has seen come out so far.
 */
import type { JobInfo } from '../../spoolss/types';
import { jobStatusAtDevice } from '../ports/port-status';
import type { Printing } from '../printing/printing';
import type { PrintJob } from './print-job';
import type { PrintQueue } from './print-queue';

export function jobInfo(job: PrintJob, server: string, queue: PrintQueue, printing: Printing): JobInfo {
  return {
    jobId: job.jobId,
    printerName: job.printerName,
    serverName: `\\\\${server}`,
    machineName: job.machineName,
    userName: job.userName,
    documentName: job.documentName,
    notifyName: job.userName,
    datatype: job.datatype,
    printProcessor: job.printProcessor,
    parameters: '',
    driverName: job.driverName,
    statusText: '',
    status: jobStatus(job, printing),
    priority: job.priority,
    position: queue.positionOf(job),
    startTime: 0,
    untilTime: 0,
    totalPages: job.totalPages,
    size: job.size,
    submitted: job.submitted,
    time: 0,
    pagesPrinted: printing.activeJob(job.jobId)?.pagesPrinted ?? job.pagesPrinted,
  };
}

/** JOB_STATUS_* with the state of the device the job waits at, as its port monitor reports it. */
function jobStatus(job: PrintJob, printing: Printing): number {
  const at = printing.activeJob(job.jobId);
  const port = at && printing.portStatus(at.portName);
  if (!port) return job.status;
  return (job.status | jobStatusAtDevice(port.status)) >>> 0;
}
