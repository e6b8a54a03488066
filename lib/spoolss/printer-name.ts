/**
 * The names OpenPrinter accepts — [MS-RPRN] 2.2.4.14 (PRINTER_NAME_STRING, SERVER_NAME_STRING):
 *   ""  or undefined           the local print server
 *   \\SERVER                   a print server
 *   \\SERVER\printer           a printer, by printer name or share name
 *   printer                    a local printer or share
 *   \\SERVER\printer,Job 12    a job (`,Job n` suffix, also on a bare name)
 *   printer, DrvConvert        the printer, for a driver's conversion of its DEVMODE
 *   printer, LocalOnly         the printer, without asking a remote provider
 *   \\SERVER\,XcvMonitor <m>    port monitor m, for XcvData ([MS-RPRN] 3.1.4.6.5; also bare)
 *   \\SERVER\,XcvPort <port>    the monitor of a port, for XcvData
 * After the comma Windows skips spaces and matches `DrvConvert` or `LocalOnly` case-sensitively
 * as a prefix (`,DrvConvertxyz` opens; `, drvconvert` and `printer , DrvConvert` do not), as
 * smbtorture's openprinterex name pattern test records from Windows.
 * The server part is kept as the caller wrote it: it is what SourceDir and driver paths carry.
 */
import { Win32Error } from '../common/errors';
import { Win32ErrorCode } from '../common/status/win32-error';

export interface ParsedPrinterName {
  /** The server name as written, without the leading backslashes; undefined for local names. */
  readonly server?: string;
  /** The printer or share name; undefined for a server name. */
  readonly printer?: string;
  readonly jobId?: number;
  /** `DrvConvert` or `LocalOnly`, when the name carried one. */
  readonly option?: 'DrvConvert' | 'LocalOnly';
  /** `,XcvMonitor <name>` or `,XcvPort <name>` (matched case-sensitively, one space, as Windows does). */
  readonly xcv?: { readonly kind: 'monitor' | 'port'; readonly name: string };
}

const invalid = (name: string, why: string): Win32Error =>
  new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `invalid printer name "${name}": ${why}`);

export function parsePrinterName(name: string | undefined): ParsedPrinterName {
  if (name === undefined || name === '') return {};
  let rest = name;
  let server: string | undefined;
  if (rest.startsWith('\\\\')) {
    const slash = rest.indexOf('\\', 2);
    server = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    if (server.length === 0) throw invalid(name, 'empty server name');
    if (slash === -1) return { server };
    rest = rest.slice(slash + 1);
    // `\\SERVER\` names neither the server nor a printer (smbtorture's openprinter_badnamelist, from Windows).
    if (rest.length === 0) throw invalid(name, 'nothing after the server name');
  }
  const xcv = /^,Xcv(Monitor|Port) (.+)$/.exec(rest);
  if (xcv?.[1] !== undefined && xcv[2] !== undefined) {
    const kind = xcv[1] === 'Monitor' ? 'monitor' : 'port';
    return { ...(server !== undefined && { server }), xcv: { kind, name: xcv[2] } };
  }
  let jobId: number | undefined;
  let option: ParsedPrinterName['option'];
  const comma = rest.indexOf(',');
  if (comma !== -1) {
    const suffix = rest.slice(comma + 1).replace(/^ +/, '');
    const job = /^Job\s+(\d{1,10})$/i.exec(suffix.trim());
    const opt = /^(DrvConvert|LocalOnly)/.exec(suffix);
    if (job?.[1]) jobId = Number(job[1]);
    else if (opt?.[1] === 'DrvConvert' || opt?.[1] === 'LocalOnly') option = opt[1];
    else throw invalid(name, `unsupported suffix "${suffix}"`);
    rest = rest.slice(0, comma);
  }
  if (rest.length === 0 || rest.includes('\\')) throw invalid(name, 'bad printer part');
  return {
    ...(server !== undefined && { server }),
    printer: rest,
    ...(jobId !== undefined && { jobId }),
    ...(option !== undefined && { option }),
  };
}

/** Whether `name` (as a caller wrote it) designates this server: its name, an FQDN of it, localhost or an IP literal. */
export function namesThisServer(name: string, serverName: string, aliases: readonly string[] = []): boolean {
  const n = name.toLowerCase();
  const candidates = [serverName, ...aliases].map((s) => s.toLowerCase());
  if (candidates.includes(n)) return true;
  if (candidates.some((c) => n.startsWith(`${c}.`))) return true;
  if (n === 'localhost' || n === 'localhost.localdomain') return true;
  // An address reached us, so it is one of ours (the transport accepted the connection on it).
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(n) || (n.includes(':') && /^\[?[0-9a-f:.]+\]?$/.test(n))) return true;
  return false;
}

/** `NTPRINT` from `\\NTPRINT`, `NTPRINT` or undefined/"" (the local server). */
export function stripServerName(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  return name.replace(/^\\\\/, '').replace(/\\+$/, '');
}
