/**
 * RpcGetForm (opnum 32) — [MS-RPRN] 3.1.4.5.3.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pFormName | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pForm: referent id (0 = NULL), max_count,
 *             bytes | DWORD cbBuf
 *   response: pForm: referent id, max_count, bytes | DWORD pcbNeeded | DWORD status
 */
import { dword, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoBuffer, infoOut, printerHandle } from './parameters';

export const RpcGetForm = ndrMessage(
  'RpcGetForm',
  {
    hPrinter: printerHandle(),
    formName: string('pFormName'),
    level: dword('Level'),
    buffer: infoBuffer('pForm'),
  },
  infoOut('pForm'),
);
