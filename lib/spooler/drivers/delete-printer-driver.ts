/**
 * DeletePrinterDriver and DeletePrinterDriverEx — [MS-RPRN] 3.1.4.4.5, 3.1.4.4.7: the driver's
 * key under `Environments\<env>\Drivers\Version-<n>\<name>` goes, for every version or, with
 * DPD_DELETE_SPECIFIC_VERSION, the one asked for. Needs SERVER_ACCESS_ADMINISTER (an
 * administrator); ERROR_INVALID_ENVIRONMENT, ERROR_UNKNOWN_PRINTER_DRIVER for a driver (or
 * version) the environment does not have, ERROR_PRINTER_DRIVER_IN_USE while a printer uses it in
 * the server's own environment (an additional driver for other clients may go).
 *
 * DEVIATION: PRINT$ is read-only here, so DPD_DELETE_UNUSED_FILES and DPD_DELETE_ALL_FILES
 * leave the driver's files in the drivers store; only its registration goes.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { Registry } from '../../registry/registry-key';
import type { CallerContext } from '../../spoolss/types';
import { SERVER_ENVIRONMENT } from '../local-server';
import type { PrinterTable } from '../printers/printer-table';
import { readSz } from '../registry-values';
import { driverVersionsOf } from './driver-info';

/** dwDeleteFlag of RpcDeletePrinterDriverEx — [MS-RPRN] 3.1.4.4.7. */
export const DeleteDriverFlags = {
  DPD_DELETE_UNUSED_FILES: 0x00000001,
  DPD_DELETE_SPECIFIC_VERSION: 0x00000002,
  DPD_DELETE_ALL_FILES: 0x00000004,
} as const;

export interface DeleteDriverRequest {
  /** The environment as checkEnvironment spelt it. */
  readonly environment: string;
  readonly driverName: string;
  readonly deleteFlags: number;
  readonly version: number;
}

/** Removes the driver's registration; returns the versions removed. */
export function deletePrinterDriverKeys(
  registry: Registry,
  printers: PrinterTable,
  req: DeleteDriverRequest,
  caller: CallerContext,
): number[] {
  if (!caller.isAdministrator)
    throw new Win32Error(
      Win32ErrorCode.ERROR_ACCESS_DENIED,
      `DeletePrinterDriver: ${caller.userName} is not an administrator`,
    );
  const specific = (req.deleteFlags & DeleteDriverFlags.DPD_DELETE_SPECIFIC_VERSION) !== 0;
  const versions = driverVersionsOf(registry, req.environment, req.driverName).filter(
    (v) => !specific || v.version === req.version,
  );
  if (versions.length === 0)
    throw new Win32Error(
      Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER,
      `no driver "${req.driverName}" for ${req.environment}${specific ? ` version ${req.version}` : ''}`,
    );
  if (req.environment.toLowerCase() === SERVER_ENVIRONMENT.toLowerCase()) {
    const lower = req.driverName.toLowerCase();
    const user = printers.keys().find((k) => (readSz(k, 'Printer Driver') ?? '').toLowerCase() === lower);
    if (user)
      throw new Win32Error(
        Win32ErrorCode.ERROR_PRINTER_DRIVER_IN_USE,
        `driver "${req.driverName}" is used by ${user.name}`,
      );
  }
  for (const v of versions) registry.deleteKey(v.key.path);
  return versions.map((v) => v.version);
}
