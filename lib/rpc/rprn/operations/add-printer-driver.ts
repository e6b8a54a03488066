/**
 * RpcAddPrinterDriver (opnum 9) — [MS-RPRN] 3.1.4.4.1: RpcAddPrinterDriverEx with
 * APD_COPY_NEW_FILES.
 *
 *   in:  [string, unique] STRING_HANDLE pName; DRIVER_CONTAINER* pDriverContainer
 *   out: DWORD status
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import { FileCopyFlags, RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { statusOf } from '../rprn-call';
import { RPC_DRIVER_INFO, decodeLevelContainer } from '../structures/containers';
import { driverInfoFromRecord } from './add-printer-driver-ex';

export const rpcAddPrinterDriver: RprnOperation = {
  opnum: RprnOpnum.RpcAddPrinterDriver,
  name: 'RpcAddPrinterDriver',
  handle(r: NdrReader, ctx) {
    const name = r.uniqueString('pName');
    const container = decodeLevelContainer(r, RPC_DRIVER_INFO, 'pDriverContainer');
    const driver = driverInfoFromRecord(container.info);
    return statusOf(() => ctx.provider.addPrinterDriver(name, driver, FileCopyFlags.APD_COPY_NEW_FILES, ctx.caller));
  },
};
