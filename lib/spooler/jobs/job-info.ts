/**
 * JOB_INFO of a queued job ([MS-RPRN] 2.2.1.7): its status carries the state of the device the
 * job waits at (offline, out of paper, needs attention), and a job on a device reports the pages
 * the device has printed so far.
 */
import { DeviceFault } from '../../devices/print-device';
import { JobStatus } from '../../spoolss/constants';
import type { JobInfo } from '../../spoolss/types';
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

/** JOB_STATUS_* with the state of the device the job waits at. */
function jobStatus(job: PrintJob, printing: Printing): number {
  const at = printing.activeJob(job.jobId);
  const device = at && printing.deviceAt(at.portName);
  if (!device) return job.status;
  let s = job.status;
  const faults = device.faults;
  if (faults.includes(DeviceFault.OFFLINE)) s |= JobStatus.JOB_STATUS_OFFLINE;
  if (faults.includes(DeviceFault.PAPER_OUT)) s |= JobStatus.JOB_STATUS_PAPEROUT | JobStatus.JOB_STATUS_ERROR;
  if (faults.some((f) => f === DeviceFault.JAM || f === DeviceFault.TONER_OUT || f === DeviceFault.DOOR_OPEN)) {
    s |= JobStatus.JOB_STATUS_ERROR | JobStatus.JOB_STATUS_USER_INTERVENTION;
  }
  return s >>> 0;
}
