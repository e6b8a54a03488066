/**
 * Builds the sample driver packages of the drivers store (docs/drivers-store.md) with Debian's
 * gcab (a well-kept cabinet writer; `scripts/install-interop-tools.sh` installs it):
 *
 *   drivers-store/<arch>/PCC/ntprint.inf_<arch>_<hash>.cab   the core drivers (Unidrv, XPSDRV)
 *   drivers-store/<arch>/PCC/hpcpkg.inf_<arch>_<hash>.cab    HpColorPkg's package-aware driver
 *   drivers-store/<arch>/3/HPCPKG.GPD                        its data file for the legacy copy
 *
 * for Windows x64 and Windows NT x86, then writes the package-aware driver's keys into
 * registry-fixtures/NTPRINT/registry.json (InfPath names the package folder, whose hash depends on
 * the INF). The CABs are committed: tests never need gcab. File times are fixed so the output is
 * the same on every run. Run `npm run fixtures` (which also writes registry.reg afterwards).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CoreDriverGuid } from '../lib/drivers/core-drivers';
import { driverStoreInfPath, infHash, packageFolderName } from '../lib/drivers/driver-package';
import {
  coreInf,
  PACKAGE_COLOR_PROFILE,
  PACKAGE_DATA_FILE,
  PACKAGE_DRIVER_DATE,
  PACKAGE_DRIVER_NAME,
  PACKAGE_DRIVER_VERSION,
  PACKAGE_ENVIRONMENTS,
  packageDataFile,
  packageInf,
  placeholderFile,
  UNIDRV_FILES,
  XPSDRV_FILES,
  type PackageEnvironment,
} from './driver-package-infs';

/** Every file of a package gets this time (gcab stores it in CFFILE). */
const FILE_TIME = new Date(Date.UTC(2025, 10, 1, 12, 0, 0));
const REGISTRY_PRINT = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print';

interface BuiltPackage {
  readonly folder: string;
  readonly infName: string;
  readonly cab: string;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

function requireGcab(): void {
  try {
    execFileSync('gcab', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('gcab is needed to build the driver package CABs: sudo bash scripts/install-interop-tools.sh');
  }
}

/** Writes `files` to a temporary folder and packs them with `gcab -c -z` (MSZIP) into `pcc`. */
function buildCab(
  pcc: string,
  e: PackageEnvironment,
  infName: string,
  inf: string,
  files: ReadonlyMap<string, Buffer>,
): BuiltPackage {
  const infBytes = Buffer.from(inf, 'latin1');
  const folder = packageFolderName(infName, e.arch, infHash(infBytes));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-pkg-'));
  try {
    const all = new Map<string, Buffer>([[infName, infBytes], ...files]);
    for (const [name, bytes] of all) {
      const file = path.join(work, name);
      fs.writeFileSync(file, bytes);
      fs.utimesSync(file, FILE_TIME, FILE_TIME);
    }
    fs.mkdirSync(pcc, { recursive: true });
    for (const old of fs.readdirSync(pcc)) {
      if (old.toLowerCase().startsWith(`${infName.toLowerCase()}_`) && old.toLowerCase().endsWith('.cab'))
        fs.rmSync(path.join(pcc, old));
    }
    const cab = path.join(pcc, `${folder}.cab`);
    execFileSync('gcab', ['-c', '-z', '-n', cab, ...all.keys()], { cwd: work, stdio: 'inherit' });
    return { folder, infName, cab };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function driverKey(pkg: BuiltPackage): Record<string, unknown> {
  return {
    'Configuration File': 'UNIDRVUI.DLL',
    'Data File': PACKAGE_DATA_FILE,
    Driver: 'UNIDRV.DLL',
    'Help File': 'UNIDRV.HLP',
    'Dependent Files': ['UNIRES.DLL', 'STDNAMES.GPD', 'STDDTYPE.GDL'],
    Monitor: '',
    Datatype: '',
    'Previous Names': [],
    Version: 3,
    TempDir: 0,
    Attributes: 0,
    Manufacturer: 'HP',
    'OEM URL': '',
    HardwareID: 'hewlett-packardhp_color_laserjet_4500_package',
    Provider: 'pointprint sample drivers',
    'Print Processor': 'winprint',
    VendorSetup: '',
    ColorProfiles: [PACKAGE_COLOR_PROFILE],
    InfPath: driverStoreInfPath(pkg.folder, pkg.infName),
    // PRINTER_DRIVER_PACKAGE_AWARE ([MS-PRSOD] <15>).
    PrinterDriverAttributes: 1,
    CoreDependencies: [CoreDriverGuid.UNIDRV],
    DriverDate: PACKAGE_DRIVER_DATE,
    DriverVersion: PACKAGE_DRIVER_VERSION,
    // What Windows writes for a driver that needs no minimum in-box version.
    MinInboxDriverVerDate: '01/01/1601',
    MinInboxDriverVerVersion: '0.0.0.0',
  };
}

export function generateDriverPackages(root: string, log: (line: string) => void): void {
  requireGcab();
  const store = path.join(root, 'drivers-store');
  const profile = fs.readFileSync(path.join(store, 'color', PACKAGE_COLOR_PROFILE));
  const registryFile = path.join(root, 'registry-fixtures', 'NTPRINT', 'registry.json');
  const registry = JSON.parse(fs.readFileSync(registryFile, 'utf8')) as {
    keys: Record<string, Record<string, unknown>>;
  };
  for (const e of PACKAGE_ENVIRONMENTS) {
    const v3 = path.join(store, e.dir, '3');
    const pcc = path.join(store, e.dir, 'PCC');
    // Core files: the same bytes as the legacy store's, so both paths install the same driver.
    const coreFiles = new Map<string, Buffer>();
    for (const f of UNIDRV_FILES) coreFiles.set(f, fs.readFileSync(path.join(v3, f)));
    for (const f of XPSDRV_FILES) coreFiles.set(f, Buffer.from(placeholderFile(f, e), 'latin1'));
    const core = buildCab(pcc, e, 'ntprint.inf', coreInf(e), coreFiles);
    log(`wrote ${core.cab}`);

    const data = Buffer.from(packageDataFile(e), 'latin1');
    fs.writeFileSync(path.join(v3, PACKAGE_DATA_FILE), data);
    log(`wrote ${path.join(v3, PACKAGE_DATA_FILE)}`);
    const own = new Map<string, Buffer>([
      [PACKAGE_DATA_FILE, data],
      [PACKAGE_COLOR_PROFILE, profile],
    ]);
    const pkg = buildCab(pcc, e, 'hpcpkg.inf', packageInf(e), own);
    log(`wrote ${pkg.cab}`);

    registry.keys[`${REGISTRY_PRINT}\\Environments\\${e.environment}\\Drivers\\Version-3\\${PACKAGE_DRIVER_NAME}`] =
      driverKey(pkg);
  }
  fs.writeFileSync(registryFile, `${JSON.stringify(registry, null, 2)}\n`);
  log(`wrote ${registryFile} (the ${PACKAGE_DRIVER_NAME} driver keys)`);
}

if (require.main === module) {
  generateDriverPackages(findRepoRoot(process.cwd()), (line) => process.stdout.write(`${line}\n`));
}
