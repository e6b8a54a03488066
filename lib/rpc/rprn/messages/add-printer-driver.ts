/**
 * RpcAddPrinterDriver (opnum 9) — [MS-RPRN] 3.1.4.4.1.
 *
 *   request:  [string, unique] STRING_HANDLE pName
 *             | DRIVER_CONTAINER pDriverContainer: DWORD Level, DWORD union tag (= Level),
 *               referent id -> DRIVER_INFO_2 / RPC_DRIVER_INFO_3/4/6/8 (deferred)
 *   response: DWORD status
 */
import { uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { RPC_DRIVER_INFO, levelContainer } from '../structures/containers';
import { statusOnly } from './parameters';

export const RpcAddPrinterDriver = ndrMessage(
  'RpcAddPrinterDriver',
  { name: uniqueString('pName'), driverContainer: levelContainer(RPC_DRIVER_INFO, 'pDriverContainer') },
  statusOnly(),
);
