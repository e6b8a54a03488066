/**
 * RpcGetPrinterDriverPackagePath (opnum 104) — [MS-RPRN] 3.1.4.4.10; MS-PAR's
 * RpcAsyncGetPrinterDriverPackagePath (opnum 66, [MS-PAR] 3.1.4.2.11) carries the same stubs.
 *
 *   request:  [string, unique] STRING_HANDLE pszServer | [string] wchar_t* pszEnvironment
 *             | [string, unique] wchar_t* pszLanguage | [string] wchar_t* pszPackageID
 *             | [in, out, unique, size_is(cchDriverPackageCab)] wchar_t* pszDriverPackageCab:
 *             referent id (0 = NULL), max_count, units | DWORD cchDriverPackageCab
 *   response: pszDriverPackageCab: referent id, max_count, units | DWORD pcchRequiredSize | HRESULT
 */
import { string, uniqueString, dword } from '../../ndr/ndr-params';
import { ndrMessage, type ResponseOf } from '../../ndr/ndr-message';
import { uniqueWcharBuffer, uniqueWchars } from './package-parameters';
import { status } from './parameters';

export const RpcGetPrinterDriverPackagePath = ndrMessage(
  'RpcGetPrinterDriverPackagePath',
  {
    server: uniqueString('pszServer'),
    environment: string('pszEnvironment'),
    language: uniqueString('pszLanguage'),
    packageId: string('pszPackageID'),
    driverPackageCab: uniqueWcharBuffer('pszDriverPackageCab', 'cchDriverPackageCab'),
  },
  {
    driverPackageCab: uniqueWchars('pszDriverPackageCab'),
    requiredSize: dword('pcchRequiredSize'),
    status: status(),
  },
);
export type GetPrinterDriverPackagePathResponse = ResponseOf<typeof RpcGetPrinterDriverPackagePath>;
