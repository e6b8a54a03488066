/**
 * Decoders of files that come from outside: a registry export (.reg, REGEDIT4 and Windows
 * Registry Editor 5.00), an INF of a driver package and the package's cabinet ([MS-CAB] with
 * MSZIP). Seeds are the fixtures shipped with the project (registry-fixtures/, drivers-store/),
 * cut to a few kilobytes, and an INF in the shape of ntprint.inf.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CabinetReader } from '../../../lib/drivers/cabinet-reader';
import { createDigestSink } from '../../../lib/drivers/cabinet-sinks';
import { bufferCabinetSource } from '../../../lib/drivers/cabinet-source';
import { readDriverPackageInf } from '../../../lib/drivers/driver-package-inf';
import { parseInf } from '../../../lib/drivers/inf-parser';
import { parseRegFileToRegistry } from '../../../lib/registry/reg-file';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

/** The package root: scripts/fuzz/targets under the sources, dist/scripts/fuzz/targets once built. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      if (path.dirname(dir) === dir) return process.cwd();
    }
  }
}

const REG_SEED = `Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor]
"Name"="HpColor"
"Attributes"=dword:00000a48
"Port"="IP_10.0.0.5"
"Default DevMode"=hex:48,00,50,00,20,00,43,00,6f,00,6c,00,6f,00,72,00,00,00,\\
  00,00,01,04,00,06
"Dependent Files"=hex(7):55,00,4e,00,49,00,52,00,45,00,53,00,2e,00,44,00,4c,00,\\
  4c,00,00,00,00,00
"Location"=hex(2):25,00,4c,00,4f,00,43,00,25,00,00,00
"Big"=hex(b):01,00,00,00,00,00,00,00
"Gone"=-

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor\\CopyFiles\\ICM]
@="ICM"
"Module"="mscms.dll"
"Files"=hex(7):48,00,70,00,63,00,6c,00,72,00,6c,00,73,00,72,00,2e,00,69,00,63,00,6d,00,00,00,00,00

[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Old]
`;

const INF_SEED = `; A driver package INF in the shape of ntprint.inf
[Version]
Signature="$Windows NT$"
Class=Printer
ClassGUID={4D36E979-E325-11CE-BFC1-08002BE10318}
Provider=%HP%
DriverVer=06/21/2006,10.0.22621.1
CatalogFile=hpcpkg.cat

[Manufacturer]
%HP%=HP,NTamd64

[HP.NTamd64]
"HP Color LaserJet" = HPCLJ.GPD, USBPRINT\\HPColor_LaserJet8A3E

[HPCLJ.GPD]
CopyFiles=UNIDRV,@HPCLJ.GPD
DataFile=HPCLJ.GPD
CoreDriverSections="{D20EA372-DD35-4950-9ED8-A6335AFE79F0},UNIDRV.OEM"

[UNIDRV]
UNIDRV.DLL
UNIRES.DLL , , , 0x00000020

[SourceDisksNames.amd64]
1 = %Disk1%,,,""

[SourceDisksFiles]
HPCLJ.GPD = 1

[DestinationDirs]
DefaultDestDir = 66000

[Strings]
HP = "HP"
Disk1 = "HP Driver Disk \\"1\\""
`;

function cabSeeds(): Buffer[] {
  const dir = path.join(packageRoot(), 'drivers-store', 'x64', 'PCC');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.cab'))
      .map((f) => readFileSync(path.join(dir, f)))
      .filter((b) => b.length <= 16384);
  } catch {
    return [];
  }
}

function regSeeds(): Buffer[] {
  const fixture = path.join(packageRoot(), 'registry-fixtures', 'LEGACYPS', 'registry.reg');
  const seeds = [
    Buffer.from(REG_SEED, 'utf8'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REG_SEED, 'utf16le')]),
  ];
  try {
    // The first keys, cut at a blank line so that the seed stays valid.
    const text = readFileSync(fixture);
    const cut = Math.max(text.lastIndexOf('\r\n\r\n', 4096), text.lastIndexOf('\n\n', 4096));
    if (cut > 0) seeds.push(text.subarray(0, cut));
  } catch {
    // the shipped fixtures are optional seeds
  }
  return seeds;
}

export const FILE_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'registry/reg-file',
    decode: (input) => parseRegFileToRegistry(input, 'fuzz.reg'),
    seeds: memoSeeds(regSeeds),
    maxRandomLength: 1024,
  },
  {
    name: 'drivers/inf',
    decode: (input) => readDriverPackageInf(parseInf(input, 'fuzz.inf'), 'fuzz.inf', 'Windows x64'),
    seeds: memoSeeds(() => [
      Buffer.from(INF_SEED, 'latin1'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(INF_SEED, 'utf16le')]),
    ]),
    maxRandomLength: 1024,
  },
  {
    name: 'drivers/cab',
    decode: async (input) => {
      const reader = await CabinetReader.open(bufferCabinetSource(input));
      await reader.extract(createDigestSink(() => true, 1 << 20));
    },
    seeds: memoSeeds(cabSeeds),
    maxRandomLength: 1024,
  },
];
