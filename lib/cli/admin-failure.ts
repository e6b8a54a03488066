/**
 * What the administration commands (printer add|delete, form add|delete|list, driver delete) say
 * when the server refuses: Windows' own message for the WERROR (FormatMessage's system text, as
 * Add-Printer and the Printers folder show it), its name and code, and what to do about it.
 */
import { Win32Error } from '../common/errors';
import { Win32ErrorCode as E, win32ErrorName } from '../common/status/win32-error';
import { NoTcpEndpointError } from '../client/providers/remote-winspool';
import { EXIT } from './cli-deps';
import { CliError } from './failure';

/** Windows' message for the errors print administration meets ([MS-ERREF] 2.2 names the codes). */
const WINDOWS_MESSAGES: Readonly<Record<number, string>> = {
  [E.ERROR_FILE_NOT_FOUND]: 'The system cannot find the file specified.',
  [E.ERROR_ACCESS_DENIED]: 'Access is denied.',
  [E.ERROR_NOT_SUPPORTED]: 'The request is not supported.',
  [E.ERROR_FILE_EXISTS]: 'The file exists.',
  [E.ERROR_INVALID_PARAMETER]: 'The parameter is incorrect.',
  [E.ERROR_INVALID_LEVEL]: 'The system call level is not correct.',
  [E.ERROR_INVALID_SHARENAME]: 'The format of the specified network name is invalid.',
  [E.ERROR_INVALID_SECURITY_DESCR]: 'The security descriptor structure is invalid.',
  [E.ERROR_UNKNOWN_PORT]: 'The specified port is unknown.',
  [E.ERROR_UNKNOWN_PRINTER_DRIVER]: 'The printer driver is unknown.',
  [E.ERROR_UNKNOWN_PRINTPROCESSOR]: 'The print processor is unknown.',
  [E.ERROR_INVALID_PRINTER_NAME]: 'The printer name is invalid.',
  [E.ERROR_PRINTER_ALREADY_EXISTS]: 'The printer already exists.',
  [E.ERROR_INVALID_DATATYPE]: 'The specified datatype is invalid.',
  [E.ERROR_INVALID_ENVIRONMENT]: 'The environment specified is invalid.',
  [E.ERROR_INVALID_FORM_NAME]: 'The specified form name is invalid.',
  [E.ERROR_INVALID_FORM_SIZE]: 'The specified form size is invalid.',
  [E.ERROR_PRINTER_DRIVER_IN_USE]: 'The specified printer driver is currently in use.',
  [E.ERROR_PRINTER_HAS_JOBS_QUEUED]:
    'The requested operation is not allowed when there are jobs queued to the printer.',
};

/** The advice every administration command gives for an error, unless the command has its own. */
const ADMIN_HINTS: Readonly<Partial<Record<number, string>>> = {
  [E.ERROR_ACCESS_DENIED]:
    'log on as an administrator of the server (-U DOMAIN\\admin): adding and deleting printers, forms and drivers needs Administer Server, deleting a printer Manage Printer',
  [E.ERROR_NOT_SUPPORTED]: 'this server does not offer the call; administer it with its own tools',
};

/** `The printer driver is unknown. (ERROR_UNKNOWN_PRINTER_DRIVER, 0x000007a1)`. */
export function windowsMessage(code: number): string {
  const text = WINDOWS_MESSAGES[code] ?? 'The server refused the call.';
  return `${text} (${win32ErrorName(code)}, 0x${code.toString(16).padStart(8, '0')})`;
}

/**
 * A Win32Error out of an administration call, said for what was being done (`cannot add
 * \\NTPRINT\Lab`), with the command's hint for that code, else the common one. Anything else
 * (a failed logon, no RPC over TCP, a broken connection) passes unchanged: failure.ts says those.
 */
export function explainAdminFailure(
  err: unknown,
  what: string,
  hints: Readonly<Partial<Record<number, string>>> = {},
): unknown {
  if (!(err instanceof Win32Error) || err instanceof NoTcpEndpointError) return err;
  const hint = hints[err.win32] ?? ADMIN_HINTS[err.win32];
  return new CliError(`${what}: ${windowsMessage(err.win32)}`, hint, EXIT.FAILURE, {
    cause: err,
    code: win32ErrorName(err.win32),
  });
}
