/**
 * RpcXcvData (opnum 88) — [MS-RPRN] 3.1.4.6.5.
 *
 *   request:  PRINTER_HANDLE hXcv (20) | [string] const wchar_t* pszDataName
 *             | [size_is(cbInputData)] BYTE* pInputData: max_count, bytes | DWORD cbInputData
 *             | DWORD cbOutputData | [in, out] DWORD* pdwStatus
 *   response: [size_is(cbOutputData)] BYTE* pOutputData: max_count, bytes
 *             | DWORD pcbOutputNeeded | DWORD pdwStatus | DWORD status
 *
 * The monitor's own answer is pdwStatus; the method's status is only the spooler's (a bad
 * handle). pInputData's max_count and cbInputData must agree (else nca_s_fault_ndr).
 */
import { conformantBytes, dword, sizedBytes, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcXcvData = ndrMessage(
  'RpcXcvData',
  {
    hXcv: printerHandle('hXcv'),
    dataName: string('pszDataName'),
    inputData: sizedBytes('pInputData', 'cbInputData'),
    cbOutputData: dword('cbOutputData'),
    dwStatus: dword('pdwStatus'),
  },
  {
    outputData: conformantBytes('pOutputData'),
    cbOutputNeeded: dword('pcbOutputNeeded'),
    dwStatus: dword('pdwStatus'),
    status: status(),
  },
);
