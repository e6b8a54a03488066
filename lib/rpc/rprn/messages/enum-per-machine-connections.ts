/**
 * RpcEnumPerMachineConnections (opnum 87) — [MS-RPRN] 3.1.4.2.21: PRINTER_INFO_4 records.
 *
 *   request:  [string, unique] STRING_HANDLE pServer
 *             | [in, out, unique, size_is(cbBuf)] BYTE* pPrinterEnum: referent id, max_count, bytes
 *             | DWORD cbBuf
 *   response: pPrinterEnum | DWORD pcbNeeded | DWORD pcReturned | DWORD status
 */
import { uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { infoArrayOut, infoBuffer } from './parameters';

export const RpcEnumPerMachineConnections = ndrMessage(
  'RpcEnumPerMachineConnections',
  { server: uniqueString('pServer'), buffer: infoBuffer('pPrinterEnum') },
  infoArrayOut('pPrinterEnum'),
);
