/**
 * RpcGetCorePrinterDrivers (opnum 102) — [MS-RPRN] 3.1.4.4.9; MS-PAR's RpcAsyncGetCorePrinterDrivers
 * (opnum 64, [MS-PAR] 3.1.4.2.9) carries the same stubs.
 *
 *   request:  [string, unique] STRING_HANDLE pszServer: referent id (0 = NULL), string
 *             | [string] wchar_t* pszEnvironment: max_count, offset, actual_count, UTF-16LE
 *             | DWORD cchCoreDrivers | [size_is(cchCoreDrivers)] wchar_t* pszzCoreDriverDependencies:
 *             max_count, cchCoreDrivers UTF-16 units (a multisz of curly braced GUIDs)
 *             | DWORD cCorePrinterDrivers
 *   response: [size_is(cCorePrinterDrivers)] CORE_PRINTER_DRIVER* pCorePrinterDrivers: max_count,
 *             pad to 8, 552 bytes each (package-parameters.ts) | HRESULT
 *
 * cchCoreDrivers counts characters on the wire (size_is of a wchar_t array), though 3.1.4.4.9's
 * prose says bytes; Samba's IDL and smbtorture count characters too.
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage, type ResponseOf } from '../../ndr/ndr-message';
import { corePrinterDrivers, countedMultiSz } from './package-parameters';
import { status } from './parameters';

export const RpcGetCorePrinterDrivers = ndrMessage(
  'RpcGetCorePrinterDrivers',
  {
    server: uniqueString('pszServer'),
    environment: string('pszEnvironment'),
    coreDriverDependencies: countedMultiSz('pszzCoreDriverDependencies', 'cchCoreDrivers'),
    count: dword('cCorePrinterDrivers'),
  },
  {
    corePrinterDrivers: corePrinterDrivers('pCorePrinterDrivers'),
    status: status(),
  },
);
export type GetCorePrinterDriversResponse = ResponseOf<typeof RpcGetCorePrinterDrivers>;
