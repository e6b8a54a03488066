/**
 * The LPR control file (RFC 1179 7): one command per line, a command letter then its operand,
 * each line ended by LF.
 *
 *   C class (banner)   H host name       I indent          J job name (banner)
 *   L print banner (user name)           M mail when printed to (user)
 *   N name of the source file            P user identification
 *   S symbolic link data                 T title for pr    U unlink data file
 *   W width            1-4 troff fonts
 *   print a data file in a format: c cifplot, d DVI, f formatted text, g plot,
 *   l leave control characters (Windows' choice: the spooler sends printer-ready data),
 *   n ditroff, o PostScript, p pr, r FORTRAN carriage control, t troff, v raster
 *
 * Unknown letters are kept as lines and otherwise ignored, as LPD servers do. Text is read as
 * latin1 so every octet survives.
 */
import { EncodingError, MalformedPacketError } from '../../common/errors';

export const PRINT_FORMATS = {
  c: 'cifplot',
  d: 'dvi',
  f: 'formatted',
  g: 'plot',
  l: 'leaveControlCharacters',
  n: 'ditroff',
  o: 'postscript',
  p: 'pr',
  r: 'fortran',
  t: 'troff',
  v: 'raster',
} as const;
export type PrintFormatLetter = keyof typeof PRINT_FORMATS;

export interface ControlLine {
  readonly command: string;
  readonly operand: string;
}

export interface PrintRequest {
  readonly format: PrintFormatLetter;
  readonly dataFile: string;
}

export interface ControlFile {
  readonly lines: readonly ControlLine[];
  /** H */
  readonly host?: string;
  /** P */
  readonly user?: string;
  /** J */
  readonly jobName?: string;
  /** N (the first one: the job's document) */
  readonly sourceName?: string;
  /** The print commands, in order: which data file in which format. */
  readonly prints: readonly PrintRequest[];
  /** U */
  readonly unlink: readonly string[];
}

function isPrintFormat(c: string): c is PrintFormatLetter {
  return Object.prototype.hasOwnProperty.call(PRINT_FORMATS, c);
}

export function parseControlFile(bytes: Buffer): ControlFile {
  const lines: ControlLine[] = [];
  let offset = 0;
  for (const raw of bytes.toString('latin1').split('\n')) {
    if (raw.length > 0) {
      if (raw.includes('\0'))
        throw new MalformedPacketError('control file line has a NUL', { offset, field: 'control file' });
      lines.push({ command: raw[0] as string, operand: raw.slice(1) });
    }
    offset += raw.length + 1;
  }
  const first = (c: string): string | undefined => lines.find((l) => l.command === c)?.operand;
  const host = first('H');
  const user = first('P');
  const jobName = first('J');
  const sourceName = first('N');
  return {
    lines,
    ...(host !== undefined && { host }),
    ...(user !== undefined && { user }),
    ...(jobName !== undefined && { jobName }),
    ...(sourceName !== undefined && { sourceName }),
    prints: lines.flatMap((l) => (isPrintFormat(l.command) ? [{ format: l.command, dataFile: l.operand }] : [])),
    unlink: lines.filter((l) => l.command === 'U').map((l) => l.operand),
  };
}

/** Lines in the given order; operands must not contain LF. */
export function buildControlFile(lines: readonly ControlLine[]): Buffer {
  for (const l of lines) {
    if (l.command.length !== 1 || l.operand.includes('\n') || l.operand.includes('\0')) {
      throw new EncodingError(`control file line "${l.command}" cannot be written`);
    }
  }
  return Buffer.from(lines.map((l) => `${l.command}${l.operand}\n`).join(''), 'latin1');
}
