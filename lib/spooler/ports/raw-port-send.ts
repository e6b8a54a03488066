/**
 * A Standard TCP/IP port in RAW mode sends a job: one TCP connection to the printer's RAW port,
 * the job's bytes wrapped in PJL by the language monitor (lib/devices/pjl.ts), then a
 * half-close. What comes back is all RAW reveals: `@PJL USTATUS PAGE` as each page comes out
 * (the pages printed so far) and `@PJL USTATUS JOB END` when the last one has. A connection that
 * closes without that end (refused, dropped, aborted) means the job did not print.
 */
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import { lastUstatusPage, parseUstatusJobEnd, wrapPjlJob } from '../../devices/pjl';
import { outputFileName, type DeviceJob, type DeviceOutcome } from '../../devices/print-device';
import type { PortSend } from './port-send';

export interface RawDestination {
  readonly portName: string;
  readonly host: string;
  readonly port: number;
  /** Where the device names its output (for the outcome; the device writes it). */
  readonly outputDir: string;
}

export function sendRaw(to: RawDestination, job: DeviceJob, logger: Logger): PortSend {
  const socket = net.connect({ host: to.host, port: to.port, allowHalfOpen: true });
  let reply = '';
  let aborted = false;
  const done = new Promise<DeviceOutcome>((resolve) => {
    socket.on('connect', () => socket.end(wrapPjlJob(job.jobId, job.pages, job.data)));
    socket.on('data', (c: Buffer) => (reply += c.toString('latin1')));
    socket.on('error', (err) => logger.warn('TCP port error', { port: to.portName, error: err.message }));
    socket.on('close', () => {
      const end = parseUstatusJobEnd(reply);
      if (!aborted && end !== undefined && end.name === String(job.jobId)) {
        resolve({
          outcome: 'printed',
          pages: end.pages,
          outputFile: path.join(to.outputDir, outputFileName(job.jobId)),
        });
      } else resolve({ outcome: 'aborted', pagesPrinted: lastUstatusPage(reply) ?? 0 });
    });
  });
  return {
    done,
    abort: () => {
      aborted = true;
      socket.destroy();
    },
    pagesPrinted: () => lastUstatusPage(reply) ?? 0,
  };
}
