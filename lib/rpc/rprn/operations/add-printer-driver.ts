/**
 * RpcAddPrinterDriver — [MS-RPRN] 3.1.4.4.1 (messages/add-printer-driver.ts): RpcAddPrinterDriverEx
 * with APD_COPY_NEW_FILES.
 */
import { RpcAddPrinterDriver } from '../messages/add-printer-driver';
import { FileCopyFlags } from '../opnums';
import { rprnOperation, statusOf } from '../rprn-call';
import { driverInfoFromRecord } from './add-printer-driver-ex';

export const rpcAddPrinterDriver = rprnOperation(RpcAddPrinterDriver, ({ name, driverContainer }, ctx) => {
  const driver = driverInfoFromRecord(driverContainer.info);
  return statusOf(() => ctx.provider.addPrinterDriver(name, driver, FileCopyFlags.APD_COPY_NEW_FILES, ctx.caller));
});
