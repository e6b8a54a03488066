/**
 * Separator pages: a printer's `Separator File` (PRINTER_INFO_2 pSepFile), looked up under the
 * folder standing for %SystemRoot%\System32 (separator-file.ts), rendered for each job by the
 * `.sep` interpreter (separator-page.ts) and sent to the device ahead of the job.
 */
import type { SpoolerClock } from '../../common/clock';
import { PathEscapeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { PrintJob } from '../jobs/print-job';
import type { PrinterTable } from '../printers/printer-table';
import { readSz } from '../registry-values';
import { readSeparatorFile } from './separator-file';
import { renderSeparator } from './separator-page';

export interface SeparatorOutput {
  readonly data: Buffer;
  readonly pages: number;
}

export interface SeparatorPagesOptions {
  readonly printers: PrinterTable;
  readonly clock: SpoolerClock;
  readonly logger: Logger;
  /** The folder standing for %SystemRoot%\System32; without it no separator page prints. */
  readonly systemDir?: string;
}

export class SeparatorPages {
  constructor(private readonly o: SeparatorPagesOptions) {}

  /**
   * The printer's separator page rendered for a job, or undefined (none set, file missing or
   * refused: the job prints without it; Windows logs no documented event ID for this, so it
   * goes to the spooler's log only).
   */
  async forJob(job: PrintJob, printerName: string): Promise<SeparatorOutput | undefined> {
    const { logger } = this.o;
    const key = this.o.printers.find(printerName);
    const name = key === undefined ? '' : (readSz(key, 'Separator File') ?? '').trim();
    if (name === '') return undefined;
    const root = this.o.systemDir;
    const warn = (problem: string): undefined => {
      logger.warn('separator page not printed', { printer: printerName, jobId: job.jobId, file: name, problem });
      return undefined;
    };
    if (root === undefined) return warn('no System32 folder configured');
    const read = async (windowsPath: string): Promise<Buffer | undefined> => {
      try {
        return await readSeparatorFile(root, windowsPath);
      } catch (err) {
        if (err instanceof PathEscapeError) {
          logger.warn('separator file refused', { printer: printerName, file: windowsPath, reason: err.reason });
          return undefined;
        }
        throw err;
      }
    };
    const file = await read(name);
    if (file === undefined) return warn('file missing or refused');
    const rendered = await renderSeparator(file, {
      job: { jobId: job.jobId, userName: job.userName },
      printedAt: new Date(this.o.clock.now()),
      insertFile: read,
    });
    for (const w of rendered.warnings) logger.warn('separator page', { printer: printerName, file: name, problem: w });
    return rendered;
  }
}
