/**
 * Windows relative paths, checked and split as Windows would read them, so a path from the
 * wire (an SMB2 CREATE name on PRINT$, a driver file name, a CopyFiles entry) can be looked up
 * in a POSIX tree without ever leaving it.
 *
 * Accepted: `x64\3\UNIDRV.DLL`, `color/Hpclrlsr.icm`, `W32X86\3\`, `.\x64`, `UNIDRV.DLL. `
 * (Win32 drops trailing dots and spaces from each component: "UNIDRV.DLL. " is "UNIDRV.DLL").
 * Refused with a PathEscapeError and the reason: `..` (also `.. ` and `...`, which Windows
 * trims to dots), an absolute path (`\x`, `/x`), a drive (`C:x`, `C:\x`), a UNC or device
 * prefix (`\\server\share`, `\\?\`, `\\.\`), a DOS device name in any component, with or
 * without an extension (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$, `nul.txt`),
 * a NUL or control character, an alternate data stream (`file:stream`), wildcards and the
 * other characters Win32 forbids in names (< > " | ? *), empty components (`a\\b`), and
 * components or paths longer than Windows allows.
 */
import { PathEscapeError } from '../common/errors';

/** Longest component NTFS accepts, in UTF-16 code units. */
export const MAX_COMPONENT_LENGTH = 255;
/** Longest path the Win32 API accepts with the long-path prefix. */
export const MAX_PATH_LENGTH = 32767;

/** Reserved DOS device names — Win32 maps them to devices in any directory. */
export const DOS_DEVICE_NAMES: ReadonlySet<string> = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'CONIN$',
  'CONOUT$',
  ...[...'0123456789\u00b9\u00b2\u00b3'].flatMap((d) => [`COM${d}`, `LPT${d}`]),
]);

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_CHARACTERS = /[\u0001-\u001f<>"|?*]/;

/** Splits a relative Windows path into its components; throws PathEscapeError for unsafe ones. */
export function splitWindowsPath(windowsPath: string): string[] {
  const refuse = (reason: string): never => {
    throw new PathEscapeError(windowsPath, reason);
  };
  if (windowsPath.includes('\0')) refuse('contains a NUL character');
  if (windowsPath.length > MAX_PATH_LENGTH) refuse(`longer than ${MAX_PATH_LENGTH} characters`);
  const p = windowsPath.replace(/\//g, '\\');
  if (p.startsWith('\\\\'))
    refuse(
      p.startsWith('\\\\?\\') || p.startsWith('\\\\.\\')
        ? 'a device namespace path (\\\\?\\ or \\\\.\\)'
        : 'a UNC path',
    );
  if (/^[A-Za-z]:/.test(p)) refuse('a drive letter');
  if (p.startsWith('\\')) refuse('an absolute path');

  const parts = p.split('\\');
  // One trailing separator names a directory, as in "x64\3\".
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const out: string[] = [];
  for (const raw of parts) {
    if (raw === '') {
      if (parts.length === 1) break; // the empty path: the root
      refuse('an empty path component');
    }
    if (raw.includes(':')) refuse('an alternate data stream or device suffix (":")');
    if (FORBIDDEN_CHARACTERS.test(raw)) refuse(`a character Windows does not allow in names in "${raw}"`);
    if (raw === '.') continue;
    // Win32 trims trailing dots and spaces, so "..  " and "..." collapse to dots: never a name.
    const name = raw.replace(/[. ]+$/, '');
    if (name === '')
      refuse(raw.startsWith('..') ? 'a parent directory reference ("..")' : 'a name of only dots and spaces');
    if (name.length > MAX_COMPONENT_LENGTH) refuse(`a component longer than ${MAX_COMPONENT_LENGTH} characters`);
    if (isDosDeviceName(name)) refuse(`the DOS device name "${name}"`);
    out.push(name);
  }
  return out;
}

/** "NUL", "nul.txt", "Com1 .log": the part before the first dot, trailing spaces trimmed. */
export function isDosDeviceName(component: string): boolean {
  const base = (component.split('.')[0] ?? '').replace(/ +$/, '').toUpperCase();
  return DOS_DEVICE_NAMES.has(base);
}

/** Case-insensitive comparison as Windows does for file names (upcase table, no locale). */
export function windowsNamesEqual(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** Joins components back into a Windows relative path. */
export function joinWindowsPath(parts: readonly string[]): string {
  return parts.join('\\');
}

/** A path's last component (`\\SERVER\print$\x64\3\UNIDRV.DLL` → `UNIDRV.DLL`); `/` separates too. */
export function windowsLeafName(windowsPath: string): string {
  return windowsPath.split(/[\\/]/).pop() ?? '';
}
