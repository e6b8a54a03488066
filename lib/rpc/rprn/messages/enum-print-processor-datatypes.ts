/**
 * RpcEnumPrintProcessorDatatypes (opnum 51) — [MS-RPRN] 3.1.4.8.5.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string, unique] wchar_t* pPrintProcessorName
 *             | DWORD Level | [in, out, unique, size_is(cbBuf)] BYTE* pDatatypes: referent id
 *             (0 = NULL), max_count, bytes | DWORD cbBuf
 *   response: pDatatypes: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pcReturned
 *             | DWORD status
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer } from './parameters';

export const RpcEnumPrintProcessorDatatypes = ndrMessage(
  'RpcEnumPrintProcessorDatatypes',
  {
    name: uniqueString('pName'),
    printProcessorName: uniqueString('pPrintProcessorName'),
    level: dword('Level'),
    buffer: infoBuffer('pDatatypes'),
  },
  infoArrayOut('pDatatypes'),
);
