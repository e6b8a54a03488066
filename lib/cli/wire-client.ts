/**
 * What the network commands send about themselves in MS-RPRN calls: the caller the provider
 * interface takes (ignored by a remote provider: the SMB2 session is the identity, as on the
 * wire) and the client's SPLCLIENT_INFO_1 ([MS-RPRN] 2.2.1.2.8), as our AddPrinterConnection
 * sends it. Samba refuses an OpenPrinterEx without one (ERROR_INVALID_PARAMETER).
 */
import os from 'node:os';
import type { CallerContext, SplClientInfo1 } from '../spoolss/types';

export const WIRE_CALLER: CallerContext = { userName: '', groups: [], isAdministrator: false, remote: true };

const PROCESSOR_ARCHITECTURE_AMD64 = 9;

/** Windows 11 on x64, on this machine. */
export function clientInfo(userName: string): SplClientInfo1 {
  return {
    size: 28,
    machineName: `\\\\${os.hostname().split('.')[0]?.toUpperCase() ?? 'CLIENT'}`,
    userName,
    buildNum: 26100,
    majorVersion: 10,
    minorVersion: 0,
    processorArchitecture: PROCESSOR_ARCHITECTURE_AMD64,
  };
}
