/**
 * Checks on the names a CopyFiles key carries (Directory, Files entries, Module), with Windows'
 * path semantics: `\` and `/` both separate, names compare case-insensitively, and Win32 path
 * normalisation strips trailing dots and spaces from each component, so `.. ` and `...` can act
 * as `..`. Shared by the server, the client and the validator, so all three refuse the same things.
 */

/** Characters Win32 refuses in a file name (besides the separators), plus the control characters. */
// eslint-disable-next-line no-control-regex
const INVALID_NAME_CHARS = /[<>:"|?*\x00-\x1f]/;

/** DOS device names Win32 resolves to devices whatever the directory or extension. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

export type PathProblem =
  /** Leaves the directory it is relative to: `..`, an absolute path, a drive, a UNC name. */
  | { readonly kind: 'escapes'; readonly detail: string }
  /** Stays inside, but is not a name Windows would accept as written. */
  | { readonly kind: 'invalid'; readonly detail: string };

/** What Win32 would make of one path component (trailing dots and spaces removed). */
function win32Component(component: string): string {
  return component.replace(/[. ]+$/, '');
}

/**
 * A relative Windows path (Directory): no root, no drive, no UNC, no component that Win32
 * normalises to `..`. Returns undefined when it is acceptable.
 */
export function checkRelativeWindowsPath(path: string): PathProblem | undefined {
  if (/^[\\/]{2}/.test(path)) return { kind: 'escapes', detail: 'is a UNC path' };
  if (/^[A-Za-z]:/.test(path)) return { kind: 'escapes', detail: 'names a drive' };
  if (/^[\\/]/.test(path)) return { kind: 'escapes', detail: 'is an absolute path' };
  const parts = path.split(/[\\/]/);
  for (const part of parts) {
    // `..`, `...`, `.. ` all become `..` (or climb) once Win32 strips trailing dots and spaces.
    if (/^\.{2,}[. ]*$/.test(part)) return { kind: 'escapes', detail: `contains "${part}"` };
  }
  for (const part of parts) {
    if (part.length === 0) return { kind: 'invalid', detail: 'has an empty component' };
    if (part === '.') return { kind: 'invalid', detail: 'has a "." component' };
    if (INVALID_NAME_CHARS.test(part)) return { kind: 'invalid', detail: `"${part}" has a character Windows refuses` };
    if (DEVICE_NAMES.test(win32Component(part))) return { kind: 'invalid', detail: `"${part}" is a DOS device name` };
    if (win32Component(part) !== part) return { kind: 'invalid', detail: `"${part}" ends with a dot or a space` };
  }
  return undefined;
}

/**
 * A plain file name (a Files entry): one component, no separator. A sub-path that stays inside
 * the directory is 'invalid', a path that leaves it is 'escapes'.
 */
export function checkPlainFileName(name: string): PathProblem | undefined {
  const asPath = checkRelativeWindowsPath(name);
  if (asPath?.kind === 'escapes') return asPath;
  if (/[\\/]/.test(name)) return { kind: 'invalid', detail: 'is a path, not a file name' };
  return asPath;
}

/**
 * A bare DLL file name as a Module value must be: one component, nothing LoadLibrary would
 * search a path for. `mscms.dll` yes; `C:\x\evil.dll`, `..\evil.dll`, `\\host\share\evil.dll` no.
 */
export function isBareDllFileName(value: string): boolean {
  return value.length > 0 && checkPlainFileName(value) === undefined;
}

/** Case-insensitive comparison, as Windows compares registry and file names. */
export function sameWindowsName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
