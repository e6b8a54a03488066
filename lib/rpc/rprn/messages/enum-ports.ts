/**
 * RpcEnumPorts (opnum 35) — [MS-RPRN] 3.1.4.6.1.
 *
 *   request:  [string, unique] STRING_HANDLE pName | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pPort: referent id (0 = NULL), max_count,
 *             bytes | DWORD cbBuf
 *   response: pPort: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pcReturned | DWORD status
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer } from './parameters';

export const RpcEnumPorts = ndrMessage(
  'RpcEnumPorts',
  { name: uniqueString('pName'), level: dword('Level'), buffer: infoBuffer('pPort') },
  infoArrayOut('pPort'),
);
