/**
 * The driver package rules (PK0xx), one case each: the NTPRINT fixture and a copy of the drivers
 * store, changed just enough to break one rule (CABs rebuilt with tests/helpers/cab-builder.ts).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { regDword, regMultiSz, regSz } from '../../../lib/common/reg-value';
import { CopyFilesPolicy } from '../../../lib/point-and-print/constants';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { registryFromJson } from '../../../lib/registry/json-fixture';
import type { Registry } from '../../../lib/registry/registry-key';
import { formatJsonReport } from '../../../lib/validate/report-json';
import { buildSarif } from '../../../lib/validate/report-sarif';
import { formatTextReport } from '../../../lib/validate/report-text';
import { PACKAGE_RULES } from '../../../lib/validate/rules';
import { storeInput } from '../../../lib/validate/validation-input';
import { validate, type ValidationReport } from '../../../lib/validate/validator';
import { PACKAGE_ENVIRONMENTS, packageInf } from '../../../scripts/driver-package-infs';
import { buildCab } from '../../helpers/cab-builder';
import { DRIVERS_STORE, NTPRINT_DIR } from '../../helpers/hostile-server';

const PRINT = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print';
const DRIVER_KEY = `${PRINT}\\Environments\\Windows x64\\Drivers\\Version-3\\HP Color LaserJet 4500 PCL Package`;
const ICM_KEY = `${PRINT}\\Printers\\HpColorPkg\\CopyFiles\\ICM`;
const X64 = PACKAGE_ENVIRONMENTS[0]!;

interface Setup {
  readonly store: string;
  readonly registry: Registry;
  readonly cab: string;
}

type Change = (s: Setup) => Promise<void> | void;

async function run(
  change: Change,
  policy: CopyFilesPolicy = CopyFilesPolicy.COLOR_PROFILES_ONLY,
): Promise<ValidationReport> {
  const store = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-pkrules-'));
  try {
    await fs.cp(DRIVERS_STORE, store, { recursive: true });
    const json = JSON.parse(await fs.readFile(path.join(NTPRINT_DIR, 'registry.json'), 'utf8')) as unknown;
    const registry = registryFromJson(json, 'registry.json');
    const pcc = path.join(store, 'x64', 'PCC');
    const cab = path.join(
      pcc,
      (await fs.readdir(pcc)).find((n) => n.startsWith('hpcpkg.inf_'))!,
    );
    await change({ store, registry, cab });
    return await validate(
      [{ label: 'NTPRINT', kind: 'fixture', registry, serverName: 'NTPRINT', ...(await storeInput(store)) }],
      {
        modules: ModuleRegistry.withBuiltins(),
        policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: policy },
        environments: ['Windows x64'],
        logger: createSilentLogger(),
      },
    );
  } finally {
    await fs.rm(store, { recursive: true, force: true });
  }
}

/** The x64 package rebuilt with another INF text or other files. */
async function rebuild(s: Setup, inf: string, files: readonly string[] = ['HPCPKG.GPD', 'Hpclrlsr.icm']) {
  const data = new Map([
    ['HPCPKG.GPD', await fs.readFile(path.join(s.store, 'x64', '3', 'HPCPKG.GPD'))],
    ['Hpclrlsr.icm', await fs.readFile(path.join(s.store, 'color', 'Hpclrlsr.icm'))],
  ]);
  await fs.writeFile(
    s.cab,
    buildCab([
      { name: 'hpcpkg.inf', data: Buffer.from(inf, 'latin1') },
      ...files.map((name) => ({ name, data: data.get(name)! })),
    ]),
  );
}

const pkRules = (r: ValidationReport): string[] => [
  ...new Set(r.findings.map((f) => f.rule).filter((id) => id.startsWith('PK'))),
];

const CASES: readonly (readonly [string, Change, CopyFilesPolicy?])[] = [
  ['PK001', (s) => fs.writeFile(s.cab, buildCab([{ name: '..\\hpcpkg.inf', data: Buffer.from('x') }]))],
  ['PK002', (s) => fs.rm(s.cab)],
  ['PK003', (s) => rebuild(s, packageInf(X64).replace(/HP Color LaserJet 4500 PCL Package/g, 'Another driver'))],
  ['PK004', (s) => rebuild(s, packageInf(X64), ['Hpclrlsr.icm'])],
  [
    'PK005',
    (s) =>
      s.registry
        .getKey(DRIVER_KEY)!
        .setValue(regMultiSz('Dependent Files', ['UNIRES.DLL', 'STDNAMES.GPD', 'STDDTYPE.GDL', 'EXTRA.DLL'])),
  ],
  [
    'PK006',
    (s) => s.registry.getKey(DRIVER_KEY)!.setValue(regMultiSz('Dependent Files', ['UNIRES.DLL', 'STDNAMES.GPD'])),
  ],
  ['PK007', (s) => s.registry.getKey(DRIVER_KEY)!.setValue(regDword('PrinterDriverAttributes', 0))],
  ['PK008', (s) => s.registry.getKey(DRIVER_KEY)!.setValue(regMultiSz('CoreDependencies', []))],
  ['PK009', (s) => fs.appendFile(path.join(s.store, 'x64', '3', 'HPCPKG.GPD'), '*% changed after packaging\r\n')],
  [
    'PK010',
    async (s) => {
      await fs.mkdir(path.join(s.store, 'Profiles'));
      await fs.copyFile(path.join(s.store, 'color', 'Hpclrlsr.icm'), path.join(s.store, 'Profiles', 'Hpclrlsr.icm'));
      s.registry.getKey(ICM_KEY)!.setValue(regSz('Directory', 'Profiles'));
    },
    CopyFilesPolicy.ALL,
  ],
  ['PK011', (s) => s.registry.getKey(ICM_KEY)!.setValue(regMultiSz('Files', ['Hpclrlsr.icm', 'MktProof.icm']))],
  [
    'PK012',
    (s) =>
      rebuild(
        s,
        packageInf(X64).replace('CopyFiles=@HPCPKG.GPD,HPCPKG_COLOR', 'CopyFiles=@HPCPKG.GPD,HPCPKG_COLOR,NO_SUCH'),
      ),
  ],
];

describe('driver package rules, one case each', () => {
  it('every PK rule has a case', () => {
    expect(Object.keys(PACKAGE_RULES).filter((id) => !CASES.some(([rule]) => rule === id))).toEqual([]);
  });

  it('the NTPRINT fixture as generated has no package finding', async () => {
    expect(pkRules(await run(() => undefined))).toEqual([]);
  });

  it.each(CASES.map((c) => [c[0], c] as const))('%s', async (rule, [, change, policy]) => {
    const report = await run(change, policy);
    expect(pkRules(report)).toEqual([rule]);
    for (const f of report.findings.filter((x) => x.rule === rule))
      expect(f.severity).toBe(PACKAGE_RULES[rule as keyof typeof PACKAGE_RULES].severity);
  });

  it('catches a package whose INF names a file the CAB lacks, in text, JSON and SARIF', async () => {
    const report = await run((s) => rebuild(s, packageInf(X64), ['Hpclrlsr.icm']));
    const finding = report.findings.find((f) => f.rule === 'PK004')!;
    expect(finding).toMatchObject({
      severity: 'error',
      message: 'hpcpkg.inf names HPCPKG.GPD, which its CAB lacks',
      key: 'Drivers\\Version-3\\HP Color LaserJet 4500 PCL Package',
      keyPath: DRIVER_KEY,
      environment: 'Windows x64',
    });
    expect(formatTextReport(report)).toMatch(
      /ERROR {3}PK004 Drivers\\Version-3\\HP Color LaserJet 4500 PCL Package: hpcpkg\.inf names HPCPKG\.GPD/,
    );
    const sarif = buildSarif(report, { baseDir: process.cwd() }) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(Object.keys(PACKAGE_RULES)),
    );
    expect(sarif.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: 'PK004', level: 'error' }));
    expect((JSON.parse(formatJsonReport(report)) as ValidationReport).findings).toContainEqual(
      expect.objectContaining({ rule: 'PK004' }),
    );
  });

  it('catches a driver marked package-aware with no package', async () => {
    const report = await run((s) => s.registry.getKey(DRIVER_KEY)!.setValue(regSz('InfPath', '')));
    expect(report.findings.filter((f) => f.rule.startsWith('PK'))).toEqual([
      expect.objectContaining({
        rule: 'PK002',
        valueName: 'InfPath',
        message:
          '"HP Color LaserJet 4500 PCL Package" is package-aware (PrinterDriverAttributes 0x1) but has no InfPath: clients get no package',
      }),
    ]);
  });
});
