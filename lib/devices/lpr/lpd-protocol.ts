/**
 * The Line Printer Daemon protocol (RFC 1179): daemon commands, the subcommands of "receive
 * a printer job", and the one-octet acknowledgement.
 *
 *   daemon command   code | queue | [SP operand]... | LF       (RFC 1179 5)
 *     01 print any waiting jobs, 02 receive a printer job, 03/04 send queue state
 *     (short/long), 05 remove jobs
 *   receive-job subcommand   code | [count SP name] | LF       (RFC 1179 6)
 *     01 abort job, 02 receive control file, 03 receive data file
 *   after a command or subcommand header the receiver answers one octet: 0 = accepted;
 *   after a file's `count` octets the sender sends one zero octet, answered in the same way.
 *
 * Text is ASCII in the RFC; we read it as latin1 so every octet survives (Windows sends its
 * ANSI code page). Lines are bounded (MAX_LINE_LENGTH): RFC 1179 lines are short.
 */
import { MalformedPacketError } from '../../common/errors';

export const LPD_PORT = 515;

export const LpdCommand = {
  PRINT_WAITING_JOBS: 0x01,
  RECEIVE_PRINTER_JOB: 0x02,
  SEND_QUEUE_STATE_SHORT: 0x03,
  SEND_QUEUE_STATE_LONG: 0x04,
  REMOVE_JOBS: 0x05,
} as const;

export const ReceiveJobSubcommand = {
  ABORT_JOB: 0x01,
  RECEIVE_CONTROL_FILE: 0x02,
  RECEIVE_DATA_FILE: 0x03,
} as const;

export const LPD_ACK = 0x00;
/** Any other octet refuses; 1 is what receivers commonly send. */
export const LPD_NACK = 0x01;

/**
 * The data-file count Windows' Standard TCP/IP port sends when "LPR Byte Counting Enabled" is
 * off: it does not know the length, streams the data and closes the connection. LPD servers
 * that take Windows jobs treat it, like a count of 0, as "until the connection closes".
 */
export const WINDOWS_UNKNOWN_LENGTH = 125899906843000;

export const MAX_LINE_LENGTH = 1024;

const LF = 0x0a;

export interface DaemonCommand {
  readonly code: number;
  readonly queue: string;
  /** Operands after the queue (agent and job list for 05, job list for 03/04). */
  readonly operands: readonly string[];
}

export type JobSubcommand =
  | { readonly kind: 'abort' }
  | { readonly kind: 'controlFile' | 'dataFile'; readonly count: number; readonly name: string };

function checkText(text: string, field: string): void {
  // Names travel inside space-separated lines; control characters have no place in them.
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw new MalformedPacketError(`${field} has control characters`, { field });
}

/** A daemon command line, without its LF. */
export function decodeDaemonCommand(line: Buffer): DaemonCommand {
  if (line.length < 2) throw new MalformedPacketError('daemon command too short', { field: 'command' });
  const code = line[0] as number;
  if (code < LpdCommand.PRINT_WAITING_JOBS || code > LpdCommand.REMOVE_JOBS) {
    throw new MalformedPacketError(`unknown daemon command 0x${code.toString(16)}`, { offset: 0, field: 'command' });
  }
  // RFC 1179 5: operands are separated by white space (spaces or horizontal tabs).
  const [queue = '', ...operands] = line.toString('latin1', 1).split(/[ \t]+/);
  if (queue === '') throw new MalformedPacketError('daemon command without a queue', { field: 'queue' });
  checkText(queue, 'queue');
  return { code, queue, operands: operands.filter((o) => o !== '') };
}

export function encodeDaemonCommand(code: number, queue: string, operands: readonly string[] = []): Buffer {
  return Buffer.from(`${String.fromCharCode(code)}${[queue, ...operands].join(' ')}\n`, 'latin1');
}

/** A receive-job subcommand line, without its LF. */
export function decodeJobSubcommand(line: Buffer): JobSubcommand {
  const code = line[0];
  if (code === ReceiveJobSubcommand.ABORT_JOB) return { kind: 'abort' };
  if (code !== ReceiveJobSubcommand.RECEIVE_CONTROL_FILE && code !== ReceiveJobSubcommand.RECEIVE_DATA_FILE) {
    throw new MalformedPacketError(`unknown receive-job subcommand 0x${(code ?? 0).toString(16)}`, {
      offset: 0,
      field: 'subcommand',
    });
  }
  const m = /^(\d{1,15}) ([^ ]+)$/.exec(line.toString('latin1', 1));
  if (!m) throw new MalformedPacketError('subcommand is not "count SP name"', { offset: 1, field: 'subcommand' });
  const name = m[2] as string;
  checkText(name, 'file name');
  if (name.includes('/')) throw new MalformedPacketError(`file name "${name}" has a "/"`, { field: 'file name' });
  return {
    kind: code === ReceiveJobSubcommand.RECEIVE_CONTROL_FILE ? 'controlFile' : 'dataFile',
    count: Number(m[1]),
    name,
  };
}

export function encodeJobSubcommand(sub: JobSubcommand): Buffer {
  if (sub.kind === 'abort') return Buffer.from([ReceiveJobSubcommand.ABORT_JOB, LF]);
  const code =
    sub.kind === 'controlFile' ? ReceiveJobSubcommand.RECEIVE_CONTROL_FILE : ReceiveJobSubcommand.RECEIVE_DATA_FILE;
  return Buffer.from(`${String.fromCharCode(code)}${sub.count} ${sub.name}\n`, 'latin1');
}

/** Whether a data-file count means "read until the connection closes". */
export function isUnknownLength(count: number): boolean {
  return count === 0 || count === WINDOWS_UNKNOWN_LENGTH;
}

/**
 * RFC 1179 6.2/6.3: control and data files are named cfA/dfA, a three-digit job number and the
 * sending host. Windows numbers with its job id modulo 1000.
 */
export function lprFileNames(jobId: number, hostName: string): { readonly control: string; readonly data: string } {
  const n = String(((jobId % 1000) + 1000) % 1000).padStart(3, '0');
  return { control: `cfA${n}${hostName}`, data: `dfA${n}${hostName}` };
}
