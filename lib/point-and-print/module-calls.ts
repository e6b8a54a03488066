/**
 * The safe wrappers the spoolers use to call a Point-and-Print module's GenerateCopyFilePaths and
 * SpoolerCopyFileEvent: a module is code the spooler does not trust, so whatever it does — throw,
 * reject, hang, return garbage or a path longer than its buffer — is turned into a Win32 status,
 * logged, and never propagates.
 *
 * What Windows does is only partly documented (GenerateCopyFilePaths, winsplp.h):
 *  - the function "should return ERROR_SUCCESS", "otherwise an error code defined in winerror.h";
 *  - it may rewrite the paths in the buffers it is given, whose sizes are character counts of the
 *    buffer (not of the string);
 *  - SpoolerCopyFileEvent returns FALSE on error.
 * What the spooler then does with a failure is not documented. Our decisions:
 *  - DEVIATION: a non-zero status fails that CopyFiles key only. The server fails EnumPrinterDataEx
 *    on that key with the status (no SourceDir/TargetDir are made up); the client skips the key
 *    with a warning. Other keys still download.
 *  - DEVIATION: a module that throws is treated as having returned an error: the Win32 code of a
 *    thrown Win32Error, else ERROR_GEN_FAILURE (a DLL that faults would take the spooler down on
 *    Windows; ours never does).
 *  - DEVIATION: a result longer than its buffer (length + NUL > buffer characters) is a buffer
 *    overrun in a real DLL; we refuse it with ERROR_INSUFFICIENT_BUFFER and keep the input paths.
 *  - A result with an embedded NUL is cut there, as C code reading the buffer would.
 *  - An async module that does not answer within `timeoutMs` fails with ERROR_TIMEOUT
 *    (a synchronous endless loop cannot be interrupted in-process; user modules are trusted that far).
 *  - A SpoolerCopyFileEvent that throws or is missing: FALSE resp. TRUE (Windows requires the
 *    export; a missing one means there is nothing to notify).
 */
import { CopyFilesModuleError, Win32Error } from '../common/errors';
import type { Logger } from '../common/logger';
import { Win32ErrorCode, win32ErrorName } from '../common/status/win32-error';
import { copyFileEventName, copyFileFlagName } from './constants';
import type { CopyFileEvent } from './constants';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from './module';

export interface CopyFilePathsOutcome {
  readonly ok: boolean;
  readonly status: number;
  /** The module's paths when ok; the input paths otherwise. */
  readonly sourceDir: string;
  readonly targetDir: string;
  readonly error?: string;
}

export interface ModuleCallOptions {
  /** How long an async module may take; default 10 s. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

class ModuleTimeoutError extends CopyFilesModuleError {}

function withTimeout<T>(value: T | Promise<T>, ms: number, what: string): Promise<T> {
  if (!(value instanceof Promise)) return Promise.resolve(value);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleTimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([value, timeout]).finally(() => clearTimeout(timer));
}

function cutAtNul(s: string): string {
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

function statusOfThrow(err: unknown): number {
  if (err instanceof Win32Error) return err.win32;
  if (err instanceof ModuleTimeoutError) return Win32ErrorCode.ERROR_TIMEOUT;
  return Win32ErrorCode.ERROR_GEN_FAILURE;
}

/** Calls GenerateCopyFilePaths the way a spooler does. `module` undefined (no Module value) => paths unchanged, ok. */
export async function callGenerateCopyFilePaths(
  module: PointAndPrintModule | undefined,
  input: GenerateCopyFilePathsInput,
  logger: Logger,
  options: ModuleCallOptions = {},
): Promise<CopyFilePathsOutcome> {
  const unchanged = { sourceDir: input.sourceDir, targetDir: input.targetDir };
  const fail = (status: number, error: string): CopyFilePathsOutcome => {
    logger.warn('GenerateCopyFilePaths failed', {
      component: 'point-and-print',
      module: module?.name,
      printer: input.printerName,
      directory: input.directory,
      flags: copyFileFlagName(input.flags),
      status: win32ErrorName(status),
      error,
    });
    return { ok: false, status, ...unchanged, error };
  };
  // The spooler builds these buffers; paths that do not fit are refused before any module runs.
  if (input.sourceDir.length + 1 > input.sourceDirSize || input.targetDir.length + 1 > input.targetDirSize) {
    return fail(Win32ErrorCode.ERROR_FILENAME_EXCED_RANGE, 'the paths do not fit the spooler buffers');
  }
  if (!module) return { ok: true, status: Win32ErrorCode.ERROR_SUCCESS, ...unchanged };

  // pMachineName and pUserName are "not used" and NULLed before a module sees SPLCLIENT_INFO_1.
  const { machineName: _m, userName: _u, ...clientInfo } = input.clientInfo;
  const frozen: GenerateCopyFilePathsInput = Object.freeze({ ...input, clientInfo: Object.freeze(clientInfo) });
  let result: unknown;
  try {
    result = await withTimeout(
      module.generateCopyFilePaths(frozen),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      `${module.name} GenerateCopyFilePaths`,
    );
  } catch (err) {
    return fail(statusOfThrow(err), `the module threw: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof result !== 'object' || result === null)
    return fail(Win32ErrorCode.ERROR_INVALID_DATA, 'the module returned no result');
  const r = result as Record<string, unknown>;
  if (typeof r.status !== 'number' || !Number.isInteger(r.status)) {
    return fail(Win32ErrorCode.ERROR_INVALID_DATA, 'the module returned no numeric status');
  }
  const status = r.status >>> 0;
  if (status !== Win32ErrorCode.ERROR_SUCCESS) return fail(status, `the module returned ${win32ErrorName(status)}`);
  if (typeof r.sourceDir !== 'string' || typeof r.targetDir !== 'string') {
    return fail(Win32ErrorCode.ERROR_INVALID_DATA, 'the module returned paths that are not strings');
  }
  const sourceDir = cutAtNul(r.sourceDir);
  const targetDir = cutAtNul(r.targetDir);
  if (sourceDir.length + 1 > input.sourceDirSize) {
    return fail(
      Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
      `SourceDir of ${sourceDir.length} characters overruns its ${input.sourceDirSize}-character buffer`,
    );
  }
  if (targetDir.length + 1 > input.targetDirSize) {
    return fail(
      Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
      `TargetDir of ${targetDir.length} characters overruns its ${input.targetDirSize}-character buffer`,
    );
  }
  if (sourceDir !== input.sourceDir || targetDir !== input.targetDir) {
    logger.debug('GenerateCopyFilePaths changed the paths', {
      component: 'point-and-print',
      module: module.name,
      printer: input.printerName,
      flags: copyFileFlagName(input.flags),
      sourceDir,
      targetDir,
    });
  }
  return { ok: true, status: Win32ErrorCode.ERROR_SUCCESS, sourceDir, targetDir };
}

/** Calls SpoolerCopyFileEvent; FALSE on any failure (logged), TRUE when the module has no such export. */
export async function callSpoolerCopyFileEvent(
  module: PointAndPrintModule | undefined,
  printerName: string,
  key: string,
  event: CopyFileEvent,
  logger: Logger,
  options: ModuleCallOptions = {},
): Promise<boolean> {
  if (!module?.spoolerCopyFileEvent) return true;
  const meta = {
    component: 'point-and-print',
    module: module.name,
    printer: printerName,
    key,
    event: copyFileEventName(event),
  };
  try {
    const result = await withTimeout(
      module.spoolerCopyFileEvent(printerName, key, event),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      `${module.name} SpoolerCopyFileEvent`,
    );
    // BOOL: any non-zero value is TRUE.
    const ok = Boolean(result);
    if (!ok) logger.warn('SpoolerCopyFileEvent returned FALSE', meta);
    else logger.debug('SpoolerCopyFileEvent', meta);
    return ok;
  } catch (err) {
    logger.warn('SpoolerCopyFileEvent threw', { ...meta, error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
