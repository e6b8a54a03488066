/**
 * RpcEnumMonitors (opnum 36) — [MS-RPRN] 3.1.4.7.1.
 *
 *   request:  [string, unique] STRING_HANDLE pName | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pMonitor: referent id (0 = NULL),
 *             max_count, bytes | DWORD cbBuf
 *   response: pMonitor: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pcReturned
 *             | DWORD status
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer } from './parameters';

export const RpcEnumMonitors = ndrMessage(
  'RpcEnumMonitors',
  { name: uniqueString('pName'), level: dword('Level'), buffer: infoBuffer('pMonitor') },
  infoArrayOut('pMonitor'),
);
