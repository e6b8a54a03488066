/**
 * RpcGetPrinterDriver2 (opnum 53) — [MS-RPRN] 3.1.4.4.6.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string, unique] wchar_t* pEnvironment | DWORD Level
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pDriver: referent id (0 = NULL),
 *             max_count, bytes | DWORD cbBuf | DWORD dwClientMajorVersion
 *             | DWORD dwClientMinorVersion
 *   response: pDriver: referent id, max_count, bytes | DWORD pcbNeeded | DWORD pdwServerMaxVersion
 *             | DWORD pdwServerMinVersion | DWORD status
 *
 * pDriver holds a custom-marshaled _DRIVER_INFO_n (levels 1-6 and 8).
 */
import { dword, uniqueBytes, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage, type ResponseOf } from '../../ndr/ndr-message';
import { infoBuffer, printerHandle, status } from './parameters';

export const RpcGetPrinterDriver2 = ndrMessage(
  'RpcGetPrinterDriver2',
  {
    hPrinter: printerHandle(),
    environment: uniqueString('pEnvironment'),
    level: dword('Level'),
    buffer: infoBuffer('pDriver'),
    clientMajorVersion: dword('dwClientMajorVersion'),
    clientMinorVersion: dword('dwClientMinorVersion'),
  },
  {
    buffer: uniqueBytes('pDriver'),
    needed: dword('pcbNeeded'),
    serverMaxVersion: dword('pdwServerMaxVersion'),
    serverMinVersion: dword('pdwServerMinVersion'),
    status: status(),
  },
);
export type GetPrinterDriver2Response = ResponseOf<typeof RpcGetPrinterDriver2>;
