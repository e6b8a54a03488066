/**
 * Printer change notifications, the part every layer shares — [MS-RPRN] 2.2.3.6 (printer change
 * flags), 2.2.3.2 (PRINTER_NOTIFY_INFO_DISCARDED, PRINTER_NOTIFY_OPTIONS_REFRESH), 2.2.3.8
 * (notification types and fields), 2.2.1.13.4 (the TABLE_* data types of each field).
 *
 * The spooler says *what happened* (a PrinterChangeEvent: a PRINTER_CHANGE_* bit on a printer,
 * and the job it concerns); the wire layers (MS-PAR's remote notifications, later MS-RPRN's
 * FindFirstPrinterChangeNotification) decide which registrations want it and what data to send.
 */
import { reverseLookup } from '../common/constants';

/** [MS-RPRN] 2.2.3.6: what changed (fdwFlags of a registration; RemoteNotifyData Flags of a reply). */
export const PrinterChangeFlag = {
  PRINTER_CHANGE_ADD_PRINTER: 0x00000001,
  PRINTER_CHANGE_SET_PRINTER: 0x00000002,
  PRINTER_CHANGE_DELETE_PRINTER: 0x00000004,
  PRINTER_CHANGE_FAILED_CONNECTION_PRINTER: 0x00000008,
  PRINTER_CHANGE_PRINTER: 0x000000ff,
  PRINTER_CHANGE_ADD_JOB: 0x00000100,
  PRINTER_CHANGE_SET_JOB: 0x00000200,
  PRINTER_CHANGE_DELETE_JOB: 0x00000400,
  PRINTER_CHANGE_WRITE_JOB: 0x00000800,
  PRINTER_CHANGE_JOB: 0x0000ff00,
  PRINTER_CHANGE_ALL: 0x7777ffff,
} as const;
export const printerChangeFlagName = reverseLookup(PrinterChangeFlag);

/** [MS-RPRN] 2.2.3.2: RPC_V2_NOTIFY_INFO.Flags — data was lost, the client should refresh. */
export const PRINTER_NOTIFY_INFO_DISCARDED = 0x00000001;
/** [MS-RPRN] 2.2.3.2: RPC_V2_NOTIFY_OPTIONS.Reserved (Flags) — the options ask for a refresh. */
export const PRINTER_NOTIFY_OPTIONS_REFRESH = 0x00000001;
/** [MS-RPRN] 2.2.1.13.1, 2.2.1.13.3: the only version of the options and info structures. */
export const NOTIFY_VERSION = 2;

/** [MS-RPRN] 2.2.3.8: RPC_V2_NOTIFY_OPTIONS_TYPE.Type and RPC_V2_NOTIFY_INFO_DATA.Type. */
export const NotifyType = {
  PRINTER_NOTIFY_TYPE: 0x0000,
  JOB_NOTIFY_TYPE: 0x0001,
} as const;

/** [MS-RPRN] 2.2.3.8 Job Notification Values. */
export const JobNotifyField = {
  JOB_NOTIFY_FIELD_PRINTER_NAME: 0x00,
  JOB_NOTIFY_FIELD_MACHINE_NAME: 0x01,
  JOB_NOTIFY_FIELD_PORT_NAME: 0x02,
  JOB_NOTIFY_FIELD_USER_NAME: 0x03,
  JOB_NOTIFY_FIELD_NOTIFY_NAME: 0x04,
  JOB_NOTIFY_FIELD_DATATYPE: 0x05,
  JOB_NOTIFY_FIELD_PRINT_PROCESSOR: 0x06,
  JOB_NOTIFY_FIELD_PARAMETERS: 0x07,
  JOB_NOTIFY_FIELD_DRIVER_NAME: 0x08,
  JOB_NOTIFY_FIELD_DEVMODE: 0x09,
  JOB_NOTIFY_FIELD_STATUS: 0x0a,
  JOB_NOTIFY_FIELD_STATUS_STRING: 0x0b,
  JOB_NOTIFY_FIELD_SECURITY_DESCRIPTOR: 0x0c,
  JOB_NOTIFY_FIELD_DOCUMENT: 0x0d,
  JOB_NOTIFY_FIELD_PRIORITY: 0x0e,
  JOB_NOTIFY_FIELD_POSITION: 0x0f,
  JOB_NOTIFY_FIELD_SUBMITTED: 0x10,
  JOB_NOTIFY_FIELD_START_TIME: 0x11,
  JOB_NOTIFY_FIELD_UNTIL_TIME: 0x12,
  JOB_NOTIFY_FIELD_TIME: 0x13,
  JOB_NOTIFY_FIELD_TOTAL_PAGES: 0x14,
  JOB_NOTIFY_FIELD_PAGES_PRINTED: 0x15,
  JOB_NOTIFY_FIELD_TOTAL_BYTES: 0x16,
  JOB_NOTIFY_FIELD_BYTES_PRINTED: 0x17,
} as const;
export const jobNotifyFieldName = reverseLookup(JobNotifyField);

/** [MS-RPRN] 2.2.3.8 Printer Notification Values. */
export const PrinterNotifyField = {
  PRINTER_NOTIFY_FIELD_SERVER_NAME: 0x00,
  PRINTER_NOTIFY_FIELD_PRINTER_NAME: 0x01,
  PRINTER_NOTIFY_FIELD_SHARE_NAME: 0x02,
  PRINTER_NOTIFY_FIELD_PORT_NAME: 0x03,
  PRINTER_NOTIFY_FIELD_DRIVER_NAME: 0x04,
  PRINTER_NOTIFY_FIELD_COMMENT: 0x05,
  PRINTER_NOTIFY_FIELD_LOCATION: 0x06,
  PRINTER_NOTIFY_FIELD_DEVMODE: 0x07,
  PRINTER_NOTIFY_FIELD_SEPFILE: 0x08,
  PRINTER_NOTIFY_FIELD_PRINT_PROCESSOR: 0x09,
  PRINTER_NOTIFY_FIELD_PARAMETERS: 0x0a,
  PRINTER_NOTIFY_FIELD_DATATYPE: 0x0b,
  PRINTER_NOTIFY_FIELD_SECURITY_DESCRIPTOR: 0x0c,
  PRINTER_NOTIFY_FIELD_ATTRIBUTES: 0x0d,
  PRINTER_NOTIFY_FIELD_PRIORITY: 0x0e,
  PRINTER_NOTIFY_FIELD_DEFAULT_PRIORITY: 0x0f,
  PRINTER_NOTIFY_FIELD_START_TIME: 0x10,
  PRINTER_NOTIFY_FIELD_UNTIL_TIME: 0x11,
  PRINTER_NOTIFY_FIELD_STATUS: 0x12,
  PRINTER_NOTIFY_FIELD_STATUS_STRING: 0x13,
  PRINTER_NOTIFY_FIELD_CJOBS: 0x14,
  PRINTER_NOTIFY_FIELD_AVERAGE_PPM: 0x15,
  PRINTER_NOTIFY_FIELD_TOTAL_PAGES: 0x16,
  PRINTER_NOTIFY_FIELD_PAGES_PRINTED: 0x17,
  PRINTER_NOTIFY_FIELD_TOTAL_BYTES: 0x18,
  PRINTER_NOTIFY_FIELD_BYTES_PRINTED: 0x19,
} as const;
export const printerNotifyFieldName = reverseLookup(PrinterNotifyField);

/** [MS-RPRN] 2.2.1.13.4 / 2.2.3.8: the arm of RPC_V2_NOTIFY_INFO_DATA_DATA a field's value takes. */
export const NotifyTable = {
  TABLE_DWORD: 0x1,
  TABLE_STRING: 0x2,
  TABLE_DEVMODE: 0x3,
  TABLE_TIME: 0x4,
  TABLE_SECURITYDESCRIPTOR: 0x5,
} as const;
export type NotifyTable = (typeof NotifyTable)[keyof typeof NotifyTable];

/** What the spooler says happened: one PRINTER_CHANGE_* bit on one printer (and job). */
export interface PrinterChangeEvent {
  /** The printer's name (without the server). */
  readonly printerName: string;
  /** One PRINTER_CHANGE_* bit. */
  readonly change: number;
  /** The job, for the PRINTER_CHANGE_JOB bits. */
  readonly jobId?: number;
}

/** Where a wire layer listens for changes; the returned function stops listening. */
export interface PrinterChangeSource {
  subscribe(listener: (event: PrinterChangeEvent) => void): () => void;
}
