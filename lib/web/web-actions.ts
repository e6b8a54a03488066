/**
 * What the live view lets a user do, each through the spooler's own calls with the user's
 * identity, exactly as a client over MS-RPRN would: SetJob (cancel, pause, resume, restart) on
 * a printer handle opened for use, which the spooler allows the job's owner or a holder of
 * Manage Documents; SetPrinter (pause, resume) on a handle opened with
 * PRINTER_ACCESS_ADMINISTER, which takes Manage Printer. The spooler's Win32 errors become
 * HTTP statuses here, in one place.
 */
import { Win32Error } from '../common/errors';
import { HttpError } from '../common/http/http-error';
import { Win32ErrorCode, win32ErrorName } from '../common/status/win32-error';
import { AccessMask, JobControl, PrinterControl } from '../spoolss/constants';
import type { PrintProvider } from '../spoolss/print-provider';
import type { CallerContext } from '../spoolss/types';

/** Cancel is JOB_CONTROL_DELETE, what Windows' print queue window sends. */
export const JOB_ACTIONS = {
  cancel: JobControl.JOB_CONTROL_DELETE,
  pause: JobControl.JOB_CONTROL_PAUSE,
  resume: JobControl.JOB_CONTROL_RESUME,
  restart: JobControl.JOB_CONTROL_RESTART,
} as const;
export type JobAction = keyof typeof JOB_ACTIONS;

export const PRINTER_ACTIONS = {
  pause: PrinterControl.PRINTER_CONTROL_PAUSE,
  resume: PrinterControl.PRINTER_CONTROL_RESUME,
} as const;
export type PrinterAction = keyof typeof PRINTER_ACTIONS;

export function parseJobAction(value: string | null): JobAction | undefined {
  return (Object.keys(JOB_ACTIONS) as JobAction[]).find((a) => a === value);
}

export function parsePrinterAction(value: string | null): PrinterAction | undefined {
  return (Object.keys(PRINTER_ACTIONS) as PrinterAction[]).find((a) => a === value);
}

export async function controlJob(
  provider: PrintProvider,
  caller: CallerContext,
  printer: string,
  jobId: number,
  action: JobAction,
): Promise<void> {
  await spoolerCall(async () => {
    const handle = await provider.openPrinter(printer, { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, caller);
    try {
      await provider.setJob(handle, jobId, JOB_ACTIONS[action]);
    } finally {
      await provider.closePrinter(handle);
    }
  });
}

export async function controlPrinter(
  provider: PrintProvider,
  caller: CallerContext,
  printer: string,
  action: PrinterAction,
): Promise<void> {
  await spoolerCall(async () => {
    const handle = await provider.openPrinter(printer, { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, caller);
    try {
      await provider.setPrinter(handle, { command: PRINTER_ACTIONS[action] });
    } finally {
      await provider.closePrinter(handle);
    }
  });
}

const HTTP_STATUS: Readonly<Record<number, number>> = {
  [Win32ErrorCode.ERROR_ACCESS_DENIED]: 403,
  [Win32ErrorCode.ERROR_INVALID_PRINTER_NAME]: 404,
  // SetJob's answer for a job id the printer does not have.
  [Win32ErrorCode.ERROR_INVALID_PARAMETER]: 404,
  [Win32ErrorCode.ERROR_INVALID_PRINTER_STATE]: 409,
  [Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND]: 409,
};

/** Runs spooler calls; a Win32Error becomes an HttpError that names the Windows error. */
async function spoolerCall(call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (!(err instanceof Win32Error)) throw err;
    throw new HttpError(HTTP_STATUS[err.win32] ?? 500, `${win32ErrorName(err.win32)}: ${err.message}`);
  }
}
