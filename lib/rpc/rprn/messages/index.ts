/**
 * The MS-RPRN messages, one per method this server answers, keyed by the method's name in
 * [MS-RPRN] 3.1.4, and the opnums \pipe\spoolss numbers them with. The messages do not depend on
 * the opnums: MS-PAR's IRemoteWinspool numbers the same messages its own way ([MS-PAR] 3.1.4
 * lists each RpcAsync method's MS-RPRN counterpart), with a second OpnumTable and no second codec.
 */
import type { AnyNdrMessage } from '../../ndr/ndr-message';
import { OpnumTable } from '../../opnum-table';
import { RprnOpnum } from '../opnums';
import { RpcAbortPrinter } from './abort-printer';
import { RpcAddForm } from './add-form';
import { RpcAddJob } from './add-job';
import { RpcAddPort } from './add-port';
import { RpcAddPrintProcessor } from './add-print-processor';
import { RpcAddPrinter } from './add-printer';
import { RpcAddPrinterEx } from './add-printer-ex';
import { RpcAddPrinterDriver } from './add-printer-driver';
import { RpcAddPrinterDriverEx } from './add-printer-driver-ex';
import { RpcClosePrinter } from './close-printer';
import { RpcConfigurePort } from './configure-port';
import { RpcDeleteForm } from './delete-form';
import { RpcDeletePort } from './delete-port';
import { RpcDeletePrinter } from './delete-printer';
import { RpcDeletePrintProcessor } from './delete-print-processor';
import { RpcDeletePrinterData } from './delete-printer-data';
import { RpcDeletePrinterDriver } from './delete-printer-driver';
import { RpcDeletePrinterDriverEx } from './delete-printer-driver-ex';
import { RpcDeletePrinterDataEx } from './delete-printer-data-ex';
import { RpcDeletePrinterKey } from './delete-printer-key';
import { RpcEndDocPrinter } from './end-doc-printer';
import { RpcEndPagePrinter } from './end-page-printer';
import { RpcEnumForms } from './enum-forms';
import { RpcEnumJobs } from './enum-jobs';
import { RpcEnumMonitors } from './enum-monitors';
import { RpcEnumPorts } from './enum-ports';
import { RpcEnumPrintProcessorDatatypes } from './enum-print-processor-datatypes';
import { RpcEnumPrintProcessors } from './enum-print-processors';
import { RpcEnumPrinterData } from './enum-printer-data';
import { RpcEnumPrinterDataEx } from './enum-printer-data-ex';
import { RpcEnumPrinterDrivers } from './enum-printer-drivers';
import { RpcEnumPrinterKey } from './enum-printer-key';
import { RpcEnumPrinters } from './enum-printers';
import { RpcFindClosePrinterChangeNotification } from './find-close-printer-change-notification';
import { RpcGetForm } from './get-form';
import { RpcGetJob } from './get-job';
import { RpcGetPrintProcessorDirectory } from './get-print-processor-directory';
import { RpcGetPrinter } from './get-printer';
import { RpcGetPrinterData } from './get-printer-data';
import { RpcGetPrinterDataEx } from './get-printer-data-ex';
import { RpcGetPrinterDriver } from './get-printer-driver';
import { RpcGetPrinterDriver2 } from './get-printer-driver2';
import { RpcGetPrinterDriverDirectory } from './get-printer-driver-directory';
import { RpcGetCorePrinterDrivers } from './get-core-printer-drivers';
import { RpcGetPrinterDriverPackagePath } from './get-printer-driver-package-path';
import { RpcOpenPrinter } from './open-printer';
import { RpcOpenPrinterEx } from './open-printer-ex';
import { RpcRemoteFindFirstPrinterChangeNotificationEx } from './remote-find-first-printer-change-notification-ex';
import { RpcResetPrinter } from './reset-printer';
import { RpcScheduleJob } from './schedule-job';
import { RpcSetForm } from './set-form';
import { RpcSetJob } from './set-job';
import { RpcSetPrinter } from './set-printer';
import { RpcSetPrinterData } from './set-printer-data';
import { RpcSetPrinterDataEx } from './set-printer-data-ex';
import { RpcStartDocPrinter } from './start-doc-printer';
import { RpcStartPagePrinter } from './start-page-printer';
import { RpcWritePrinter } from './write-printer';
import { RpcXcvData } from './xcv-data';
import { RpcCreatePrinterIC } from './create-printer-ic';
import { RpcPlayGdiScriptOnPrinterIC } from './play-gdi-script-on-printer-ic';
import { RpcDeletePrinterIC } from './delete-printer-ic';
import { RpcGetJobNamedPropertyValue } from './get-job-named-property-value';
import { RpcSetJobNamedProperty } from './set-job-named-property';
import { RpcDeleteJobNamedProperty } from './delete-job-named-property';
import { RpcEnumJobNamedProperties } from './enum-job-named-properties';
import { RpcLogJobInfoForBranchOffice } from './log-job-info-for-branch-office';
import { RpcAddPerMachineConnection } from './add-per-machine-connection';
import { RpcDeletePerMachineConnection } from './delete-per-machine-connection';
import { RpcEnumPerMachineConnections } from './enum-per-machine-connections';
import { RpcSendRecvBidiData } from './send-recv-bidi-data';

export type RprnMessageName = keyof typeof RprnOpnum;

export const RPRN_MESSAGES = {
  RpcEnumPrinters,
  RpcOpenPrinter,
  RpcSetJob,
  RpcGetJob,
  RpcEnumJobs,
  RpcAddPrinter,
  RpcDeletePrinter,
  RpcSetPrinter,
  RpcGetPrinter,
  RpcAddPrinterDriver,
  RpcEnumPrinterDrivers,
  RpcGetPrinterDriver,
  RpcGetPrinterDriverDirectory,
  RpcDeletePrinterDriver,
  RpcAddPrintProcessor,
  RpcEnumPrintProcessors,
  RpcGetPrintProcessorDirectory,
  RpcStartDocPrinter,
  RpcStartPagePrinter,
  RpcWritePrinter,
  RpcEndPagePrinter,
  RpcAbortPrinter,
  RpcEndDocPrinter,
  RpcAddJob,
  RpcScheduleJob,
  RpcGetPrinterData,
  RpcSetPrinterData,
  RpcClosePrinter,
  RpcAddForm,
  RpcDeleteForm,
  RpcGetForm,
  RpcSetForm,
  RpcEnumForms,
  RpcEnumPorts,
  RpcEnumMonitors,
  RpcAddPort,
  RpcConfigurePort,
  RpcDeletePort,
  RpcDeletePrintProcessor,
  RpcEnumPrintProcessorDatatypes,
  RpcResetPrinter,
  RpcGetPrinterDriver2,
  RpcFindClosePrinterChangeNotification,
  RpcRemoteFindFirstPrinterChangeNotificationEx,
  RpcOpenPrinterEx,
  RpcAddPrinterEx,
  RpcEnumPrinterData,
  RpcDeletePrinterData,
  RpcSetPrinterDataEx,
  RpcGetPrinterDataEx,
  RpcEnumPrinterDataEx,
  RpcEnumPrinterKey,
  RpcDeletePrinterDataEx,
  RpcDeletePrinterKey,
  RpcDeletePrinterDriverEx,
  RpcXcvData,
  RpcAddPrinterDriverEx,
  RpcGetCorePrinterDrivers,
  RpcGetPrinterDriverPackagePath,
  RpcCreatePrinterIC,
  RpcPlayGdiScriptOnPrinterIC,
  RpcDeletePrinterIC,
  RpcGetJobNamedPropertyValue,
  RpcSetJobNamedProperty,
  RpcDeleteJobNamedProperty,
  RpcEnumJobNamedProperties,
  RpcLogJobInfoForBranchOffice,
  RpcAddPerMachineConnection,
  RpcDeletePerMachineConnection,
  RpcEnumPerMachineConnections,
  RpcSendRecvBidiData,
} as const satisfies { readonly [N in RprnMessageName]: AnyNdrMessage & { readonly name: N } };

/** \pipe\spoolss: MS-RPRN opnum -> message ([MS-RPRN] 3.1.4). */
export const RPRN_OPNUMS = new OpnumTable<AnyNdrMessage>(
  (Object.keys(RprnOpnum) as RprnMessageName[]).map((name) => [RprnOpnum[name], RPRN_MESSAGES[name]] as const),
);
