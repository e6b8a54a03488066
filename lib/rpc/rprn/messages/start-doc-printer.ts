/**
 * RpcStartDocPrinter (opnum 17) — [MS-RPRN] 3.1.4.9.1.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *             | DOC_INFO_CONTAINER pDocInfoContainer: DWORD Level (1), DWORD union tag,
 *               referent id -> DOC_INFO_1 { pDocName*, pOutputFile*, pDatatype* } (deferred)
 *   response: DWORD pJobId | DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { DOC_INFO, levelContainer } from '../structures/containers';
import { printerHandle, status } from './parameters';

export const RpcStartDocPrinter = ndrMessage(
  'RpcStartDocPrinter',
  { hPrinter: printerHandle(), docInfoContainer: levelContainer(DOC_INFO, 'pDocInfoContainer') },
  { jobId: dword('pJobId'), status: status() },
);
