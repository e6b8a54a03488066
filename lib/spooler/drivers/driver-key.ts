/**
 * A driver's key as localspl writes it at AddPrinterDriverEx (Environments\<env>\Drivers\
 * Version-<n>\<name>): every value, empty ones too, with the names and types a Windows server
 * has there and smbtorture's driver_info_winreg compares with GetPrinterDriver2 levels 3, 6 and 8:
 *
 *   Driver, Data File, Configuration File, Help File   REG_SZ, bare file names
 *   Dependent Files, Previous Names, ColorProfiles,
 *   CoreDependencies                                   REG_MULTI_SZ
 *   Monitor, Datatype, Manufacturer, OEM URL,
 *   HardwareID, Provider, Print Processor,
 *   VendorSetup, InfPath                               REG_SZ
 *   DriverDate, MinInboxDriverVerDate                  REG_SZ `MM/DD/YYYY` (01/01/1601: none)
 *   DriverVersion, MinInboxDriverVerVersion            REG_SZ `w.x.y.z` of the 64-bit version
 *   Version, PrinterDriverAttributes, Attributes,
 *   TempDir                                            REG_DWORD
 *
 * (Windows Server 2003 kept DriverDate and DriverVersion as 8-byte REG_BINARY; driver-info.ts
 * reads either form, and the JSON fixtures' strings.)
 */
import { regDword, regMultiSz, regSz, type RegValue } from '../../common/reg-value';
import type { RegistryKey } from '../../registry/registry-key';
import type { DriverInfo } from '../../spoolss/types';
import { windowsLeafName } from '../../drivers/windows-path';

/** `MM/DD/YYYY`, as the INF's DriverVer gives it; no date (the epoch, FILETIME 0) is 01/01/1601. */
export function driverDateText(d: Date): string {
  if (d.getTime() === 0 || Number.isNaN(d.getTime())) return '01/01/1601';
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${String(d.getUTCFullYear()).padStart(4, '0')}`;
}

/** `w.x.y.z`: the four 16-bit parts of a DWORDLONG driver version, high first. */
export function driverVersionText(v: bigint): string {
  return [48n, 32n, 16n, 0n].map((shift) => String((v >> shift) & 0xffffn)).join('.');
}

export function driverKeyValues(driver: DriverInfo, version: number): RegValue[] {
  return [
    regSz('Configuration File', windowsLeafName(driver.configFile)),
    regSz('Data File', windowsLeafName(driver.dataFile)),
    regSz('Driver', windowsLeafName(driver.driverPath)),
    regSz('Help File', windowsLeafName(driver.helpFile)),
    regMultiSz('Dependent Files', driver.dependentFiles.map(windowsLeafName)),
    regSz('Monitor', driver.monitorName),
    regSz('Datatype', driver.defaultDataType),
    regMultiSz('Previous Names', driver.previousNames),
    regSz('DriverDate', driverDateText(driver.driverDate)),
    regSz('DriverVersion', driverVersionText(driver.driverVersion)),
    regSz('Manufacturer', driver.mfgName),
    regSz('OEM URL', driver.oemUrl),
    regSz('HardwareID', driver.hardwareId),
    regSz('Provider', driver.provider),
    regSz('Print Processor', driver.printProcessor),
    regSz('VendorSetup', driver.vendorSetup),
    regMultiSz('ColorProfiles', driver.colorProfiles),
    regSz('InfPath', driver.infPath),
    regDword('PrinterDriverAttributes', driver.printerDriverAttributes),
    regMultiSz('CoreDependencies', driver.coreDriverDependencies),
    regSz('MinInboxDriverVerDate', driverDateText(driver.minInboxDriverVerDate)),
    regSz('MinInboxDriverVerVersion', driverVersionText(driver.minInboxDriverVerVersion)),
    regDword('Version', version),
    regDword('Attributes', 0),
    regDword('TempDir', 0),
  ];
}

/** Writes a driver's values into its (new or replaced) key. */
export function writeDriverKey(key: RegistryKey, driver: DriverInfo, version: number): void {
  for (const v of driverKeyValues(driver, version)) key.setValue(v);
}
