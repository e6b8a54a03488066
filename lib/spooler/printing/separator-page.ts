/**
 * Separator pages: the interpreter of a Windows separator page file (`.sep`, the printer's
 * `Separator File` / PRINTER_INFO_2 pSepFile), whose output the spooler sends to the device
 * ahead of each job. Facts from Microsoft's "PCL separator page escape codes" page:
 *
 *   first line   the escape character alone (any character; `\` in Windows' samples)
 *   \N           user name of the job's owner        \I   job number
 *   \D           date the job is printed             \T   time the job is printed
 *   \Lxxx        the text up to the next escape character
 *   \Fpath       the file's bytes, unprocessed, starting on a blank line
 *   \Hnn         the byte 0xnn, sent as is (printer control sequences)
 *   \Wnn         page width in characters (default 80, at most 256); longer lines are cut
 *   \B\S \B\M    single / double width block characters until \U
 *   \U           block characters off
 *   \n (0-9)     skip n lines (\0 moves to the next line)
 *   \E           eject the page
 *
 * Characters outside an escape code (the file's own line ends included) are not printed: text
 * reaches the page through \L only, lines through \0-\9. pointprint's choices:
 * - Block characters are printed as plain text (\B\M doubles each character's width with a
 *   space after it); \U ends them.
 * - Date and time are UTC, `M/D/YYYY` and `h:mm:ss AM` (the en-US regional format).
 * - \E is a form feed (0x0C); a line end is CR LF.
 * - An unknown code, a bad \H byte or a \F file that cannot be read is skipped and reported in
 *   `warnings`.
 * The interpreter is pure: `insertFile` reads \F files for it.
 */
import { countPages } from '../../devices/page-count';

export interface SeparatorJob {
  readonly jobId: number;
  readonly userName: string;
}

export interface SeparatorContext {
  readonly job: SeparatorJob;
  /** When the job is printed (the spooler clock). */
  readonly printedAt: Date;
  /** The bytes of a \F file, or undefined when it cannot be read (path refused, missing). */
  readonly insertFile: (windowsPath: string) => Promise<Buffer | undefined>;
}

export interface RenderedSeparator {
  readonly data: Buffer;
  /** Pages the separator takes on the device: each \E, plus one for content after the last. */
  readonly pages: number;
  readonly warnings: readonly string[];
}

export const SEPARATOR_DEFAULT_WIDTH = 80;
export const SEPARATOR_MAX_WIDTH = 256;

const CR_LF = Buffer.from('\r\n', 'latin1');
const FORM_FEED = Buffer.from([0x0c]);

export async function renderSeparator(file: Buffer, ctx: SeparatorContext): Promise<RenderedSeparator> {
  const text = file.toString('latin1');
  const warnings: string[] = [];
  const out: Buffer[] = [];
  const esc = text[0];
  if (esc === undefined) return { data: Buffer.alloc(0), pages: 0, warnings };
  let width = SEPARATOR_DEFAULT_WIDTH;
  let column = 0;
  let block: 'single' | 'double' | undefined;

  const newLine = (): void => {
    out.push(CR_LF);
    column = 0;
  };
  const print = (s: string): void => {
    const shown = block === 'double' ? [...s].map((c) => `${c} `).join('') : s;
    const room = Math.max(0, width - column);
    const kept = shown.slice(0, room);
    out.push(Buffer.from(kept, 'latin1'));
    column += kept.length;
  };
  const upTo = (from: number, stop: (c: string) => boolean): number => {
    let j = from;
    while (j < text.length && !stop(text[j] ?? '')) j++;
    return j;
  };

  // The first line holds the escape character only.
  let i = upTo(1, (c) => c === '\n') + 1;
  while (i < text.length) {
    if (text[i] !== esc) {
      i++;
      continue;
    }
    const code = text[i + 1];
    i += 2;
    if (code === undefined) break;
    switch (code.toUpperCase()) {
      case 'N':
        print(ctx.job.userName);
        break;
      case 'I':
        print(String(ctx.job.jobId));
        break;
      case 'D':
        print(formatDate(ctx.printedAt));
        break;
      case 'T':
        print(formatTime(ctx.printedAt));
        break;
      case 'L': {
        const end = upTo(i, (c) => c === esc);
        print(text.slice(i, end).replace(/[\r\n]/g, ''));
        i = end;
        break;
      }
      case 'F': {
        const end = upTo(i, (c) => c === esc || c === '\r' || c === '\n');
        const name = text.slice(i, end).trim();
        i = end;
        const bytes = await ctx.insertFile(name);
        if (bytes === undefined) {
          warnings.push(`\\F${name}: file not inserted`);
          break;
        }
        // The file starts on a blank line.
        if (column > 0) newLine();
        newLine();
        out.push(bytes);
        break;
      }
      case 'H': {
        const hex = text.slice(i, i + 2);
        if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
          out.push(Buffer.from([parseInt(hex, 16)]));
          i += 2;
        } else warnings.push(`\\H${hex}: not a hexadecimal byte`);
        break;
      }
      case 'W': {
        const end = upTo(i, (c) => c < '0' || c > '9');
        const digits = text.slice(i, Math.min(end, i + 3));
        i += digits.length;
        if (digits === '') warnings.push('\\W without a width');
        else width = Math.min(SEPARATOR_MAX_WIDTH, Math.max(1, Number(digits)));
        break;
      }
      case 'B': {
        // \B\S or \B\M: the next code says which.
        if (text[i] === esc && text[i + 1] !== undefined) {
          const kind = (text[i + 1] ?? '').toUpperCase();
          if (kind === 'S' || kind === 'M') {
            block = kind === 'S' ? 'single' : 'double';
            i += 2;
            break;
          }
        }
        warnings.push('\\B not followed by \\S or \\M');
        break;
      }
      case 'U':
        block = undefined;
        break;
      case 'E':
        out.push(FORM_FEED);
        column = 0;
        break;
      default:
        if (code >= '0' && code <= '9') {
          for (let n = Number(code); n >= 0; n--) newLine();
        } else if (code === esc) {
          // Two escape characters in a row: nothing to print.
        } else warnings.push(`unknown escape code ${code}`);
    }
  }
  const data = Buffer.concat(out);
  return { data, pages: data.length === 0 ? 0 : countPages(data), warnings };
}

function formatDate(d: Date): string {
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

function formatTime(d: Date): string {
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${h % 12 === 0 ? 12 : h % 12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}
