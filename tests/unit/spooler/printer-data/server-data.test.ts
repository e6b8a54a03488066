/**
 * The server handle's values ([MS-RPRN] 2.2.3.10) smbtorture's printer_data_list asks for, with
 * their types; OSVERSIONINFO(EX)W laid out by hand from the structure's definition.
 */
import { RegType } from '../../../../lib/common/reg-value';
import { Registry } from '../../../../lib/registry/registry-key';
import { serverData } from '../../../../lib/spooler/printer-data/server-data';

describe('server handle data', () => {
  const values = new Map(serverData(new Registry(), 'NTPRINT').map((v) => [v.name, v]));

  it('answers every value smbtorture lists, with Windows types', () => {
    const types: Record<string, number> = {
      W3SvcInstalled: RegType.REG_DWORD,
      BeepEnabled: RegType.REG_DWORD,
      EventLog: RegType.REG_DWORD,
      NetPopup: RegType.REG_DWORD,
      NetPopupToComputer: RegType.REG_DWORD,
      MajorVersion: RegType.REG_DWORD,
      MinorVersion: RegType.REG_DWORD,
      DefaultSpoolDirectory: RegType.REG_EXPAND_SZ,
      Architecture: RegType.REG_SZ,
      DsPresent: RegType.REG_DWORD,
      OSVersion: RegType.REG_BINARY,
      OSVersionEx: RegType.REG_BINARY,
      DNSMachineName: RegType.REG_SZ,
      RestartJobOnPoolError: RegType.REG_DWORD,
      RestartJobOnPoolEnabled: RegType.REG_DWORD,
    };
    for (const [name, type] of Object.entries(types))
      expect({ name, type: values.get(name)?.type }).toEqual({ name, type });
  });

  it('OSVersion is a 276-byte OSVERSIONINFOW and OSVersionEx a 284-byte OSVERSIONINFOEXW of 10.0.20348', () => {
    const os = values.get('OSVersion')?.value as Buffer;
    // dwOSVersionInfoSize 0x114 | major 10 | minor 0 | build 20348 (0x4f7c) | platform 2 (VER_PLATFORM_WIN32_NT)
    expect(os.subarray(0, 20).toString('hex')).toBe('140100000a000000000000007c4f000002000000');
    expect(os.length).toBe(276);
    const ex = values.get('OSVersionEx')?.value as Buffer;
    expect(ex.length).toBe(284);
    expect(ex.readUInt32LE(0)).toBe(284);
    // wServicePackMajor 0 | wServicePackMinor 0 | wSuiteMask 0x0100 | wProductType 3 (server) | reserved
    expect(ex.subarray(276).toString('hex')).toBe('0000000000010300');
  });
});
