/**
 * A spooler's calls into a Point-and-Print module, each reported to the trace once it returns:
 * the server spooler with side 'server', the client spooler with side 'client'. The calls
 * themselves are module-calls.ts (whatever the module does becomes a Win32 status).
 */
import type { Logger } from '../common/logger';
import type { CopyFileEvent } from './constants';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from './module';
import { callGenerateCopyFilePaths, callSpoolerCopyFileEvent, type CopyFilePathsOutcome } from './module-calls';
import type { SpoolerTraceListener } from './spooler-trace';

export type SpoolerSide = 'server' | 'client';

/** GenerateCopyFilePaths on `module` (undefined: no Module value, the paths stay), traced as `moduleName`. */
export async function tracedGenerateCopyFilePaths(
  side: SpoolerSide,
  moduleName: string | undefined,
  module: PointAndPrintModule | undefined,
  input: GenerateCopyFilePathsInput,
  logger: Logger,
  trace: SpoolerTraceListener | undefined,
): Promise<CopyFilePathsOutcome> {
  const result = await callGenerateCopyFilePaths(module, input, logger);
  trace?.({
    kind: 'GenerateCopyFilePaths',
    side,
    module: moduleName,
    input,
    status: result.status,
    sourceDir: result.sourceDir,
    targetDir: result.targetDir,
  });
  return result;
}

export interface CopyFileEventCall {
  readonly module: PointAndPrintModule;
  /** The Module value the key names (the trace's name for the module). */
  readonly moduleName: string;
  readonly printerName: string;
  /** `CopyFiles\ICM`. */
  readonly key: string;
  readonly event: CopyFileEvent;
}

/** SpoolerCopyFileEvent(printer, key, event), traced; FALSE when the module fails (logged). */
export async function tracedSpoolerCopyFileEvent(
  side: SpoolerSide,
  call: CopyFileEventCall,
  logger: Logger,
  trace: SpoolerTraceListener | undefined,
): Promise<boolean> {
  const result = await callSpoolerCopyFileEvent(call.module, call.printerName, call.key, call.event, logger);
  trace?.({
    kind: 'SpoolerCopyFileEvent',
    side,
    module: call.moduleName,
    printerName: call.printerName,
    key: call.key,
    event: call.event,
    result,
  });
  return result;
}
