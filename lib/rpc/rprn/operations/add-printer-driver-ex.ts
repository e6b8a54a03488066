/**
 * RpcAddPrinterDriverEx (opnum 89) — [MS-RPRN] 3.1.4.4.8.
 *
 *   in:  [string, unique] STRING_HANDLE pName; DRIVER_CONTAINER* pDriverContainer
 *        (u32 Level, union tag, referent -> DRIVER_INFO_2 / RPC_DRIVER_INFO_3/4/6/8);
 *        DWORD dwFileCopyFlags
 *   out: DWORD status
 *
 * The provider refuses non-administrators with ERROR_ACCESS_DENIED, as a Windows server patched
 * for CVE-2021-34527 does.
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { statusOf } from '../rprn-call';
import { RPC_DRIVER_INFO, decodeLevelContainer } from '../structures/containers';
import type { DriverFile, DriverInfo } from '../../../spoolss/types';
import { filetimeToDate } from '../../../common/binary/filetime';

/** The domain DriverInfo a DRIVER_CONTAINER describes; absent fields are empty. */
export function driverInfoFromRecord(rec: NdrRecord | undefined): DriverInfo {
  const v = rec ?? {};
  const str = (k: string): string => (typeof v[k] === 'string' ? v[k] : '');
  const num = (k: string): number => (typeof v[k] === 'number' ? v[k] : 0);
  const big = (k: string): bigint => (typeof v[k] === 'bigint' ? v[k] : 0n);
  const list = (k: string): readonly string[] => (Array.isArray(v[k]) ? (v[k] as readonly string[]) : []);
  const files: DriverFile[] = [];
  const add = (path: string, fileType: DriverFile['fileType']): void => {
    if (path !== '') files.push({ path, fileType });
  };
  add(str('pDriverPath'), 0);
  add(str('pConfigFile'), 1);
  add(str('pDataFile'), 2);
  add(str('pHelpFile'), 3);
  for (const dep of list('pDependentFiles')) add(dep, 4);
  return {
    version: num('cVersion'),
    name: str('pName'),
    environment: str('pEnvironment'),
    driverPath: str('pDriverPath'),
    dataFile: str('pDataFile'),
    configFile: str('pConfigFile'),
    helpFile: str('pHelpFile'),
    dependentFiles: list('pDependentFiles'),
    monitorName: str('pMonitorName'),
    defaultDataType: str('pDefaultDataType'),
    previousNames: list('pszzPreviousNames'),
    driverDate: big('ftDriverDate') === 0n ? new Date(0) : filetimeToDate(big('ftDriverDate')),
    driverVersion: big('dwlDriverVersion'),
    mfgName: str('pMfgName'),
    oemUrl: str('pOEMUrl'),
    hardwareId: str('pHardwareID'),
    provider: str('pProvider'),
    printProcessor: str('pPrintProcessor'),
    vendorSetup: str('pVendorSetup'),
    colorProfiles: list('pszzColorProfiles'),
    infPath: str('pInfPath'),
    printerDriverAttributes: num('dwPrinterDriverAttributes'),
    coreDriverDependencies: list('pszzCoreDriverDependencies'),
    minInboxDriverVerDate:
      big('ftMinInboxDriverVerDate') === 0n ? new Date(0) : filetimeToDate(big('ftMinInboxDriverVerDate')),
    minInboxDriverVerVersion: big('dwlMinInboxDriverVerVersion'),
    files,
  };
}

export const rpcAddPrinterDriverEx: RprnOperation = {
  opnum: RprnOpnum.RpcAddPrinterDriverEx,
  name: 'RpcAddPrinterDriverEx',
  handle(r: NdrReader, ctx) {
    const name = r.uniqueString('pName');
    const container = decodeLevelContainer(r, RPC_DRIVER_INFO, 'pDriverContainer');
    const flags = r.u32('dwFileCopyFlags');
    const driver = driverInfoFromRecord(container.info);
    ctx.logger.info('AddPrinterDriverEx', {
      user: ctx.caller.userName,
      driver: driver.name,
      environment: driver.environment,
      flags,
    });
    return statusOf(() => ctx.provider.addPrinterDriver(name, driver, flags, ctx.caller));
  },
};
