/**
 * The error hierarchy. One class per kind of failure, each with a stable `code`
 * (undici's shape). Exactly one place per layer maps these to the wire:
 * the SMB2 dispatcher (NTSTATUS), the RPC pipe endpoint (faults), the MS-RPRN
 * operations (Win32 return values), the CLI (exit codes).
 */
import { ntStatusName } from './status/ntstatus';
import { win32ErrorName } from './status/win32-error';

export class PointPrintError extends Error {
  readonly code: string = 'ERR_POINTPRINT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A decoder met bytes it cannot accept: truncated, out of range, inconsistent. */
export class MalformedPacketError extends PointPrintError {
  override readonly code = 'ERR_MALFORMED_PACKET';
  constructor(
    message: string,
    readonly details: {
      readonly offset?: number;
      readonly field?: string;
      readonly need?: number;
      readonly have?: number;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A value does not fit the field an encoder writes it to (a length over 16 bits, ...). */
export class EncodingError extends PointPrintError {
  override readonly code = 'ERR_ENCODING';
}

/** A failure that becomes an NTSTATUS in an SMB2 response. */
export class NtStatusError extends PointPrintError {
  override readonly code = 'ERR_NTSTATUS';
  constructor(
    readonly status: number,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? ntStatusName(status), options);
  }
}

/** A failure that becomes the DWORD (WERROR) return value of a spooler call. */
export class Win32Error extends PointPrintError {
  override readonly code = 'ERR_WIN32';
  constructor(
    readonly win32: number,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? win32ErrorName(win32), options);
  }
}

/** A failure that becomes a DCE/RPC fault PDU (nca_s_* status). */
export class RpcFaultError extends PointPrintError {
  override readonly code = 'ERR_RPC_FAULT';
  constructor(
    readonly status: number,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? `RPC fault 0x${status.toString(16).padStart(8, '0')}`, options);
  }
}

/** A command arrived in a state that does not allow it. */
export class InvalidStateError extends PointPrintError {
  override readonly code = 'ERR_INVALID_STATE';
}

/** A configuration, fixture or command-line input that cannot be used. */
export class ConfigError extends PointPrintError {
  override readonly code: string = 'ERR_CONFIG';
}

/** A file with a syntax error, located by file and line (e.g. a .reg export). */
export class ParseError extends ConfigError {
  override readonly code = 'ERR_PARSE';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}: ${problem}`, options);
  }
}

/** A path from the wire or from a fixture that would leave its root, or names a device. */
export class PathEscapeError extends PointPrintError {
  override readonly code = 'ERR_PATH_ESCAPE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`refused path "${path}": ${reason}`);
  }
}

/** A Point-and-Print module failed (threw, returned an error, or broke its contract). */
export class CopyFilesModuleError extends PointPrintError {
  override readonly code = 'ERR_COPYFILES_MODULE';
}

/** Authentication failed (wrong password, unknown user, refused mechanism). */
export class AuthenticationError extends PointPrintError {
  override readonly code = 'ERR_AUTHENTICATION';
}
