/**
 * Each rule has a fixture in tests/fixtures/validate/ that triggers exactly it (and clean.reg none).
 */
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import type { CopyFilesPolicy } from '../../../lib/point-and-print/constants';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { DEFAULT_ENVIRONMENTS } from '../../../lib/validate/client-environments';
import { ALL_RULES } from '../../../lib/validate/rules';
import { loadRegFileInput, openStoreLookup } from '../../../lib/validate/validation-input';
import { validate } from '../../../lib/validate/validator';

const FIXTURES = path.resolve(__dirname, '../../fixtures/validate');

interface Case {
  readonly rule: string | undefined;
  readonly file: string;
  readonly policy?: CopyFilesPolicy;
  /** 'fixtures' = tests/fixtures/validate/modules/modules.json; 'mscms' = a registry knowing "mscms". */
  readonly modules?: 'fixtures' | 'mscms';
}

const CASES: Case[] = [
  { rule: undefined, file: 'clean.reg' },
  { rule: 'CF001', file: 'cf001-directory-missing.reg' },
  { rule: 'CF002', file: 'cf002-directory-type.reg' },
  { rule: 'CF003', file: 'cf003-file-leaves-directory.reg' },
  { rule: 'CF004', file: 'cf004-directory-escapes.reg' },
  { rule: 'CF005', file: 'cf005-files-missing.reg' },
  { rule: 'CF006', file: 'cf006-files-type.reg' },
  { rule: 'CF007', file: 'cf007-files-empty.reg' },
  { rule: 'CF008', file: 'cf008-file-not-plain.reg' },
  { rule: 'CF009', file: 'cf009-file-duplicate.reg' },
  { rule: 'CF010', file: 'cf010-module-type.reg' },
  { rule: 'CF011', file: 'cf011-module-path.reg' },
  { rule: 'CF012', file: 'cf012-module-not-dll.reg', policy: 2, modules: 'mscms' },
  { rule: 'CF013', file: 'cf013-module-empty.reg', policy: 2 },
  { rule: 'CF014', file: 'cf014-unknown-value.reg' },
  { rule: 'CF015', file: 'cf015-empty-key.reg' },
  { rule: 'CF016', file: 'cf016-directory-empty.reg' },
  { rule: 'CF017', file: 'cf017-directory-too-long.reg' },
  { rule: 'CF018', file: 'cf018-nested-key.reg' },
  { rule: 'CF019', file: 'cf019-stored-sourcedir.reg' },
  { rule: 'CF101', file: 'cf101-file-missing.reg' },
  { rule: 'CF102', file: 'cf102-file-case.reg' },
  { rule: 'CF103', file: 'cf103-module-unknown.reg', policy: 2 },
  { rule: 'CF104', file: 'cf104-policy-refuses.reg' },
  { rule: 'CF105', file: 'cf105-module-downloaded.reg', policy: 2 },
  { rule: 'CF106', file: 'cf106-executable-files.reg', policy: 2 },
  { rule: 'CF107', file: 'cf107-module-fails.reg', policy: 2, modules: 'fixtures' },
  { rule: 'CF108', file: 'cf108-module-escapes.reg', policy: 2, modules: 'fixtures' },
  { rule: 'CF109', file: 'cf109-copyfiles-empty.reg' },
  { rule: 'CF110', file: 'cf110-directory-missing.reg', policy: 2 },
  { rule: 'CF111', file: 'cf111-no-printers.reg' },
];

async function modulesFor(kind: Case['modules']): Promise<ModuleRegistry> {
  if (kind === 'fixtures') return ModuleRegistry.fromConfigFile(path.join(FIXTURES, 'modules/modules.json'));
  const registry = ModuleRegistry.withBuiltins();
  if (kind === 'mscms') {
    registry.register({
      name: 'mscms',
      generateCopyFilePaths: (i) => ({ status: 0, sourceDir: i.sourceDir, targetDir: i.targetDir }),
    });
  }
  return registry;
}

async function run(c: Case) {
  const input = await loadRegFileInput(path.join(FIXTURES, c.file), 'NTPRINT');
  const lookup = await openStoreLookup(path.join(FIXTURES, 'store'));
  return validate([{ ...input, lookup }], {
    modules: await modulesFor(c.modules),
    policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: c.policy ?? 1 },
    environments: DEFAULT_ENVIRONMENTS,
    logger: createSilentLogger(),
  });
}

describe('validate rules, one fixture each', () => {
  it('every rule has a case (the PK rules have theirs in package-rules.test.ts, CF112 its live server in live-server-input.test.ts)', () => {
    const covered = new Set([...CASES.map((c) => c.rule), 'CF112']);
    expect(Object.keys(ALL_RULES).filter((id) => !covered.has(id) && !id.startsWith('PK'))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.rule ?? 'no rule', c] as const))('%s', async (_name, c) => {
    const report = await run(c);
    const rules = [...new Set(report.findings.map((f) => f.rule))];
    expect(rules).toEqual(c.rule === undefined ? [] : [c.rule]);
    for (const f of report.findings) {
      expect(f.severity).toBe(ALL_RULES[f.rule]?.severity);
      expect(f.input).toContain(c.file);
    }
  });

  it('a finding names the printer, key, value and .reg line', async () => {
    const report = await run({ rule: 'CF003', file: 'cf003-file-leaves-directory.reg' });
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'CF003',
        severity: 'error',
        printer: 'Contoso',
        key: 'CopyFiles\\ICM',
        keyPath: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Contoso\\CopyFiles\\ICM',
        valueName: 'Files',
        location: { file: path.join(FIXTURES, 'cf003-file-leaves-directory.reg'), line: 11 },
      }),
    ]);
  });

  it('the policy finding goes away under CopyFilesPolicy 2, and 0 refuses even the ICM key', async () => {
    expect((await run({ rule: undefined, file: 'cf104-policy-refuses.reg', policy: 2 })).findings).toEqual([]);
    const none = await run({ rule: undefined, file: 'clean.reg', policy: 0 });
    expect(none.findings.map((f) => f.rule)).toEqual(['CF104']);
    expect(none.previews.every((p) => !p.downloads)).toBe(true);
  });

  it("a refused key does not stop the printer's other keys", async () => {
    const input = await loadRegFileInput(path.join(FIXTURES, 'regedit5-utf16.reg'), 'NTPRINT');
    const report = await validate([input], {
      modules: ModuleRegistry.withBuiltins(),
      policy: DEFAULT_POINT_AND_PRINT_POLICY,
      environments: DEFAULT_ENVIRONMENTS,
      logger: createSilentLogger(),
    });
    expect(report.findings.map((f) => [f.rule, f.key])).toEqual([['CF003', 'CopyFiles\\Bad']]);
    expect(report.previews.map((p) => [p.key, p.downloads])).toEqual([
      ['CopyFiles\\ICM', true],
      ['CopyFiles\\ICM', true],
    ]);
  });
});
