/**
 * A Standard TCP/IP port in LPR mode sends a job (RFC 1179, lib/devices/lpr/lpr-sender.ts): to
 * the printer's LPD, for the port's queue name, with byte counting as the port says ("Double
 * Spool"), the spooler's name as the sending host and the job's owner and document name. The
 * data file is what a RAW port would send: the job's bytes in the language monitor's PJL
 * wrapper, which names the job for the device.
 *
 * LPR has no way back: once the LPD has received the job and closed the connection the job is
 * the printer's, and the port reports it printed (as Windows deletes an LPR job once sent);
 * its pages are the ones the spooler counted. No page status comes back while it is sent.
 */
import path from 'node:path';
import type { Logger } from '../../common/logger';
import { sendLprJob } from '../../devices/lpr/lpr-sender';
import { wrapPjlJob } from '../../devices/pjl';
import { outputFileName, type DeviceJob, type DeviceOutcome } from '../../devices/print-device';
import type { PortSend } from './port-send';

export interface LprDestination {
  readonly portName: string;
  readonly host: string;
  readonly port: number;
  readonly queue: string;
  readonly byteCounting: boolean;
  /** The sending machine: the print server's name. */
  readonly hostName: string;
  readonly outputDir: string;
}

/** LPR control file lines cannot carry control characters: they become '?'. */
function printable(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? '?' : c)).join('');
}

export function sendLpr(to: LprDestination, job: DeviceJob, logger: Logger): PortSend {
  const abort = new AbortController();
  const documentName = printable(job.documentName);
  const done = sendLprJob({
    host: to.host,
    port: to.port,
    queue: to.queue,
    byteCounting: to.byteCounting,
    data: wrapPjlJob(job.jobId, job.pages, job.data),
    jobId: job.jobId,
    hostName: to.hostName,
    userName: printable(job.userName ?? '') || 'SYSTEM',
    ...(documentName !== '' && { documentName }),
    signal: abort.signal,
  }).then(
    (): DeviceOutcome => ({
      outcome: 'printed',
      pages: job.pages,
      outputFile: path.join(to.outputDir, outputFileName(job.jobId)),
    }),
    (err: unknown): DeviceOutcome => {
      if (!abort.signal.aborted) logger.warn('LPR port error', { port: to.portName, error: (err as Error).message });
      return { outcome: 'aborted', pagesPrinted: 0 };
    },
  );
  return { done, abort: () => abort.abort(), pagesPrinted: () => 0 };
}
