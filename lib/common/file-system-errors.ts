/**
 * What a failed file-system call means in Windows' terms, in one table. A full disk (ENOSPC) and
 * an exhausted quota (EDQUOT) are both ERROR_DISK_FULL / STATUS_DISK_FULL, as Samba maps them
 * (errmap_unix.c); the caller learns which file it was. Every persisted write of pointprint goes
 * through the writers of ./atomic-file.ts, which apply this mapping, so no caller maps per call.
 */
import { Win32Error } from './errors';
import { Win32ErrorCode } from './status/win32-error';

/** errno codes that mean "no room left", with the Win32 error Windows' file APIs return. */
const ERRNO_TO_WIN32: Readonly<Record<string, number>> = {
  ENOSPC: Win32ErrorCode.ERROR_DISK_FULL,
  EDQUOT: Win32ErrorCode.ERROR_DISK_FULL,
};

/** Words for the errno codes a state folder or a download meets, for one-line messages. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'it already exists',
  EISDIR: 'it is a directory',
};

export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `permission denied` for EACCES and so on; the error's own message otherwise. */
export function describeFileError(err: unknown): string {
  const code = errnoCode(err);
  const words = code === undefined ? undefined : ERRNO_WORDS[code];
  if (words !== undefined) return words;
  return err instanceof Error ? err.message : String(err);
}

/** True for a full disk or quota, raw (errno) or already mapped (ERROR_DISK_FULL). */
export function isDiskFull(err: unknown): boolean {
  if (err instanceof Win32Error) return err.win32 === Win32ErrorCode.ERROR_DISK_FULL;
  return ERRNO_TO_WIN32[errnoCode(err) ?? ''] === Win32ErrorCode.ERROR_DISK_FULL;
}

/**
 * The error a writer of `file` reports: a full disk becomes Win32Error(ERROR_DISK_FULL) naming the
 * file (the original as its cause); any other Error is returned unchanged.
 */
export function fileWriteError(err: unknown, file: string): Error {
  const win32 = ERRNO_TO_WIN32[errnoCode(err) ?? ''];
  if (win32 !== undefined) return new Win32Error(win32, `${file}: ${describeFileError(err)}`, { cause: err });
  return asError(err, file);
}

/**
 * `err` as an Error. Node's own errors may come from another realm (a vm context, jest), where
 * `instanceof Error` is false: anything with a message is taken as it is.
 */
export function asError(err: unknown, context?: string): Error {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string')
    return err as Error;
  return new Error(context === undefined ? String(err) : `${context}: ${String(err)}`);
}
