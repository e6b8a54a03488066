import { promises as fs } from 'node:fs';
import path from 'node:path';
import { bufferCabinetSource } from '../../../lib/drivers/cabinet-source';
import { CoreDriverGuid, inboxCoreDriverName, normalizeCoreDriverGuid } from '../../../lib/drivers/core-drivers';
import {
  driverStoreInfPath,
  infDecoration,
  isPackageAware,
  packageCabStorePath,
  packageFolderOfId,
  parsePackageFolderName,
  PrinterDirId,
} from '../../../lib/drivers/driver-package';
import { readDriverPackageInf } from '../../../lib/drivers/driver-package-inf';
import { parseInf } from '../../../lib/drivers/inf-parser';
import { readPackageContents, type PackageContents } from '../../../lib/drivers/package-contents';
import { resolvePackageDriver } from '../../../lib/drivers/package-driver';
import { findPackageRoot } from '../../../lib/spooler/fixture';

const STORE = path.join(findPackageRoot(), 'drivers-store');
const DRIVER = 'HP Color LaserJet 4500 PCL Package';

async function fixturePackage(dir: string, prefix: string, environment: string): Promise<PackageContents> {
  const name = (await fs.readdir(path.join(STORE, dir, 'PCC'))).find((n) => n.startsWith(prefix))!;
  return readPackageContents(bufferCabinetSource(await fs.readFile(path.join(STORE, dir, 'PCC', name))), environment);
}

describe('names and IDs of driver packages', () => {
  it('parses package folder names and package IDs (InfPath)', () => {
    const id = driverStoreInfPath('hpcpkg.inf_amd64_0123456789abcdef', 'hpcpkg.inf');
    expect(id).toBe(
      'C:\\Windows\\System32\\DriverStore\\FileRepository\\hpcpkg.inf_amd64_0123456789abcdef\\hpcpkg.inf',
    );
    expect(packageFolderOfId(id)).toEqual({
      infName: 'hpcpkg.inf',
      arch: 'amd64',
      hash: '0123456789abcdef',
      folder: 'hpcpkg.inf_amd64_0123456789abcdef',
    });
    expect(packageFolderOfId('hpcpkg.inf_amd64_0123456789abcdef')?.infName).toBe('hpcpkg.inf');
    expect(packageFolderOfId('C:\\x\\hpcpkg.inf_amd64_0123456789abcdef\\other.inf')).toBeUndefined();
    expect(packageFolderOfId('')).toBeUndefined();
    expect(parsePackageFolderName('..\\x.inf_amd64_0123456789abcdef')).toBeUndefined();
    expect(packageCabStorePath('Windows x64', 'a.inf_amd64_0123456789abcdef')).toBe(
      'x64\\PCC\\a.inf_amd64_0123456789abcdef.cab',
    );
    expect(infDecoration('Windows NT x86')).toBe('NTx86');
  });

  it('knows the package-aware attribute and the in-box core driver GUIDs', () => {
    expect(isPackageAware(0x1)).toBe(true);
    expect(isPackageAware(0x22)).toBe(false);
    expect(normalizeCoreDriverGuid('{d20ea372-dd35-4950-9ed8-a6335afe79f0}')).toBe(CoreDriverGuid.UNIDRV);
    expect(normalizeCoreDriverGuid('D20EA372-DD35-4950-9ED8-A6335AFE79F0')).toBeUndefined();
    expect(inboxCoreDriverName(CoreDriverGuid.XPSDRV)).toBe('XPSDRV');
  });
});

describe('the sample packages, read as driver packages', () => {
  it('hpcpkg.inf is package-aware, depends on Unidrv and names the driver', async () => {
    const contents = await fixturePackage('x64', 'hpcpkg.inf_', 'Windows x64');
    const inf = contents.infs[0]!;
    expect(inf.problems).toEqual([]);
    expect(inf.packageAware).toBe(true);
    expect(inf.coreDriverDependencies).toEqual([CoreDriverGuid.UNIDRV]);
    expect(inf.models.map((m) => m.name)).toEqual([DRIVER]);
    expect(inf.driverVer).toEqual({
      date: new Date(Date.UTC(2025, 10, 1)),
      version: '1.3.0.0',
      versionQword: (1n << 48n) | (3n << 32n),
    });
  });

  it('ntprint.inf defines the Unidrv and XPSDRV core drivers', async () => {
    for (const [dir, env] of [
      ['x64', 'Windows x64'],
      ['W32X86', 'Windows NT x86'],
    ] as const) {
      const core = (await fixturePackage(dir, 'ntprint.inf_', env)).infs[0]!;
      expect(core.coreDrivers.map((c) => c.guid)).toEqual([CoreDriverGuid.UNIDRV, CoreDriverGuid.XPSDRV]);
    }
  });

  it('resolves the driver through its core driver sections to the files the registry names', async () => {
    const pkg = (await fixturePackage('x64', 'hpcpkg.inf_', 'Windows x64')).infs[0]!;
    const core = (await fixturePackage('x64', 'ntprint.inf_', 'Windows x64')).infs[0]!;
    const d = resolvePackageDriver(pkg, DRIVER.toLowerCase(), (g) => (g === CoreDriverGuid.UNIDRV ? core : undefined))!;
    expect(d.problems).toEqual([]);
    expect([d.driverFile, d.configFile, d.dataFile, d.helpFile]).toEqual([
      'UNIDRV.DLL',
      'UNIDRVUI.DLL',
      'HPCPKG.GPD',
      'UNIDRV.HLP',
    ]);
    expect(d.files.map((f) => [f.name, f.dirId, f.infName])).toEqual([
      ['HPCPKG.GPD', PrinterDirId.PRINTER_DRIVER_DIRECTORY, 'hpcpkg.inf'],
      ['Hpclrlsr.icm', PrinterDirId.COLOR_DIRECTORY, 'hpcpkg.inf'],
      ...['UNIDRV.DLL', 'UNIDRVUI.DLL', 'UNIRES.DLL', 'UNIDRV.HLP', 'STDNAMES.GPD', 'STDDTYPE.GDL'].map((n) => [
        n,
        PrinterDirId.PRINTER_DRIVER_DIRECTORY,
        'ntprint.inf',
      ]),
    ]);
    const alone = resolvePackageDriver(pkg, DRIVER, () => undefined)!;
    expect(alone.missingCoreDrivers).toEqual([CoreDriverGuid.UNIDRV]);
    expect([alone.driverFile, alone.dataFile, alone.problems]).toEqual([undefined, 'HPCPKG.GPD', []]);
    expect(resolvePackageDriver(pkg, 'Another driver', () => undefined)).toBeUndefined();
  });
});

describe('readDriverPackageInf on INFs with problems', () => {
  const read = (text: string) => readDriverPackageInf(parseInf(text, 'x.inf'), 'x.inf', 'Windows x64');

  it('reports what is missing instead of failing', () => {
    const inf = read(
      [
        '[Version]',
        'DriverVer=13/45/2025,1.99999.0.0',
        '[Manufacturer]',
        'M=Models,NTamd64',
        '[PrinterPackageInstallation.amd64]',
        'PackageAware=TRUE',
        'CoreDriverDependencies=not-a-guid',
      ].join('\n'),
    );
    expect(inf.problems).toEqual([
      'x.inf: DriverVer date "13/45/2025" is not mm/dd/yyyy',
      'x.inf: DriverVer version "1.99999.0.0" is not w.x.y.z of 16-bit numbers',
      'x.inf: [Manufacturer] names the models section [Models.NTamd64], which is missing',
      'x.inf: "not-a-guid" in CoreDriverDependencies is not a GUID',
    ]);
  });

  it('finds files through SourceDisksNames and SourceDisksFiles, and platform install sections', () => {
    const inf = read(
      [
        '[Version]',
        'DriverVer=01/02/2024,2.0.0.0',
        '[Manufacturer]',
        'M=Models,NTamd64',
        '[Models.NTamd64]',
        '"D" = INSTALL',
        '[INSTALL]',
        'CopyFiles=WRONG',
        '[INSTALL.NTamd64]',
        'CopyFiles=FILES,MISSING',
        '[FILES]',
        'd.dll',
        '[DestinationDirs]',
        'FILES=66002,sub',
        '[SourceDisksNames.amd64]',
        '1=disk,,,\\amd64',
        '[SourceDisksFiles.amd64]',
        'd.dll=1,bin',
      ].join('\n'),
    );
    const install = inf.install('INSTALL');
    expect(install.section).toBe('INSTALL.NTamd64');
    expect(install.files).toEqual([{ name: 'd.dll', source: 'amd64\\bin\\d.dll', dirId: 66002, subdir: 'sub' }]);
    expect(install.problems).toEqual([
      'x.inf: CopyFiles of [INSTALL.NTamd64] names the section [MISSING], which is missing',
    ]);
  });
});
