/**
 * What the network commands send about themselves in MS-RPRN calls: the caller the provider
 * interface takes (ignored by a remote provider: the SMB2 session is the identity, as on the
 * wire) and the client's SPLCLIENT_INFO_1 ([MS-RPRN] 2.2.1.2.8), as our AddPrinterConnection
 * sends it. Samba refuses an OpenPrinterEx without one (ERROR_INVALID_PARAMETER).
 */
import { windowsClientInfo } from '../rpc/rprn/client/rprn-client';
import type { CallerContext, SplClientInfo1 } from '../spoolss/types';

export const WIRE_CALLER: CallerContext = { userName: '', groups: [], isAdministrator: false, remote: true };

/** Windows 11 on x64, on this machine, as the account the command runs as. */
export function clientInfo(userName: string): SplClientInfo1 {
  return { ...windowsClientInfo(), userName };
}
