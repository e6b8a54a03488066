/**
 * SpoolerCopyFileEvent on the client's own module for a key the flow processed (step 6:
 * COPYFILE_EVENT_FILES_CHANGED, step 8: COPYFILE_EVENT_ADD_PRINTER_CONNECTION), with the
 * server-qualified printer name, traced as the client spooler's call.
 */
import type { CopyFileEvent } from '../../point-and-print/constants';
import type { CopyFilesKey } from '../../point-and-print/copy-files-key';
import type { PointAndPrintModule } from '../../point-and-print/module';
import { tracedSpoolerCopyFileEvent } from '../../point-and-print/traced-module-calls';
import type { ConnectionFlow } from './flow-context';

export async function raiseCopyFileEvent(
  flow: ConnectionFlow,
  module: PointAndPrintModule,
  key: CopyFilesKey,
  printerUnc: string,
  event: CopyFileEvent,
): Promise<void> {
  await tracedSpoolerCopyFileEvent(
    'client',
    { module, moduleName: key.module ?? module.name, printerName: printerUnc, key: key.keyName, event },
    flow.logger,
    flow.report,
  );
}
