import { ConfigError } from '../../../lib/common/errors';
import { copyFilesKeyPath, driverKeyPath, portKeyPath, printerKeyPath } from '../../../lib/registry/print-keys';

describe('print registry paths in Windows terms', () => {
  it('printerKeyPath', () => {
    expect(printerKeyPath('HpColor')).toBe(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor',
    );
  });

  it('driverKeyPath', () => {
    expect(driverKeyPath('Windows x64', 3, 'HP Color LaserJet 4500 PCL')).toBe(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Environments\\Windows x64\\Drivers\\Version-3\\HP Color LaserJet 4500 PCL',
    );
    expect(driverKeyPath('Windows NT x86', 3, 'D')).toContain('\\Environments\\Windows NT x86\\Drivers\\Version-3\\D');
  });

  it('portKeyPath and copyFilesKeyPath', () => {
    expect(portKeyPath('Standard TCP/IP Port', 'IP_10.0.0.15')).toBe(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\Standard TCP/IP Port\\Ports\\IP_10.0.0.15',
    );
    expect(copyFilesKeyPath('HpColor', 'ICM')).toBe(`${printerKeyPath('HpColor')}\\CopyFiles\\ICM`);
  });

  it('refuses names that would add a level or are empty', () => {
    expect(() => printerKeyPath('a\\b')).toThrow(ConfigError);
    expect(() => printerKeyPath('')).toThrow(ConfigError);
    expect(() => driverKeyPath('Windows x64', -1, 'x')).toThrow(ConfigError);
    expect(() => driverKeyPath('Windows x64', 3, '..\\x')).toThrow(ConfigError);
  });
});
