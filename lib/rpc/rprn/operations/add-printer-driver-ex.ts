/**
 * RpcAddPrinterDriverEx — [MS-RPRN] 3.1.4.4.8 (messages/add-printer-driver-ex.ts).
 *
 * The provider refuses non-administrators with ERROR_ACCESS_DENIED, as a Windows server patched
 * for CVE-2021-34527 does.
 */
import { filetimeToDate } from '../../../common/binary/filetime';
import type { DriverFile, DriverInfo } from '../../../spoolss/types';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import { RpcAddPrinterDriverEx } from '../messages/add-printer-driver-ex';
import { rprnOperation, statusOf } from '../rprn-call';

const filetimeDate = (ft: bigint): Date => (ft === 0n ? new Date(0) : filetimeToDate(ft));

/** The domain DriverInfo a DRIVER_CONTAINER describes; absent fields are empty. */
export function driverInfoFromRecord(rec: NdrRecord | undefined): DriverInfo {
  const v = recordFields(rec);
  const files: DriverFile[] = [];
  const add = (path: string, fileType: DriverFile['fileType']): void => {
    if (path !== '') files.push({ path, fileType });
  };
  add(v.string('pDriverPath'), 0);
  add(v.string('pConfigFile'), 1);
  add(v.string('pDataFile'), 2);
  add(v.string('pHelpFile'), 3);
  for (const dep of v.strings('pDependentFiles')) add(dep, 4);
  return {
    version: v.number('cVersion'),
    name: v.string('pName'),
    environment: v.string('pEnvironment'),
    driverPath: v.string('pDriverPath'),
    dataFile: v.string('pDataFile'),
    configFile: v.string('pConfigFile'),
    helpFile: v.string('pHelpFile'),
    dependentFiles: v.strings('pDependentFiles'),
    monitorName: v.string('pMonitorName'),
    defaultDataType: v.string('pDefaultDataType'),
    previousNames: v.strings('pszzPreviousNames'),
    driverDate: filetimeDate(v.bigint('ftDriverDate')),
    driverVersion: v.bigint('dwlDriverVersion'),
    mfgName: v.string('pMfgName'),
    oemUrl: v.string('pOEMUrl'),
    hardwareId: v.string('pHardwareID'),
    provider: v.string('pProvider'),
    printProcessor: v.string('pPrintProcessor'),
    vendorSetup: v.string('pVendorSetup'),
    colorProfiles: v.strings('pszzColorProfiles'),
    infPath: v.string('pInfPath'),
    printerDriverAttributes: v.number('dwPrinterDriverAttributes'),
    coreDriverDependencies: v.strings('pszzCoreDriverDependencies'),
    minInboxDriverVerDate: filetimeDate(v.bigint('ftMinInboxDriverVerDate')),
    minInboxDriverVerVersion: v.bigint('dwlMinInboxDriverVerVersion'),
    files,
  };
}

export const rpcAddPrinterDriverEx = rprnOperation(
  RpcAddPrinterDriverEx,
  ({ name, driverContainer, fileCopyFlags }, ctx) => {
    const driver = driverInfoFromRecord(driverContainer.info);
    ctx.logger.info('AddPrinterDriverEx', {
      user: ctx.caller.userName,
      driver: driver.name,
      environment: driver.environment,
      flags: fileCopyFlags,
    });
    return statusOf(() => ctx.provider.addPrinterDriver(name, driver, fileCopyFlags, ctx.caller));
  },
);
