/**
 * RpcAsyncInstallPrinterDriverFromPackage (MS-PAR opnum 62) — [MS-PAR] 3.1.4.2.7; no MS-RPRN twin.
 *
 *   request:  [string, unique] wchar_t* pszServer | [string, unique] wchar_t* pszInfPath
 *             | [string] wchar_t* pszDriverName | [string] wchar_t* pszEnvironment | DWORD dwFlags
 *   response: HRESULT
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from '../../rprn/messages/parameters';

export const RpcAsyncInstallPrinterDriverFromPackage = ndrMessage(
  'RpcAsyncInstallPrinterDriverFromPackage',
  {
    server: uniqueString('pszServer'),
    infPath: uniqueString('pszInfPath'),
    driverName: string('pszDriverName'),
    environment: string('pszEnvironment'),
    flags: dword('dwFlags'),
  },
  statusOnly(),
);
