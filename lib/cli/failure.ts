/**
 * How a command's failure reaches the user: one line that says what went wrong and what to do,
 * and the exit code (2 usage or input error, a missing file included; 1 operational failure).
 * Under `--json` the same failure is one JSON document on stdout, so a script reading stdout
 * always gets JSON.
 *
 * Errors from below keep their own classes; this is the one place that maps them, walking the
 * `cause` chain so that an input error wrapped around a refused logon still counts as a failure.
 */
import { CommanderError } from 'commander';
import {
  AuthenticationError,
  ConfigError,
  NtStatusError,
  PathEscapeError,
  PointPrintError,
  RpcFaultError,
  Win32Error,
} from '../common/errors';
import { Win32ErrorCode, win32ErrorName } from '../common/status/win32-error';
import { NoTcpEndpointError } from '../client/providers/remote-winspool';
import { Smb2ConnectionError, Smb2TimeoutError } from '../smb2/client/client-errors';
import { EXIT } from './cli-deps';

/** A failure the CLI itself found, with the advice that goes with it. */
export class CliError extends PointPrintError {
  override readonly code: string;
  constructor(
    message: string,
    readonly hint: string | undefined,
    readonly exitCode: number = EXIT.USAGE,
    /** `code`: a more telling stable code than ERR_CLI, e.g. the Win32 error the server returned. */
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options);
    this.code = options?.code ?? 'ERR_CLI';
  }
}

export interface Failure {
  /** What went wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  readonly exitCode: number;
  /** A stable code: the error class's (ERR_*), a Win32 error name, or commander's. */
  readonly code: string;
}

/** Commander's outcomes that are not failures. */
const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const FILE_CODES = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

const WIN32_HINTS: Readonly<Record<number, string>> = {
  [Win32ErrorCode.ERROR_ACCESS_DENIED]:
    'log on (-U) as an account with the right: Print for your own jobs, Manage Documents for others, Manage Printer for the printer',
  [Win32ErrorCode.ERROR_INVALID_PRINTER_NAME]: "check the printer's name: pointprint printers '\\\\SERVER' lists them",
  [Win32ErrorCode.ERROR_LOGON_FAILURE]: 'check the user name and password (-U user%password, or -U user to be asked)',
  [Win32ErrorCode.ERROR_BAD_NET_NAME]: "check the share's name: smbclient -L //SERVER lists them",
};

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && chain.length < 16;) {
    chain.push(e);
    e = e instanceof Error ? e.cause : undefined;
  }
  return chain;
}

function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error from the network or the server, found anywhere in the cause chain. */
function operationalCause(err: unknown): unknown {
  return causes(err).find(
    (e) =>
      e instanceof AuthenticationError ||
      e instanceof Win32Error ||
      e instanceof NtStatusError ||
      e instanceof RpcFaultError ||
      e instanceof Smb2ConnectionError ||
      e instanceof Smb2TimeoutError ||
      NETWORK_CODES.has(errnoCode(e) ?? ''),
  );
}

function operationalHint(cause: unknown): { hint?: string; code?: string } {
  if (cause instanceof AuthenticationError)
    return {
      hint: 'check the user name and password (-U user%password, or -U user to be asked)',
      code: cause.code,
    };
  // Its message already says how to switch to named pipes; the printer's name is not the problem.
  if (cause instanceof NoTcpEndpointError) return { code: win32ErrorName(cause.win32) };
  if (cause instanceof Win32Error) {
    const hint = WIN32_HINTS[cause.win32];
    return { ...(hint !== undefined && { hint }), code: win32ErrorName(cause.win32) };
  }
  if (cause instanceof Smb2ConnectionError || NETWORK_CODES.has(errnoCode(cause) ?? ''))
    return { hint: 'is the server running and listening there? check --address and --port', code: 'ERR_CONNECTION' };
  if (cause instanceof Smb2TimeoutError)
    return { hint: 'the server did not answer in time; try again', code: cause.code };
  if (cause instanceof PointPrintError) return { code: cause.code };
  return {};
}

function messageOf(err: unknown): string {
  if (err instanceof Win32Error) {
    const name = win32ErrorName(err.win32);
    return err.message.includes(name) ? err.message : `${err.message} (${name})`;
  }
  if (err instanceof AuthenticationError) return `logon failed: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** `no such file or directory` for ENOENT and so on: the words of a file error, without its code and path. */
export function fileProblem(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words: Readonly<Record<string, string>> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return words[e.code ?? ''] ?? e.message;
}

/** What to tell the user about `err`, and the exit code. `usage` names the command's --help. */
export function describeFailure(err: unknown, usage: string): Failure {
  if (err instanceof CliError)
    return { message: err.message, ...(err.hint && { hint: err.hint }), exitCode: err.exitCode, code: err.code };
  if (err instanceof CommanderError) {
    if (COMMANDER_OK.has(err.code)) return { message: '', exitCode: EXIT.OK, code: err.code };
    // No command given: commander has printed the help on stderr, which says what to do.
    if (err.code === 'commander.help')
      return { message: '', exitCode: err.exitCode === 0 ? EXIT.OK : EXIT.USAGE, code: err.code };
    return {
      message: err.message.replace(/^error:\s*/, ''),
      hint: `run ${usage} --help for usage`,
      exitCode: EXIT.USAGE,
      code: err.code,
    };
  }
  const operational = operationalCause(err);
  if (operational !== undefined) {
    const { hint, code } = operationalHint(operational);
    return { message: messageOf(err), ...(hint && { hint }), exitCode: EXIT.FAILURE, code: code ?? 'ERR_FAILURE' };
  }
  if (err instanceof ConfigError || err instanceof PathEscapeError)
    return {
      message: err.message,
      hint: `run ${usage} --help for the inputs it takes`,
      exitCode: EXIT.USAGE,
      code: err.code,
    };
  const errno = err as NodeJS.ErrnoException;
  const code = errnoCode(err);
  if (code !== undefined && (errno.syscall === 'listen' || errno.syscall === 'bind'))
    return {
      message: `cannot listen: ${errno.message}`,
      hint:
        code === 'EADDRINUSE'
          ? 'another server listens there: choose another --port (0 picks a free one)'
          : 'ports below 1024 need root: use --port 4455 (or 0 for a free one)',
      exitCode: EXIT.FAILURE,
      code,
    };
  if (code !== undefined && FILE_CODES.has(code)) {
    return {
      message: errno.path !== undefined ? `cannot read ${errno.path}: ${fileProblem(err)}` : messageOf(err),
      hint: 'check the path',
      exitCode: EXIT.USAGE,
      code,
    };
  }
  return {
    message: messageOf(err),
    exitCode: EXIT.FAILURE,
    code: err instanceof PointPrintError ? err.code : 'ERR_FAILURE',
  };
}

/** One line on stderr (`prefix: what went wrong; what to do`), or one JSON document on stdout. */
export function formatFailure(failure: Failure, prefix: string, json: boolean): { stdout?: string; stderr?: string } {
  if (json) {
    return {
      stdout: `${JSON.stringify({
        error: {
          message: failure.message,
          ...(failure.hint && { hint: failure.hint }),
          code: failure.code,
          exitCode: failure.exitCode,
        },
      })}\n`,
    };
  }
  // Multi-line messages from below are folded: one failure, one line.
  const message = failure.message.replace(/\s*\n\s*/g, ' ');
  return { stderr: `${prefix}: ${message}${failure.hint ? ` (${failure.hint})` : ''}\n` };
}
