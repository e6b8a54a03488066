/**
 * RpcEnumPrintProcessors (opnum 15) — [MS-RPRN] 3.1.4.8.2.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string, unique] wchar_t* pEnvironment
 *             | DWORD Level | [in, out, unique, size_is(cbBuf)] BYTE* pPrintProcessorInfo:
 *             referent id (0 = NULL), max_count, bytes | DWORD cbBuf
 *   response: pPrintProcessorInfo: referent id, max_count, bytes | DWORD pcbNeeded
 *             | DWORD pcReturned | DWORD status
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer } from './parameters';

export const RpcEnumPrintProcessors = ndrMessage(
  'RpcEnumPrintProcessors',
  {
    name: uniqueString('pName'),
    environment: uniqueString('pEnvironment'),
    level: dword('Level'),
    buffer: infoBuffer('pPrintProcessorInfo'),
  },
  infoArrayOut('pPrintProcessorInfo'),
);
