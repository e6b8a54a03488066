/**
 * RpcGetPrintProcessorDirectory (opnum 16) — [MS-RPRN] 3.1.4.8.4.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string, unique] wchar_t* pEnvironment
 *             | DWORD Level | [in, out, unique, size_is(cbPrintProcessorDirectory)] BYTE*
 *             pPrintProcessorDirectory: referent id (0 = NULL), max_count, bytes
 *             | DWORD cbPrintProcessorDirectory
 *   response: pPrintProcessorDirectory: referent id, max_count, bytes | DWORD pcbNeeded | DWORD status
 *
 * Level 1 (PRINTPROCESSOR_DIRECTORY_1) is the path itself: UTF-16LE with its NUL, at offset 0.
 */
import { dword, uniqueSizedBytes, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoOut } from './parameters';

export const RpcGetPrintProcessorDirectory = ndrMessage(
  'RpcGetPrintProcessorDirectory',
  {
    name: uniqueString('pName'),
    environment: uniqueString('pEnvironment'),
    level: dword('Level'),
    buffer: uniqueSizedBytes('pPrintProcessorDirectory', 'cbPrintProcessorDirectory'),
  },
  infoOut('pPrintProcessorDirectory'),
);
