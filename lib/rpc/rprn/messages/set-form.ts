/**
 * RpcSetForm (opnum 33) — [MS-RPRN] 3.1.4.5.6.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string] wchar_t* pFormName
 *             | FORM_CONTAINER* pFormInfoContainer ([ref]): DWORD Level, DWORD union tag (= Level),
 *               referent id -> FORM_INFO_1 | RPC_FORM_INFO_2 (deferred)
 *   response: DWORD status
 */
import { string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { RPC_FORM_INFO, levelContainer } from '../structures/containers';
import { printerHandle, statusOnly } from './parameters';

export const RpcSetForm = ndrMessage(
  'RpcSetForm',
  {
    hPrinter: printerHandle(),
    formName: string('pFormName'),
    formContainer: levelContainer(RPC_FORM_INFO, 'pFormInfoContainer'),
  },
  statusOnly(),
);
