/**
 * Step 8: every module of a key the flow processed hears
 * SpoolerCopyFileEvent(COPYFILE_EVENT_ADD_PRINTER_CONNECTION).
 */
import { CopyFileEvent } from '../../point-and-print/constants';
import { raiseCopyFileEvent } from './copy-file-event';
import type { ConnectionFlow } from './flow-context';
import type { PrinterTarget } from './parse-printer-name';
import type { ProcessedCopyFilesKey } from './queue-specific-files';

export async function announceConnection(
  flow: ConnectionFlow,
  target: PrinterTarget,
  processed: readonly ProcessedCopyFilesKey[],
): Promise<void> {
  flow.step(8, 'SpoolerCopyFileEvent(COPYFILE_EVENT_ADD_PRINTER_CONNECTION)');
  for (const p of processed) {
    if (p.module)
      await raiseCopyFileEvent(
        flow,
        p.module,
        p.key,
        target.printerUnc,
        CopyFileEvent.COPYFILE_EVENT_ADD_PRINTER_CONNECTION,
      );
  }
}
