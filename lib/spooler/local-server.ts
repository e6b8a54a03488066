/**
 * The local server: the name a call gives it (`\\SERVER` as the caller wrote it: NetBIOS name,
 * an alias, an IP literal or localhost; or none), and its native environment. Names returned to
 * a remote caller carry the server name as that caller wrote it.
 */
import { Win32Error } from '../common/errors';
import { Win32ErrorCode } from '../common/status/win32-error';
import { Environment } from '../spoolss/constants';
import { namesThisServer, stripServerName } from '../spoolss/printer-name';
import type { PrintServerSettings } from './print-server-options';

/** The native environment of the emulated server, for monitors, print processors and server data. */
export const SERVER_ENVIRONMENT = Environment.WINDOWS_X64;

/** The server name to answer with; ERROR_INVALID_NAME when the call names another server. */
export function checkServerName(serverName: string | undefined, settings: PrintServerSettings): string {
  const server = stripServerName(serverName);
  if (server !== undefined && !namesThisServer(server, settings.serverName, settings.aliases)) {
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_NAME, `"${serverName ?? ''}" is not this server`);
  }
  return server ?? settings.serverName;
}
