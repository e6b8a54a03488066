/**
 * One LPD connection on the receiving side (RFC 1179 5-7), as an explicit state machine fed
 * with the bytes as they arrive, split anywhere:
 *
 *   command ──02 queue (known)──▶ subcommand ──02/03 count name──▶ file ──count octets──▶
 *   terminator ──0x00──▶ subcommand ...;   03 with an unknown length ──▶ until-close
 *
 * It acknowledges each accepted command, subcommand and file with one zero octet and refuses
 * with LPD_NACK (unknown queue, a file over its bound, a second control file). A job is
 * complete when the sender closes its side with a control file and every data file that
 * control file prints. A data file of unknown length (count 0, or Windows' 125899906843000
 * when byte counting is off) runs until the sender closes; it takes no terminator and no ack.
 * Bytes that break the protocol close the connection; nothing is kept of a broken job.
 */
import { MalformedPacketError } from '../../common/errors';
import { parseControlFile, type ControlFile } from './control-file';
import {
  decodeDaemonCommand,
  decodeJobSubcommand,
  isUnknownLength,
  LPD_ACK,
  LPD_NACK,
  LpdCommand,
  MAX_LINE_LENGTH,
} from './lpd-protocol';

export interface LpdDataFile {
  readonly name: string;
  readonly data: Buffer;
  /** The count the sender announced; undefined when it streamed the file until closing. */
  readonly declaredCount?: number;
}

export interface LpdJob {
  readonly queue: string;
  readonly controlFileName: string;
  readonly controlFile: ControlFile;
  readonly dataFiles: readonly LpdDataFile[];
}

export interface LpdLimits {
  readonly maxControlFileBytes: number;
  readonly maxDataFileBytes: number;
  readonly maxDataFiles: number;
}

export interface LpdConnectionIo {
  write(bytes: Buffer): void;
  /** Ends the connection (after what was written); `reason` is set when the protocol broke. */
  close(reason?: string): void;
  acceptsQueue(queue: string): boolean;
  /** An answer to "send queue state" (03/04). */
  queueState(queue: string, long: boolean): string;
}

type State = 'command' | 'subcommand' | 'file' | 'terminator' | 'until-close' | 'closed';

interface FileInProgress {
  readonly kind: 'controlFile' | 'dataFile';
  readonly name: string;
  readonly count?: number;
  readonly chunks: Buffer[];
  received: number;
}

const ACK = Buffer.from([LPD_ACK]);
const NACK = Buffer.from([LPD_NACK]);

export class LpdConnection {
  private state: State = 'command';
  private line: Buffer[] = [];
  private lineLength = 0;
  private queue = '';
  private file: FileInProgress | undefined;
  private control: { readonly name: string; readonly file: ControlFile } | undefined;
  private dataFiles: LpdDataFile[] = [];

  constructor(
    private readonly io: LpdConnectionIo,
    private readonly limits: LpdLimits,
  ) {}

  get currentState(): State {
    return this.state;
  }

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && this.state !== 'closed') {
      switch (this.state) {
        case 'command':
        case 'subcommand':
          at = this.takeLine(chunk, at);
          break;
        case 'file':
        case 'until-close':
          at = this.takeFileBytes(chunk, at);
          break;
        case 'terminator':
          this.endOfFile(chunk[at] as number);
          at++;
          break;
      }
    }
  }

  /** The sender closed its side: the job, when it is complete. */
  end(): LpdJob | undefined {
    if (this.state === 'until-close') this.storeFile();
    const complete = (this.state === 'subcommand' || this.state === 'until-close') && this.control !== undefined;
    this.state = 'closed';
    if (!complete || !this.control || this.dataFiles.length === 0) return undefined;
    const received = new Set(this.dataFiles.map((f) => f.name));
    if (this.control.file.prints.some((p) => !received.has(p.dataFile))) return undefined;
    return {
      queue: this.queue,
      controlFileName: this.control.name,
      controlFile: this.control.file,
      dataFiles: this.dataFiles,
    };
  }

  private fail(reason: string): void {
    this.state = 'closed';
    this.io.close(reason);
  }

  private takeLine(chunk: Buffer, at: number): number {
    const lf = chunk.indexOf(0x0a, at);
    const stop = lf === -1 ? chunk.length : lf;
    this.lineLength += stop - at;
    if (this.lineLength > MAX_LINE_LENGTH) {
      this.fail(`line over ${MAX_LINE_LENGTH} octets`);
      return chunk.length;
    }
    this.line.push(chunk.subarray(at, stop));
    if (lf === -1) return chunk.length;
    const line = Buffer.concat(this.line);
    this.line = [];
    this.lineLength = 0;
    try {
      if (this.state === 'command') this.command(line);
      else this.subcommand(line);
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err;
      this.fail(err.message);
    }
    return lf + 1;
  }

  private command(line: Buffer): void {
    const cmd = decodeDaemonCommand(line);
    const known = this.io.acceptsQueue(cmd.queue);
    switch (cmd.code) {
      case LpdCommand.RECEIVE_PRINTER_JOB:
        if (!known) {
          this.io.write(NACK);
          this.fail(`unknown queue "${cmd.queue}"`);
          return;
        }
        this.queue = cmd.queue;
        this.state = 'subcommand';
        this.io.write(ACK);
        return;
      case LpdCommand.SEND_QUEUE_STATE_SHORT:
      case LpdCommand.SEND_QUEUE_STATE_LONG:
        this.io.write(
          Buffer.from(this.io.queueState(cmd.queue, cmd.code === LpdCommand.SEND_QUEUE_STATE_LONG), 'latin1'),
        );
        break;
    }
    // 01 (print waiting jobs) and 05 (remove jobs) have nothing to do: a device prints at once.
    this.state = 'closed';
    this.io.close();
  }

  private subcommand(line: Buffer): void {
    const sub = decodeJobSubcommand(line);
    if (sub.kind === 'abort') {
      // RFC 1179 6.1: forget what this job sent so far; no acknowledgement is defined.
      this.control = undefined;
      this.dataFiles = [];
      return;
    }
    const refuse = (): void => this.io.write(NACK);
    if (sub.kind === 'controlFile') {
      if (this.control || isUnknownLength(sub.count) || sub.count > this.limits.maxControlFileBytes) return refuse();
    } else if (this.dataFiles.length >= this.limits.maxDataFiles) {
      return refuse();
    } else if (isUnknownLength(sub.count)) {
      this.file = { kind: 'dataFile', name: sub.name, chunks: [], received: 0 };
      this.state = 'until-close';
      this.io.write(ACK);
      return;
    } else if (sub.count > this.limits.maxDataFileBytes) {
      return refuse();
    }
    this.file = { kind: sub.kind, name: sub.name, count: sub.count, chunks: [], received: 0 };
    this.state = sub.count === 0 ? 'terminator' : 'file';
    this.io.write(ACK);
  }

  private takeFileBytes(chunk: Buffer, at: number): number {
    const file = this.file as FileInProgress;
    const want = file.count === undefined ? chunk.length - at : Math.min(file.count - file.received, chunk.length - at);
    if (file.count === undefined && file.received + want > this.limits.maxDataFileBytes) {
      this.fail(`data file over ${this.limits.maxDataFileBytes} octets`);
      return chunk.length;
    }
    file.chunks.push(chunk.subarray(at, at + want));
    file.received += want;
    if (file.count !== undefined && file.received === file.count) this.state = 'terminator';
    return at + want;
  }

  private endOfFile(octet: number): void {
    if (octet !== 0) {
      this.fail(`file ended with 0x${octet.toString(16)}, not a zero octet`);
      return;
    }
    try {
      this.storeFile();
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err;
      this.io.write(NACK);
      this.fail(err.message);
      return;
    }
    this.state = 'subcommand';
    this.io.write(ACK);
  }

  private storeFile(): void {
    const file = this.file as FileInProgress;
    this.file = undefined;
    const data = Buffer.concat(file.chunks, file.received);
    if (file.kind === 'controlFile') this.control = { name: file.name, file: parseControlFile(data) };
    else this.dataFiles.push({ name: file.name, data, ...(file.count !== undefined && { declaredCount: file.count }) });
  }
}
