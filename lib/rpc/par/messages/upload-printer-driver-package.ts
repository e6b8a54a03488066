/**
 * RpcAsyncUploadPrinterDriverPackage (MS-PAR opnum 63) — [MS-PAR] 3.1.4.2.8; no MS-RPRN twin.
 *
 *   request:  [string, unique] wchar_t* pszServer | [string] wchar_t* pszInfPath
 *             | [string] wchar_t* pszEnvironment | DWORD dwFlags
 *             | [in, out, unique, size_is(*pcchDestInfPath)] wchar_t* pszDestInfPath: referent id
 *             (0 = NULL), max_count, units | [in, out] DWORD* pcchDestInfPath
 *   response: pszDestInfPath: referent id, max_count, units | DWORD pcchDestInfPath | HRESULT
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { uniqueWcharBuffer, uniqueWchars } from '../../rprn/messages/package-parameters';
import { status } from '../../rprn/messages/parameters';

export const RpcAsyncUploadPrinterDriverPackage = ndrMessage(
  'RpcAsyncUploadPrinterDriverPackage',
  {
    server: uniqueString('pszServer'),
    infPath: string('pszInfPath'),
    environment: string('pszEnvironment'),
    flags: dword('dwFlags'),
    destInfPath: uniqueWcharBuffer('pszDestInfPath', 'pcchDestInfPath'),
  },
  { destInfPath: uniqueWchars('pszDestInfPath'), destInfPathSize: dword('pcchDestInfPath'), status: status() },
);
