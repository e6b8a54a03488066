/**
 * RpcAddForm (opnum 30) — [MS-RPRN] 3.1.4.5.1.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *             | FORM_CONTAINER* pFormInfoContainer ([ref]): DWORD Level, DWORD union tag (= Level),
 *               referent id -> FORM_INFO_1 | RPC_FORM_INFO_2 (deferred: pName, pKeyword, ...)
 *   response: DWORD status
 */
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { RPC_FORM_INFO, levelContainer } from '../structures/containers';
import { printerHandle, statusOnly } from './parameters';

export const RpcAddForm = ndrMessage(
  'RpcAddForm',
  { hPrinter: printerHandle(), formContainer: levelContainer(RPC_FORM_INFO, 'pFormInfoContainer') },
  statusOnly(),
);
export type AddFormRequest = RequestOf<typeof RpcAddForm>;
