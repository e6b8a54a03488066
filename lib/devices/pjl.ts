/**
 * The PJL job wrapper a language monitor puts around a RAW job on a network port, and the
 * device's reading of it (HP PJL Technical Reference: UEL, JOB/EOJ, USTATUS JOB, SET JOBATTR).
 * The spooler names the job (`NAME="<jobId>"`) so the device can name its output after the
 * job, states the page count it knows (`JOBATTR="TotalPages=n"`), and asks for unsolicited
 * status: a page status each time a page is out (`USTATUS PAGE`, how the language monitor
 * learns the pages printed over a RAW connection) and `USTATUS JOB END` when the last one is.
 *
 *   ESC%-12345X@PJL JOB NAME="12"\r\n
 *   @PJL SET JOBATTR="TotalPages=3"\r\n
 *   @PJL USTATUS JOB=ON\r\n
 *   @PJL USTATUS PAGE=ON\r\n
 *   <job data>
 *   ESC%-12345X@PJL EOJ NAME="12"\r\n
 *   ESC%-12345X
 */
export const UEL = '\x1b%-12345X';

export function wrapPjlJob(jobId: number, pages: number, data: Buffer): Buffer {
  const head =
    `${UEL}@PJL JOB NAME="${jobId}"\r\n` +
    `@PJL SET JOBATTR="TotalPages=${pages}"\r\n` +
    `@PJL USTATUS JOB=ON\r\n` +
    `@PJL USTATUS PAGE=ON\r\n`;
  const tail = `${UEL}@PJL EOJ NAME="${jobId}"\r\n${UEL}`;
  return Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from(tail, 'latin1')]);
}

export interface UnwrappedJob {
  readonly jobName?: string;
  readonly totalPages?: number;
  /** The host asked for a page status as each page comes out (`USTATUS PAGE=ON`). */
  readonly pageStatus?: boolean;
  readonly data: Buffer;
}

/** The job data inside a PJL wrapper; bytes without one are returned as they are. */
export function unwrapPjlJob(bytes: Buffer): UnwrappedJob {
  const uel = Buffer.from(UEL, 'latin1');
  if (bytes.indexOf(uel) !== 0) return { data: bytes };
  let pos = uel.length;
  let jobName: string | undefined;
  let totalPages: number | undefined;
  let pageStatus = false;
  // Header lines: each starts with @PJL and ends with LF.
  while (bytes.subarray(pos, pos + 4).toString('latin1') === '@PJL') {
    const eol = bytes.indexOf(0x0a, pos);
    if (eol < 0) break;
    const line = bytes.subarray(pos, eol).toString('latin1').trim();
    pos = eol + 1;
    const name = /^@PJL JOB\b.*\bNAME\s*=\s*"([^"]*)"/i.exec(line);
    if (name?.[1] !== undefined) jobName = name[1];
    const pages = /^@PJL SET JOBATTR\s*=\s*"TotalPages=(\d+)"/i.exec(line);
    if (pages?.[1] !== undefined) totalPages = Number(pages[1]);
    if (/^@PJL USTATUS PAGE\s*=\s*ON$/i.test(line)) pageStatus = true;
  }
  const eoj = bytes.lastIndexOf(Buffer.from(`${UEL}@PJL EOJ`, 'latin1'));
  const end = eoj >= pos ? eoj : bytes.length;
  return {
    ...(jobName !== undefined && { jobName }),
    ...(totalPages !== undefined && { totalPages }),
    ...(pageStatus && { pageStatus }),
    data: bytes.subarray(pos, end),
  };
}

/** The device's unsolicited status when a job ends. */
export function ustatusJobEnd(jobName: string, pages: number): string {
  return `@PJL USTATUS JOB\r\nEND\r\nNAME="${jobName}"\r\nPAGES=${pages}\r\n\f`;
}

/** The device's unsolicited page status: `page` pages of the job are out. */
export function ustatusPage(page: number): string {
  return `@PJL USTATUS PAGE\r\n${page}\r\n\f`;
}

/** The last page number in the page statuses received so far, if any. */
export function lastUstatusPage(text: string): number | undefined {
  let last: number | undefined;
  for (const m of text.matchAll(/@PJL USTATUS PAGE\r?\n(\d+)\r?\n/g)) last = Number(m[1]);
  return last;
}

export function parseUstatusJobEnd(text: string): { readonly name: string; readonly pages: number } | undefined {
  const m = /@PJL USTATUS JOB\r?\nEND\r?\nNAME="([^"]*)"\r?\nPAGES=(\d+)/.exec(text);
  return m?.[1] !== undefined && m[2] !== undefined ? { name: m[1], pages: Number(m[2]) } : undefined;
}
