/**
 * The IRemoteWinspool methods MS-RPRN has no wire twin of ([MS-PAR] 3.1.4: PAR_RPRN_TWINS lists
 * none), described once like MS-RPRN's messages and used by the server's operations
 * (../operations) and the client (lib/rpc/rprn/client/rprn-client.ts).
 */
import { RpcAsyncCorePrinterDriverInstalled } from './core-printer-driver-installed';
import { RpcAsyncDeletePrinterDriverPackage } from './delete-printer-driver-package';
import { RpcAsyncInstallPrinterDriverFromPackage } from './install-printer-driver-from-package';
import { RpcAsyncUploadPrinterDriverPackage } from './upload-printer-driver-package';

export const PAR_ONLY_MESSAGES = {
  RpcAsyncInstallPrinterDriverFromPackage,
  RpcAsyncUploadPrinterDriverPackage,
  RpcAsyncCorePrinterDriverInstalled,
  RpcAsyncDeletePrinterDriverPackage,
} as const;
export type ParOnlyMessageName = keyof typeof PAR_ONLY_MESSAGES;
