/**
 * MS-RPRN opnums — [MS-RPRN] 3.1.4 (the method table; numbers are the wire opnums).
 * Only the methods this server answers are listed; every other opnum faults with
 * nca_s_op_rng_error, as Samba does for its stubs.
 */
import { reverseLookup } from '../../common/constants';

export const RprnOpnum = {
  RpcEnumPrinters: 0,
  RpcOpenPrinter: 1,
  RpcSetJob: 2,
  RpcGetJob: 3,
  RpcEnumJobs: 4,
  RpcAddPrinter: 5,
  RpcDeletePrinter: 6,
  RpcSetPrinter: 7,
  RpcGetPrinter: 8,
  RpcAddPrinterDriver: 9,
  RpcEnumPrinterDrivers: 10,
  RpcGetPrinterDriver: 11,
  RpcGetPrinterDriverDirectory: 12,
  RpcDeletePrinterDriver: 13,
  RpcAddPrintProcessor: 14,
  RpcEnumPrintProcessors: 15,
  RpcGetPrintProcessorDirectory: 16,
  RpcStartDocPrinter: 17,
  RpcStartPagePrinter: 18,
  RpcWritePrinter: 19,
  RpcEndPagePrinter: 20,
  RpcAbortPrinter: 21,
  RpcEndDocPrinter: 23,
  RpcAddJob: 24,
  RpcScheduleJob: 25,
  RpcGetPrinterData: 26,
  RpcSetPrinterData: 27,
  RpcClosePrinter: 29,
  RpcAddForm: 30,
  RpcDeleteForm: 31,
  RpcGetForm: 32,
  RpcSetForm: 33,
  RpcEnumForms: 34,
  RpcEnumPorts: 35,
  RpcEnumMonitors: 36,
  RpcDeletePrintProcessor: 48,
  RpcEnumPrintProcessorDatatypes: 51,
  RpcGetPrinterDriver2: 53,
  RpcFindClosePrinterChangeNotification: 56,
  RpcRemoteFindFirstPrinterChangeNotificationEx: 65,
  RpcOpenPrinterEx: 69,
  RpcAddPrinterEx: 70,
  RpcEnumPrinterData: 72,
  RpcDeletePrinterData: 73,
  RpcSetPrinterDataEx: 77,
  RpcGetPrinterDataEx: 78,
  RpcEnumPrinterDataEx: 79,
  RpcEnumPrinterKey: 80,
  RpcDeletePrinterDataEx: 81,
  RpcDeletePrinterKey: 82,
  RpcDeletePrinterDriverEx: 84,
  RpcAddPrinterDriverEx: 89,
  RpcGetCorePrinterDrivers: 102,
  RpcGetPrinterDriverPackagePath: 104,
} as const;
export type RprnOpnum = (typeof RprnOpnum)[keyof typeof RprnOpnum];
export const rprnOpnumName = reverseLookup(RprnOpnum);

/** RpcAddPrinterDriverEx dwFileCopyFlags — [MS-RPRN] 3.1.4.4.8. */
export const FileCopyFlags = {
  APD_STRICT_UPGRADE: 0x00000001,
  APD_STRICT_DOWNGRADE: 0x00000002,
  APD_COPY_ALL_FILES: 0x00000004,
  APD_COPY_NEW_FILES: 0x00000008,
  APD_COPY_FROM_DIRECTORY: 0x00000010,
  APD_DONT_COPY_FILES_TO_CLUSTER: 0x00001000,
  APD_COPY_TO_ALL_SPOOLERS: 0x00002000,
  APD_INSTALL_WARNED_DRIVER: 0x00008000,
  APD_RETURN_BLOCKING_STATUS_CODE: 0x00010000,
} as const;
