/**
 * RpcAsyncCorePrinterDriverInstalled (MS-PAR opnum 65) — [MS-PAR] 3.1.4.2.10. MS-RPRN has no wire
 * twin (its opnum 103 is Opnum103NotUsedOnWire).
 *
 *   request:  [string, unique] wchar_t* pszServer | [string] wchar_t* pszEnvironment
 *             | GUID CoreDriverGUID (16, 4-aligned) | FILETIME ftDriverDate (low, high)
 *             | DWORDLONG dwlDriverVersion (8-aligned)
 *   response: int pbDriverInstalled | HRESULT
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { dwordlong, filetime, guid } from '../../rprn/messages/package-parameters';
import { status } from '../../rprn/messages/parameters';

export const RpcAsyncCorePrinterDriverInstalled = ndrMessage(
  'RpcAsyncCorePrinterDriverInstalled',
  {
    server: uniqueString('pszServer'),
    environment: string('pszEnvironment'),
    coreDriverGuid: guid('CoreDriverGUID'),
    driverDate: filetime('ftDriverDate'),
    driverVersion: dwordlong('dwlDriverVersion'),
  },
  { driverInstalled: dword('pbDriverInstalled'), status: status() },
);
