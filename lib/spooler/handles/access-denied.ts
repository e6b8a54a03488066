/** ERROR_ACCESS_DENIED for an operation, logged with the right that was missing. */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { CallerContext } from '../../spoolss/types';

export function accessDenied(
  logger: Logger,
  op: string,
  target: string,
  caller: CallerContext,
  missing: number,
): Win32Error {
  logger.warn('access denied', { op, target, user: caller.userName, missing: `0x${missing.toString(16)}` });
  return new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, `${op} ${target}: access denied for ${caller.userName}`);
}
