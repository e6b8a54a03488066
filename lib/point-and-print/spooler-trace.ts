/**
 * Structured trace of the Point-and-Print module calls a spooler makes, so a demo or a test can
 * show them in order (the seed document's sequence). The server spooler reports its calls with
 * side 'server'; the client spooler (lib/client) reports its own with side 'client'.
 */
import type { CopyFileEvent } from './constants';
import type { GenerateCopyFilePathsInput } from './module';

export interface GenerateCopyFilePathsTrace {
  readonly kind: 'GenerateCopyFilePaths';
  readonly side: 'server' | 'client';
  /** The Module value (e.g. `mscms.dll`); undefined when the key names none. */
  readonly module: string | undefined;
  readonly input: GenerateCopyFilePathsInput;
  readonly status: number;
  readonly sourceDir: string;
  readonly targetDir: string;
}

export interface SpoolerCopyFileEventTrace {
  readonly kind: 'SpoolerCopyFileEvent';
  readonly side: 'server' | 'client';
  readonly module: string;
  readonly printerName: string;
  readonly key: string;
  readonly event: CopyFileEvent;
  readonly result: boolean;
}

export type SpoolerTraceEvent = GenerateCopyFilePathsTrace | SpoolerCopyFileEventTrace;

export type SpoolerTraceListener = (event: SpoolerTraceEvent) => void;
