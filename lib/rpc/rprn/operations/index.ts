/**
 * The operation table: one file per MS-RPRN opnum.
 */
import type { RprnOperation } from '../rprn-call';
import { rpcAbortPrinter } from './abort-printer';
import { rpcAddPrinterDriver } from './add-printer-driver';
import { rpcAddPrinterDriverEx } from './add-printer-driver-ex';
import { rpcClosePrinter } from './close-printer';
import { rpcDeletePrinterData } from './delete-printer-data';
import { rpcDeletePrinterDataEx } from './delete-printer-data-ex';
import { rpcDeletePrinterKey } from './delete-printer-key';
import { rpcEndDocPrinter } from './end-doc-printer';
import { rpcEndPagePrinter } from './end-page-printer';
import { rpcEnumForms } from './enum-forms';
import { rpcEnumJobs } from './enum-jobs';
import { rpcEnumMonitors } from './enum-monitors';
import { rpcEnumPorts } from './enum-ports';
import { rpcEnumPrintProcessors } from './enum-print-processors';
import { rpcEnumPrinterData } from './enum-printer-data';
import { rpcEnumPrinterDataEx } from './enum-printer-data-ex';
import { rpcEnumPrinterDrivers } from './enum-printer-drivers';
import { rpcEnumPrinterKey } from './enum-printer-key';
import { rpcEnumPrinters } from './enum-printers';
import { rpcFindClosePrinterChangeNotification } from './find-close-printer-change-notification';
import { rpcGetForm } from './get-form';
import { rpcGetJob } from './get-job';
import { rpcGetPrinter } from './get-printer';
import { rpcGetPrinterData } from './get-printer-data';
import { rpcGetPrinterDataEx } from './get-printer-data-ex';
import { rpcGetPrinterDriver } from './get-printer-driver';
import { rpcGetPrinterDriver2 } from './get-printer-driver2';
import { rpcGetPrinterDriverDirectory } from './get-printer-driver-directory';
import { rpcOpenPrinter } from './open-printer';
import { rpcOpenPrinterEx } from './open-printer-ex';
import { rpcRemoteFindFirstPrinterChangeNotificationEx } from './remote-find-first-printer-change-notification-ex';
import { rpcSetJob } from './set-job';
import { rpcSetPrinter } from './set-printer';
import { rpcSetPrinterData } from './set-printer-data';
import { rpcSetPrinterDataEx } from './set-printer-data-ex';
import { rpcStartDocPrinter } from './start-doc-printer';
import { rpcStartPagePrinter } from './start-page-printer';
import { rpcWritePrinter } from './write-printer';

const ALL: readonly RprnOperation[] = [
  rpcEnumPrinters,
  rpcOpenPrinter,
  rpcSetJob,
  rpcGetJob,
  rpcEnumJobs,
  rpcSetPrinter,
  rpcGetPrinter,
  rpcAddPrinterDriver,
  rpcEnumPrinterDrivers,
  rpcGetPrinterDriver,
  rpcGetPrinterDriverDirectory,
  rpcEnumPrintProcessors,
  rpcStartDocPrinter,
  rpcStartPagePrinter,
  rpcWritePrinter,
  rpcEndPagePrinter,
  rpcAbortPrinter,
  rpcEndDocPrinter,
  rpcGetPrinterData,
  rpcSetPrinterData,
  rpcClosePrinter,
  rpcGetForm,
  rpcEnumForms,
  rpcEnumPorts,
  rpcEnumMonitors,
  rpcGetPrinterDriver2,
  rpcFindClosePrinterChangeNotification,
  rpcRemoteFindFirstPrinterChangeNotificationEx,
  rpcOpenPrinterEx,
  rpcEnumPrinterData,
  rpcDeletePrinterData,
  rpcSetPrinterDataEx,
  rpcGetPrinterDataEx,
  rpcEnumPrinterDataEx,
  rpcEnumPrinterKey,
  rpcDeletePrinterDataEx,
  rpcDeletePrinterKey,
  rpcAddPrinterDriverEx,
];

export const RPRN_OPERATIONS: ReadonlyMap<number, RprnOperation> = new Map(ALL.map((op) => [op.opnum, op]));
