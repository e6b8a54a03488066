/**
 * The provider part (lib/spoolss/spooler-extras.ts) an operation needs, or the Win32Error
 * ERROR_NOT_SUPPORTED a provider without it answers with (a remote provider forwards none of them).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { PrintProvider } from '../../../spoolss/print-provider';

type ExtraName =
  'jobNamedProperties' | 'printerIcs' | 'bidi' | 'branchOfficeLog' | 'publishing' | 'perMachineConnections';

export function extraOf<K extends ExtraName>(provider: PrintProvider, name: K): NonNullable<PrintProvider[K]> {
  const part = provider[name];
  if (part === undefined) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, `the provider has no ${name}`);
  return part;
}
