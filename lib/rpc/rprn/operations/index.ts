/**
 * The server's MS-RPRN operations, one file per method, each running on the decoded request of
 * its message (../messages). The table is keyed by message, not by opnum: an interface maps its
 * opnums to messages (RPRN_OPNUMS for \pipe\spoolss) and finds the operation here.
 */
import type { RprnMessageName } from '../messages';
import type { RprnOperation } from '../rprn-call';
import { rpcAbortPrinter } from './abort-printer';
import { rpcAddForm } from './add-form';
import { rpcAddJob } from './add-job';
import { rpcAddPrinter, rpcAddPrinterEx } from './add-printer';
import { rpcAddPrinterDriver } from './add-printer-driver';
import { rpcAddPrinterDriverEx } from './add-printer-driver-ex';
import { rpcClosePrinter } from './close-printer';
import { rpcDeleteForm } from './delete-form';
import { rpcDeletePrinter } from './delete-printer';
import { rpcDeletePrinterData } from './delete-printer-data';
import { rpcDeletePrinterDriver, rpcDeletePrinterDriverEx } from './delete-printer-driver';
import { rpcDeletePrinterDataEx } from './delete-printer-data-ex';
import { rpcDeletePrinterKey } from './delete-printer-key';
import { rpcEndDocPrinter } from './end-doc-printer';
import { rpcEndPagePrinter } from './end-page-printer';
import { rpcEnumForms } from './enum-forms';
import { rpcEnumJobs } from './enum-jobs';
import { rpcEnumMonitors } from './enum-monitors';
import { rpcEnumPorts } from './enum-ports';
import { rpcEnumPrintProcessorDatatypes } from './enum-print-processor-datatypes';
import { rpcEnumPrintProcessors } from './enum-print-processors';
import { rpcEnumPrinterData } from './enum-printer-data';
import { rpcEnumPrinterDataEx } from './enum-printer-data-ex';
import { rpcEnumPrinterDrivers } from './enum-printer-drivers';
import { rpcEnumPrinterKey } from './enum-printer-key';
import { rpcEnumPrinters } from './enum-printers';
import { rpcFindClosePrinterChangeNotification } from './find-close-printer-change-notification';
import { rpcGetForm } from './get-form';
import { rpcGetJob } from './get-job';
import { rpcAddPrintProcessor, rpcDeletePrintProcessor } from './print-processor-admin';
import { rpcGetPrintProcessorDirectory } from './get-print-processor-directory';
import { rpcGetPrinter } from './get-printer';
import { rpcGetPrinterData } from './get-printer-data';
import { rpcGetPrinterDataEx } from './get-printer-data-ex';
import { rpcGetPrinterDriver } from './get-printer-driver';
import { rpcGetPrinterDriver2 } from './get-printer-driver2';
import { rpcGetPrinterDriverDirectory } from './get-printer-driver-directory';
import { rpcGetCorePrinterDrivers } from './get-core-printer-drivers';
import { rpcGetPrinterDriverPackagePath } from './get-printer-driver-package-path';
import { rpcOpenPrinter } from './open-printer';
import { rpcOpenPrinterEx } from './open-printer-ex';
import { rpcRemoteFindFirstPrinterChangeNotificationEx } from './remote-find-first-printer-change-notification-ex';
import { rpcResetPrinter } from './reset-printer';
import { rpcScheduleJob } from './schedule-job';
import { rpcSetForm } from './set-form';
import { rpcSetJob } from './set-job';
import { rpcSetPrinter } from './set-printer';
import { rpcSetPrinterData } from './set-printer-data';
import { rpcSetPrinterDataEx } from './set-printer-data-ex';
import { rpcStartDocPrinter } from './start-doc-printer';
import { rpcStartPagePrinter } from './start-page-printer';
import { rpcWritePrinter } from './write-printer';
import { rpcXcvData } from './xcv-data';
import { rpcAddPort, rpcConfigurePort, rpcDeletePort } from './port-ui-calls';
import { rpcCreatePrinterIC, rpcDeletePrinterIC, rpcPlayGdiScriptOnPrinterIC } from './printer-ic';
import {
  rpcDeleteJobNamedProperty,
  rpcEnumJobNamedProperties,
  rpcGetJobNamedPropertyValue,
  rpcSetJobNamedProperty,
} from './job-named-properties';
import { rpcLogJobInfoForBranchOffice } from './log-job-info-for-branch-office';
import {
  rpcAddPerMachineConnection,
  rpcDeletePerMachineConnection,
  rpcEnumPerMachineConnections,
} from './per-machine-connections';
import { rpcSendRecvBidiData } from './send-recv-bidi-data';

/** The server side of every MS-RPRN message, keyed by the message's name. */
export const RPRN_OPERATIONS = {
  RpcEnumPrinters: rpcEnumPrinters,
  RpcOpenPrinter: rpcOpenPrinter,
  RpcSetJob: rpcSetJob,
  RpcGetJob: rpcGetJob,
  RpcEnumJobs: rpcEnumJobs,
  RpcAddPrinter: rpcAddPrinter,
  RpcDeletePrinter: rpcDeletePrinter,
  RpcSetPrinter: rpcSetPrinter,
  RpcGetPrinter: rpcGetPrinter,
  RpcAddPrinterDriver: rpcAddPrinterDriver,
  RpcEnumPrinterDrivers: rpcEnumPrinterDrivers,
  RpcGetPrinterDriver: rpcGetPrinterDriver,
  RpcGetPrinterDriverDirectory: rpcGetPrinterDriverDirectory,
  RpcDeletePrinterDriver: rpcDeletePrinterDriver,
  RpcAddPrintProcessor: rpcAddPrintProcessor,
  RpcEnumPrintProcessors: rpcEnumPrintProcessors,
  RpcGetPrintProcessorDirectory: rpcGetPrintProcessorDirectory,
  RpcStartDocPrinter: rpcStartDocPrinter,
  RpcStartPagePrinter: rpcStartPagePrinter,
  RpcWritePrinter: rpcWritePrinter,
  RpcEndPagePrinter: rpcEndPagePrinter,
  RpcAbortPrinter: rpcAbortPrinter,
  RpcEndDocPrinter: rpcEndDocPrinter,
  RpcAddJob: rpcAddJob,
  RpcScheduleJob: rpcScheduleJob,
  RpcGetPrinterData: rpcGetPrinterData,
  RpcSetPrinterData: rpcSetPrinterData,
  RpcClosePrinter: rpcClosePrinter,
  RpcAddForm: rpcAddForm,
  RpcDeleteForm: rpcDeleteForm,
  RpcGetForm: rpcGetForm,
  RpcSetForm: rpcSetForm,
  RpcEnumForms: rpcEnumForms,
  RpcEnumPorts: rpcEnumPorts,
  RpcEnumMonitors: rpcEnumMonitors,
  RpcAddPort: rpcAddPort,
  RpcConfigurePort: rpcConfigurePort,
  RpcDeletePort: rpcDeletePort,
  RpcDeletePrintProcessor: rpcDeletePrintProcessor,
  RpcEnumPrintProcessorDatatypes: rpcEnumPrintProcessorDatatypes,
  RpcResetPrinter: rpcResetPrinter,
  RpcGetPrinterDriver2: rpcGetPrinterDriver2,
  RpcFindClosePrinterChangeNotification: rpcFindClosePrinterChangeNotification,
  RpcRemoteFindFirstPrinterChangeNotificationEx: rpcRemoteFindFirstPrinterChangeNotificationEx,
  RpcOpenPrinterEx: rpcOpenPrinterEx,
  RpcAddPrinterEx: rpcAddPrinterEx,
  RpcEnumPrinterData: rpcEnumPrinterData,
  RpcDeletePrinterData: rpcDeletePrinterData,
  RpcSetPrinterDataEx: rpcSetPrinterDataEx,
  RpcGetPrinterDataEx: rpcGetPrinterDataEx,
  RpcEnumPrinterDataEx: rpcEnumPrinterDataEx,
  RpcEnumPrinterKey: rpcEnumPrinterKey,
  RpcDeletePrinterDataEx: rpcDeletePrinterDataEx,
  RpcDeletePrinterKey: rpcDeletePrinterKey,
  RpcDeletePrinterDriverEx: rpcDeletePrinterDriverEx,
  RpcXcvData: rpcXcvData,
  RpcAddPrinterDriverEx: rpcAddPrinterDriverEx,
  RpcGetCorePrinterDrivers: rpcGetCorePrinterDrivers,
  RpcGetPrinterDriverPackagePath: rpcGetPrinterDriverPackagePath,
  RpcCreatePrinterIC: rpcCreatePrinterIC,
  RpcPlayGdiScriptOnPrinterIC: rpcPlayGdiScriptOnPrinterIC,
  RpcDeletePrinterIC: rpcDeletePrinterIC,
  RpcGetJobNamedPropertyValue: rpcGetJobNamedPropertyValue,
  RpcSetJobNamedProperty: rpcSetJobNamedProperty,
  RpcDeleteJobNamedProperty: rpcDeleteJobNamedProperty,
  RpcEnumJobNamedProperties: rpcEnumJobNamedProperties,
  RpcLogJobInfoForBranchOffice: rpcLogJobInfoForBranchOffice,
  RpcAddPerMachineConnection: rpcAddPerMachineConnection,
  RpcDeletePerMachineConnection: rpcDeletePerMachineConnection,
  RpcEnumPerMachineConnections: rpcEnumPerMachineConnections,
  RpcSendRecvBidiData: rpcSendRecvBidiData,
} as const satisfies { readonly [N in RprnMessageName]: RprnOperation };

/** The operation for a message, whichever interface numbered it (MS-RPRN today, MS-PAR next). */
export function rprnOperationFor(message: { readonly name: string }): RprnOperation | undefined {
  const op = (RPRN_OPERATIONS as Readonly<Record<string, RprnOperation>>)[message.name];
  // A message of the same name is not enough: it must be the very description the operation decodes with.
  return op?.message === message ? op : undefined;
}
