/**
 * The values of the fields a notification client asked for — [MS-RPRN] 2.2.3.8 (each job and
 * printer field, and the TABLE_* its value takes), read from the same JobInfo and PrinterInfo the
 * provider gives GetJob and GetPrinter (level 2), so access checks and names are the provider's.
 *
 * DEVIATION: Windows sends only the fields that changed; this server sends every requested field
 * of each job or printer that changed (a superset the client merges the same way).
 */
import { dateToSystemTime } from '../../../common/binary/filetime';
import { JobStatus } from '../../../spoolss/constants';
import { JobNotifyField as J, NotifyTable, NotifyType, PrinterNotifyField as P } from '../../../spoolss/printer-notify';
import type { JobInfo, PrinterInfo } from '../../../spoolss/types';
import type { NotifyInfoData, NotifyValue } from '../../rprn/structures/notify-info';

const dword = (value: number): NotifyValue => ({ table: NotifyTable.TABLE_DWORD, value: value >>> 0 });
const str = (value: string): NotifyValue => ({ table: NotifyTable.TABLE_STRING, value });
const bytes = (table: typeof NotifyTable.TABLE_DEVMODE | typeof NotifyTable.TABLE_SECURITYDESCRIPTOR, b?: Buffer) =>
  ({ table, value: b ?? Buffer.alloc(0) }) as NotifyValue;

function jobValue(job: JobInfo, field: number): NotifyValue | undefined {
  switch (field) {
    case J.JOB_NOTIFY_FIELD_PRINTER_NAME:
      return str(job.printerName);
    case J.JOB_NOTIFY_FIELD_MACHINE_NAME:
      return str(job.machineName);
    case J.JOB_NOTIFY_FIELD_USER_NAME:
      return str(job.userName);
    case J.JOB_NOTIFY_FIELD_NOTIFY_NAME:
      return str(job.notifyName);
    case J.JOB_NOTIFY_FIELD_DATATYPE:
      return str(job.datatype);
    case J.JOB_NOTIFY_FIELD_PRINT_PROCESSOR:
      return str(job.printProcessor);
    case J.JOB_NOTIFY_FIELD_PARAMETERS:
      return str(job.parameters);
    case J.JOB_NOTIFY_FIELD_DRIVER_NAME:
      return str(job.driverName);
    case J.JOB_NOTIFY_FIELD_DEVMODE:
      return bytes(NotifyTable.TABLE_DEVMODE, job.devMode);
    case J.JOB_NOTIFY_FIELD_STATUS:
      return dword(job.status);
    case J.JOB_NOTIFY_FIELD_STATUS_STRING:
      return str(job.statusText);
    case J.JOB_NOTIFY_FIELD_DOCUMENT:
      return str(job.documentName);
    case J.JOB_NOTIFY_FIELD_PRIORITY:
      return dword(job.priority);
    case J.JOB_NOTIFY_FIELD_POSITION:
      return dword(job.position);
    case J.JOB_NOTIFY_FIELD_SUBMITTED:
      return { table: NotifyTable.TABLE_TIME, value: dateToSystemTime(job.submitted) };
    case J.JOB_NOTIFY_FIELD_START_TIME:
      return dword(job.startTime);
    case J.JOB_NOTIFY_FIELD_UNTIL_TIME:
      return dword(job.untilTime);
    case J.JOB_NOTIFY_FIELD_TIME:
      return dword(job.time);
    case J.JOB_NOTIFY_FIELD_TOTAL_PAGES:
      return dword(job.totalPages);
    case J.JOB_NOTIFY_FIELD_PAGES_PRINTED:
      return dword(job.pagesPrinted);
    case J.JOB_NOTIFY_FIELD_TOTAL_BYTES:
      return dword(job.size);
    case J.JOB_NOTIFY_FIELD_BYTES_PRINTED:
      return dword(job.status & JobStatus.JOB_STATUS_PRINTED ? job.size : 0);
    default:
      // PORT_NAME and SECURITY_DESCRIPTOR (JobInfo has neither) and unknown fields: no entry.
      return undefined;
  }
}

function printerValue(p: PrinterInfo, field: number): NotifyValue | undefined {
  switch (field) {
    case P.PRINTER_NOTIFY_FIELD_SERVER_NAME:
      return str(p.serverName);
    case P.PRINTER_NOTIFY_FIELD_PRINTER_NAME:
      return str(p.printerName);
    case P.PRINTER_NOTIFY_FIELD_SHARE_NAME:
      return str(p.shareName);
    case P.PRINTER_NOTIFY_FIELD_PORT_NAME:
      return str(p.portNames.join(','));
    case P.PRINTER_NOTIFY_FIELD_DRIVER_NAME:
      return str(p.driverName);
    case P.PRINTER_NOTIFY_FIELD_COMMENT:
      return str(p.comment);
    case P.PRINTER_NOTIFY_FIELD_LOCATION:
      return str(p.location);
    case P.PRINTER_NOTIFY_FIELD_DEVMODE:
      return bytes(NotifyTable.TABLE_DEVMODE, p.devMode);
    case P.PRINTER_NOTIFY_FIELD_SEPFILE:
      return str(p.sepFile);
    case P.PRINTER_NOTIFY_FIELD_PRINT_PROCESSOR:
      return str(p.printProcessor);
    case P.PRINTER_NOTIFY_FIELD_PARAMETERS:
      return str(p.parameters);
    case P.PRINTER_NOTIFY_FIELD_DATATYPE:
      return str(p.datatype);
    case P.PRINTER_NOTIFY_FIELD_SECURITY_DESCRIPTOR:
      return bytes(NotifyTable.TABLE_SECURITYDESCRIPTOR, p.securityDescriptor);
    case P.PRINTER_NOTIFY_FIELD_ATTRIBUTES:
      return dword(p.attributes);
    case P.PRINTER_NOTIFY_FIELD_PRIORITY:
      return dword(p.priority);
    case P.PRINTER_NOTIFY_FIELD_DEFAULT_PRIORITY:
      return dword(p.defaultPriority);
    case P.PRINTER_NOTIFY_FIELD_START_TIME:
      return dword(p.startTime);
    case P.PRINTER_NOTIFY_FIELD_UNTIL_TIME:
      return dword(p.untilTime);
    case P.PRINTER_NOTIFY_FIELD_STATUS:
      return dword(p.status);
    case P.PRINTER_NOTIFY_FIELD_CJOBS:
      return dword(p.jobCount);
    case P.PRINTER_NOTIFY_FIELD_AVERAGE_PPM:
      return dword(p.averagePpm);
    case P.PRINTER_NOTIFY_FIELD_TOTAL_PAGES:
      return dword(p.totalPages);
    case P.PRINTER_NOTIFY_FIELD_TOTAL_BYTES:
      return dword(p.totalBytes);
    default:
      // STATUS_STRING, PAGES_PRINTED, BYTES_PRINTED: Windows leaves them unsupported too.
      return undefined;
  }
}

export function jobNotifyData(job: JobInfo, fields: readonly number[]): NotifyInfoData[] {
  return fields.flatMap((field) => {
    const data = jobValue(job, field);
    return data === undefined ? [] : [{ type: NotifyType.JOB_NOTIFY_TYPE, field, id: job.jobId, data }];
  });
}

/** A job that is gone: its status says so (JOB_STATUS_DELETED), the only field that still has a value. */
export function deletedJobNotifyData(jobId: number, fields: readonly number[]): NotifyInfoData[] {
  return fields.includes(J.JOB_NOTIFY_FIELD_STATUS)
    ? [
        {
          type: NotifyType.JOB_NOTIFY_TYPE,
          field: J.JOB_NOTIFY_FIELD_STATUS,
          id: jobId,
          data: dword(JobStatus.JOB_STATUS_DELETED),
        },
      ]
    : [];
}

export function printerNotifyData(printer: PrinterInfo, fields: readonly number[]): NotifyInfoData[] {
  return fields.flatMap((field) => {
    const data = printerValue(printer, field);
    return data === undefined ? [] : [{ type: NotifyType.PRINTER_NOTIFY_TYPE, field, id: 0, data }];
  });
}
