/**
 * RpcAsyncDeletePrinterDriverPackage (MS-PAR opnum 67) — [MS-PAR] 3.1.4.2.12; no MS-RPRN twin.
 *
 *   request:  [string, unique] wchar_t* pszServer | [string] wchar_t* pszInfPath
 *             | [string] wchar_t* pszEnvironment
 *   response: HRESULT
 */
import { string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from '../../rprn/messages/parameters';

export const RpcAsyncDeletePrinterDriverPackage = ndrMessage(
  'RpcAsyncDeletePrinterDriverPackage',
  { server: uniqueString('pszServer'), infPath: string('pszInfPath'), environment: string('pszEnvironment') },
  statusOnly(),
);
