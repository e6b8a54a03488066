/**
 * AddPrinterConnection("\\SERVER\printer"): the client's entry point. The flow itself is the
 * pipeline of named steps in ./flow/pipeline.ts (DESIGN.md steps 1-9); the CopyFiles computation
 * it shares with the server and the validator is lib/point-and-print's.
 */
import type { AddPrinterConnectionOptions, AddPrinterConnectionResult } from './flow/flow-options';
import { runAddPrinterConnection } from './flow/pipeline';

export type { AddPrinterConnectionOptions, AddPrinterConnectionResult } from './flow/flow-options';
export { clientPolicy } from './flow/local-client';
export { keyNameProblem } from './flow/cache-printer-keys';

export async function addPrinterConnection(
  unc: string,
  options: AddPrinterConnectionOptions,
): Promise<AddPrinterConnectionResult> {
  return runAddPrinterConnection(unc, options);
}
