/**
 * Sends one job to an LPD (RFC 1179 6) the way Windows' Standard TCP/IP port does in LPR mode
 * (the port monitor's side): "receive a printer job" for the port's queue name, the control
 * file first, then the data file.
 *
 *   02 queue LF                      → 00
 *   02 <control length> cfA<nnn><host> LF → 00, control file + 00 → 00
 *   with byte counting:    03 <data length> dfA<nnn><host> LF → 00, data + 00 → 00, close
 *   without byte counting: 03 125899906843000 dfA<nnn><host> LF → 00, data, close
 *
 * The control file has Windows' lines: H host, P user, J job name, l (print the data file as
 * it is: the spooler sends printer-ready data), U (unlink it), N document name; J and N only
 * when the document has a name. "LPR Byte Counting Enabled" sends the real length (Windows
 * spools the whole job first to know it); without it the length is unknown and the job ends
 * when the connection closes.
 *
 * DEVIATION: RFC 1179 3.1 asks for a source port in 721-731; we use an ephemeral port, as
 * `rlpr --no-bind` does, since printers and Windows' LPD service accept any.
 */
import net from 'node:net';
import { buildControlFile, type ControlLine } from './control-file';
import {
  encodeDaemonCommand,
  encodeJobSubcommand,
  LPD_ACK,
  LPD_PORT,
  LpdCommand,
  lprFileNames,
  WINDOWS_UNKNOWN_LENGTH,
} from './lpd-protocol';
import { LprConnectionError, LprRefusedError } from './lpr-errors';

export interface LprJob {
  readonly host: string;
  readonly port?: number;
  /** The port's "Queue Name". */
  readonly queue: string;
  /** The port's "LPR Byte Counting Enabled". */
  readonly byteCounting: boolean;
  readonly data: Buffer;
  /** The spooler's job id; its last three digits number the files. */
  readonly jobId: number;
  /** The sending machine (H line and file names). */
  readonly hostName: string;
  /** The job's owner (P line). */
  readonly userName: string;
  /** The document name (J and N lines), when it has one. */
  readonly documentName?: string;
  /** Silence this long on any step fails the job (default 30 s). */
  readonly timeoutMs?: number;
  /** Aborting it drops the connection: the LPD forgets the unfinished job (RFC 1179 6.1). */
  readonly signal?: AbortSignal;
}

function checkName(what: string, value: string): void {
  if (value === '' || /[\s/]/.test(value)) throw new LprConnectionError(`${what} "${value}" cannot be sent over LPR`);
}

export async function sendLprJob(job: LprJob): Promise<void> {
  checkName('queue name', job.queue);
  checkName('host name', job.hostName);
  const names = lprFileNames(job.jobId, job.hostName);
  const lines: ControlLine[] = [
    { command: 'H', operand: job.hostName },
    { command: 'P', operand: job.userName },
    ...(job.documentName ? [{ command: 'J', operand: job.documentName }] : []),
    { command: 'l', operand: names.data },
    { command: 'U', operand: names.data },
    ...(job.documentName ? [{ command: 'N', operand: job.documentName }] : []),
  ];
  const control = buildControlFile(lines);

  if (job.signal?.aborted) throw new LprConnectionError('LPR job aborted before it was sent');
  const socket = net.connect({ host: job.host, port: job.port ?? LPD_PORT });
  const onAbort = (): void => void socket.destroy(new LprConnectionError('LPR job aborted'));
  job.signal?.addEventListener('abort', onAbort, { once: true });
  const acks = new AckReader(socket);
  socket.setTimeout(job.timeoutMs ?? 30000, () => socket.destroy(new LprConnectionError('LPD went silent')));
  let socketError: Error | undefined;
  socket.on('error', (err) => (socketError ??= err));
  const closed = new Promise<void>((resolve, reject) => {
    socket.once('close', () => (socketError ? reject(socketError) : resolve()));
  });
  closed.catch(() => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const step = async (what: string, bytes: Buffer): Promise<void> => {
      socket.write(bytes);
      const answer = await acks.next(what);
      if (answer !== LPD_ACK) throw new LprRefusedError(what, answer);
    };
    await step(`queue "${job.queue}"`, encodeDaemonCommand(LpdCommand.RECEIVE_PRINTER_JOB, job.queue));
    await step(
      'the control file header',
      encodeJobSubcommand({ kind: 'controlFile', count: control.length, name: names.control }),
    );
    await step('the control file', Buffer.concat([control, Buffer.from([0])]));
    const count = job.byteCounting ? job.data.length : WINDOWS_UNKNOWN_LENGTH;
    await step('the data file header', encodeJobSubcommand({ kind: 'dataFile', count, name: names.data }));
    if (job.byteCounting) await step('the data file', Buffer.concat([job.data, Buffer.from([0])]));
    else socket.write(job.data);
    socket.end();
    await closed;
  } catch (err) {
    socket.destroy();
    if (err instanceof LprRefusedError || err instanceof LprConnectionError) throw err;
    throw new LprConnectionError(`LPR to ${job.host}:${job.port ?? LPD_PORT} failed: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    job.signal?.removeEventListener('abort', onAbort);
  }
}

/** The one-octet answers of an LPD, in order; a closed or broken connection fails the step waiting. */
class AckReader {
  private readonly octets: number[] = [];
  private pending: { readonly step: string; resolve(o: number): void; reject(e: Error): void } | undefined;
  private stopped: Error | undefined;

  constructor(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) this.octets.push(b);
      this.settle();
    });
    const stop = (err: Error): void => {
      this.stopped ??= err;
      this.settle();
    };
    socket.on('error', stop);
    socket.on('end', () => stop(new LprConnectionError('LPD closed the connection')));
    socket.on('close', () => stop(new LprConnectionError('connection closed')));
  }

  next(step: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending = { step, resolve, reject };
      this.settle();
    });
  }

  private settle(): void {
    const p = this.pending;
    if (!p) return;
    const octet = this.octets.shift();
    if (octet !== undefined) {
      this.pending = undefined;
      p.resolve(octet);
    } else if (this.stopped) {
      this.pending = undefined;
      p.reject(new LprConnectionError(`no answer to ${p.step}: ${this.stopped.message}`, { cause: this.stopped }));
    }
  }
}
