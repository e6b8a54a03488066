/**
 * A driver's key as AddPrinterDriverEx writes it (Windows' value names and types, which
 * smbtorture's driver_info_winreg compares over winreg), read back by GetPrinterDriver2.
 */
import { RegType } from '../../../../lib/common/reg-value';
import { driverKeyPath } from '../../../../lib/registry/print-keys';
import { driverDateText, driverVersionText } from '../../../../lib/spooler/drivers/driver-key';
import { ADMIN, ALICE, createTestServer, openPrinter } from '../../../helpers/test-print-server';

describe('driver key', () => {
  it('dates as MM/DD/YYYY (none: 01/01/1601) and versions as w.x.y.z', () => {
    expect(driverDateText(new Date(Date.UTC(2006, 5, 21)))).toBe('06/21/2006');
    expect(driverDateText(new Date(0))).toBe('01/01/1601');
    expect(driverVersionText(0x000a_0000_4a61_0001n)).toBe('10.0.19041.1');
    expect(driverVersionText(0n)).toBe('0.0.0.0');
  });

  it('AddPrinterDriverEx writes every value Windows has, with its type; GetPrinterDriver2 reads the same', async () => {
    const t = await createTestServer();
    const h = await openPrinter(t.server, 'HpColor', ALICE);
    const { driver } = await t.server.getPrinterDriver(h, 'Windows x64', 3);
    const added = {
      ...driver,
      name: 'Copy Driver',
      driverDate: new Date(Date.UTC(2006, 5, 21)),
      driverVersion: 0x0006_0001_1db0_4000n,
      colorProfiles: ['sRGB Color Space Profile.icm'],
      hardwareId: 'hp_color_4500',
    };
    await t.server.addPrinterDriver(undefined, added, 0, ADMIN);
    const key = t.server.registry.getKey(driverKeyPath('Windows x64', 3, 'Copy Driver'));
    const types = Object.fromEntries((key?.valueList() ?? []).map((v) => [v.name, v.type]));
    expect(types).toEqual({
      'Configuration File': RegType.REG_SZ,
      'Data File': RegType.REG_SZ,
      Driver: RegType.REG_SZ,
      'Help File': RegType.REG_SZ,
      'Dependent Files': RegType.REG_MULTI_SZ,
      Monitor: RegType.REG_SZ,
      Datatype: RegType.REG_SZ,
      'Previous Names': RegType.REG_MULTI_SZ,
      DriverDate: RegType.REG_SZ,
      DriverVersion: RegType.REG_SZ,
      Manufacturer: RegType.REG_SZ,
      'OEM URL': RegType.REG_SZ,
      HardwareID: RegType.REG_SZ,
      Provider: RegType.REG_SZ,
      'Print Processor': RegType.REG_SZ,
      VendorSetup: RegType.REG_SZ,
      ColorProfiles: RegType.REG_MULTI_SZ,
      InfPath: RegType.REG_SZ,
      PrinterDriverAttributes: RegType.REG_DWORD,
      CoreDependencies: RegType.REG_MULTI_SZ,
      MinInboxDriverVerDate: RegType.REG_SZ,
      MinInboxDriverVerVersion: RegType.REG_SZ,
      Version: RegType.REG_DWORD,
      Attributes: RegType.REG_DWORD,
      TempDir: RegType.REG_DWORD,
    });
    expect(key?.getValue('DriverDate')?.value).toBe('06/21/2006');
    expect(key?.getValue('DriverVersion')?.value).toBe('6.1.7600.16384');
    expect(key?.getValue('Driver')?.value).toBe('unidrv.dll');
    const back = (await t.server.enumPrinterDrivers(undefined, 'Windows x64', ALICE)).find(
      (d) => d.name === 'Copy Driver',
    );
    expect(back).toMatchObject({
      driverDate: added.driverDate,
      driverVersion: added.driverVersion,
      colorProfiles: added.colorProfiles,
      hardwareId: 'hp_color_4500',
      minInboxDriverVerVersion: 0n,
    });
    // No date at all reads back as FILETIME 0, as Windows reports it.
    expect(back?.minInboxDriverVerDate.getTime()).toBe(Date.UTC(1601, 0, 1));
  });
});
