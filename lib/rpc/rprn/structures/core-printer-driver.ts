/**
 * CORE_PRINTER_DRIVER ([MS-RPRN] 2.2.2.13) between the wire record (messages/package-parameters.ts)
 * and the spooler's CorePrinterDriver: the GUID in its curly braced upper-case form ([MS-RPRN]
 * <348>), FILETIME as a Date.
 */
import { dateToFiletime, filetimeToDate } from '../../../common/binary/filetime';
import type { CorePrinterDriver } from '../../../spoolss/types';
import type { CorePrinterDriverRecord } from '../messages/package-parameters';

export function corePrinterDriverRecord(d: CorePrinterDriver): CorePrinterDriverRecord {
  return {
    coreDriverGuid: d.coreDriverGuid.replace(/^\{|\}$/g, '').toLowerCase(),
    ftDriverDate: dateToFiletime(d.driverDate),
    dwlDriverVersion: d.driverVersion,
    packageId: d.packageId,
  };
}

export function corePrinterDriverFromRecord(rec: CorePrinterDriverRecord): CorePrinterDriver {
  return {
    coreDriverGuid: `{${rec.coreDriverGuid.toUpperCase()}}`,
    driverDate: filetimeToDate(rec.ftDriverDate),
    driverVersion: rec.dwlDriverVersion,
    packageId: rec.packageId,
  };
}
