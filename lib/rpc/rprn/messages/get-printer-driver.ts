/**
 * RpcGetPrinterDriver (opnum 11) — [MS-RPRN] 3.1.4.4.3: RpcGetPrinterDriver2 without the client
 * and server version numbers.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string, unique] wchar_t* pEnvironment | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pDriver: referent id (0 = NULL),
 *             max_count, bytes | DWORD cbBuf
 *   response: pDriver: referent id, max_count, bytes | DWORD pcbNeeded | DWORD status
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoBuffer, infoOut, printerHandle } from './parameters';

export const RpcGetPrinterDriver = ndrMessage(
  'RpcGetPrinterDriver',
  {
    hPrinter: printerHandle(),
    environment: uniqueString('pEnvironment'),
    level: dword('Level'),
    buffer: infoBuffer('pDriver'),
  },
  infoOut('pDriver'),
);
