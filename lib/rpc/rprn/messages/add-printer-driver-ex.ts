/**
 * RpcAddPrinterDriverEx (opnum 89) — [MS-RPRN] 3.1.4.4.8.
 *
 *   request:  [string, unique] STRING_HANDLE pName
 *             | DRIVER_CONTAINER pDriverContainer: DWORD Level, DWORD union tag (= Level),
 *               referent id -> DRIVER_INFO_2 / RPC_DRIVER_INFO_3/4/6/8 (deferred)
 *             | DWORD dwFileCopyFlags (APD_*)
 *   response: DWORD status
 */
import { dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { RPC_DRIVER_INFO, levelContainer } from '../structures/containers';
import { statusOnly } from './parameters';

export const RpcAddPrinterDriverEx = ndrMessage(
  'RpcAddPrinterDriverEx',
  {
    name: uniqueString('pName'),
    driverContainer: levelContainer(RPC_DRIVER_INFO, 'pDriverContainer'),
    fileCopyFlags: dword('dwFileCopyFlags'),
  },
  statusOnly(),
);
