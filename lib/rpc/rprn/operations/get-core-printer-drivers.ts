/**
 * RpcGetCorePrinterDrivers — [MS-RPRN] 3.1.4.4.9 (messages/get-core-printer-drivers.ts), also
 * MS-PAR's RpcAsyncGetCorePrinterDrivers. The HRESULT carries the provider's Win32 error
 * (HRESULT_FROM_WIN32). The caller's array always goes back whole: the core drivers asked for, in
 * order, then empty records; all empty on failure.
 *
 * A caller that asks for more GUIDs than its array holds gets E_INVALIDARG, as for none at all
 * (smbtorture's get_core_printer_drivers, written against Windows, sends both).
 */
import { Win32Error } from '../../../common/errors';
import { hresultFromWin32 } from '../../../common/status/hresult';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetCorePrinterDrivers } from '../messages/get-core-printer-drivers';
import { CORE_PRINTER_DRIVER_SIZE, EMPTY_CORE_PRINTER_DRIVER } from '../messages/package-parameters';
import { checkOutSize, rprnOperation, win32 } from '../rprn-call';
import { corePrinterDriverRecord } from '../structures/core-printer-driver';

export const rpcGetCorePrinterDrivers = rprnOperation(
  RpcGetCorePrinterDrivers,
  async ({ server, environment, coreDriverDependencies, count }, ctx) => {
    checkOutSize(count * CORE_PRINTER_DRIVER_SIZE);
    const records = new Array(count).fill(EMPTY_CORE_PRINTER_DRIVER) as (typeof EMPTY_CORE_PRINTER_DRIVER)[];
    const res = await win32(async () => {
      if (count < coreDriverDependencies.length)
        throw new Win32Error(
          Win32ErrorCode.ERROR_INVALID_PARAMETER,
          `${coreDriverDependencies.length} core drivers asked for in an array of ${count}`,
        );
      return ctx.provider.getCorePrinterDrivers(server, environment, coreDriverDependencies, ctx.caller);
    });
    if (!res.ok) return { corePrinterDrivers: records, status: hresultFromWin32(res.status) };
    res.value.slice(0, count).forEach((d, i) => (records[i] = corePrinterDriverRecord(d)));
    return { corePrinterDrivers: records, status: 0 };
  },
);
