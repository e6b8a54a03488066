/**
 * The server side of the IRemoteWinspool methods MS-RPRN has no wire twin of (../messages),
 * running on the same provider as the MS-RPRN operations; the PAR flavour finds them here.
 */
import type { RprnOperation } from '../../rprn/rprn-call';
import type { ParOnlyMessageName } from '../messages';
import { rpcAsyncCorePrinterDriverInstalled } from './core-printer-driver-installed';
import { rpcAsyncDeletePrinterDriverPackage } from './delete-printer-driver-package';
import { rpcAsyncInstallPrinterDriverFromPackage } from './install-printer-driver-from-package';
import { rpcAsyncUploadPrinterDriverPackage } from './upload-printer-driver-package';

export const PAR_ONLY_OPERATIONS = {
  RpcAsyncInstallPrinterDriverFromPackage: rpcAsyncInstallPrinterDriverFromPackage,
  RpcAsyncUploadPrinterDriverPackage: rpcAsyncUploadPrinterDriverPackage,
  RpcAsyncCorePrinterDriverInstalled: rpcAsyncCorePrinterDriverInstalled,
  RpcAsyncDeletePrinterDriverPackage: rpcAsyncDeletePrinterDriverPackage,
} as const satisfies { readonly [N in ParOnlyMessageName]: RprnOperation };

/** The operation of a PAR-only message: the very description it decodes with, or undefined. */
export function parOnlyOperationFor(message: { readonly name: string }): RprnOperation | undefined {
  const op = (PAR_ONLY_OPERATIONS as Readonly<Record<string, RprnOperation>>)[message.name];
  return op?.message === message ? op : undefined;
}
