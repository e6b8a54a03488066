import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { DEFAULT_ENVIRONMENTS } from '../../../lib/validate/client-environments';
import { VALIDATE_JSON_FORMAT, formatJsonReport } from '../../../lib/validate/report-json';
import { buildSarif } from '../../../lib/validate/report-sarif';
import { formatFinding, formatTextReport } from '../../../lib/validate/report-text';
import { ALL_RULES } from '../../../lib/validate/rules';
import { loadFixtureInput, loadRegFileInput } from '../../../lib/validate/validation-input';
import { validate } from '../../../lib/validate/validator';
import type { ValidationReport } from '../../../lib/validate/validator';

const FIXTURES = path.resolve(__dirname, '../../fixtures/validate');
const ROOT = path.resolve(__dirname, '../../..');

async function reportFor(file: string): Promise<ValidationReport> {
  const input = await loadRegFileInput(path.join(FIXTURES, file), 'NTPRINT');
  return validate([input], {
    modules: ModuleRegistry.withBuiltins(),
    policy: DEFAULT_POINT_AND_PRINT_POLICY,
    environments: DEFAULT_ENVIRONMENTS,
    logger: createSilentLogger(),
  });
}

describe('text report', () => {
  it('one finding per line, grouped by printer and key', async () => {
    const report = await reportFor('cf003-file-leaves-directory.reg');
    expect(formatFinding(report.findings[0]!)).toMatch(
      /^ERROR {3}CF003 CopyFiles\\ICM Files: "\.\.\\x\.dll" leaves its directory/,
    );
    const text = formatTextReport(report);
    expect(text).toContain('  Printer Contoso\n   CopyFiles\\ICM\n    ERROR   CF003 CopyFiles\\ICM Files:');
    expect(text).toContain('cf003-file-leaves-directory.reg:11]');
    expect(text.trimEnd().endsWith('1 error, 0 warnings, 0 notes')).toBe(true);
  });

  it('previews SourceDir and TargetDir per environment', async () => {
    const text = formatTextReport(await reportFor('clean.reg'));
    expect(text).toContain('CopyFiles\\ICM  Windows x64: downloads');
    expect(text).toContain('CopyFiles\\ICM  Windows NT x86: downloads');
    expect(text).toContain(
      '\\\\NTPRINT\\PRINT$\\Color\\good.icm -> C:\\Windows\\System32\\spool\\drivers\\Color\\good.icm',
    );
  });
});

describe('fixture folder with pathshift.dll', () => {
  it('previews per-architecture SourceDir and TargetDir after the modules', async () => {
    const input = await loadFixtureInput(path.join(FIXTURES, 'fixture-folder'));
    expect(input.serverName).toBe('PRNSRV01');
    const report = await validate([input], {
      modules: await ModuleRegistry.fromConfigFile(path.join(ROOT, 'examples/modules/modules.json')),
      policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 },
      environments: DEFAULT_ENVIRONMENTS,
      logger: createSilentLogger(),
    });
    expect(report.findings).toEqual([]);
    const vendor = report.previews.filter((p) => p.printer === 'Vendor');
    expect(vendor.map((p) => [p.environment, p.sourceDir, p.targetDir, p.files.map((f) => f.inStore)])).toEqual([
      [
        'Windows x64',
        '\\\\PRNSRV01\\PRINT$\\Vendor\\x64',
        'C:\\Windows\\System32\\spool\\drivers\\Vendor\\x64',
        [true],
      ],
      [
        'Windows NT x86',
        '\\\\PRNSRV01\\PRINT$\\Vendor\\W32X86',
        'C:\\Windows\\System32\\spool\\drivers\\Vendor\\W32X86',
        [true],
      ],
    ]);
  });

  it('under the default policy the pathshift key is skipped, with the reason', async () => {
    const input = await loadFixtureInput(path.join(FIXTURES, 'fixture-folder'));
    const report = await validate([input], {
      modules: await ModuleRegistry.fromConfigFile(path.join(ROOT, 'examples/modules/modules.json')),
      policy: DEFAULT_POINT_AND_PRINT_POLICY,
      environments: ['Windows x64'],
      logger: createSilentLogger(),
    });
    expect(report.findings.map((f) => [f.rule, f.printer, f.location?.line])).toEqual([['CF104', 'Vendor', 16]]);
    const vendor = report.previews.find((p) => p.printer === 'Vendor');
    expect(vendor?.downloads).toBe(false);
    expect(vendor?.reason).toContain('CopyFilesPolicy 1');
  });
});

describe('JSON and SARIF', () => {
  it('JSON carries the format, a summary and the findings', async () => {
    const doc = JSON.parse(formatJsonReport(await reportFor('cf003-file-leaves-directory.reg'))) as Record<
      string,
      unknown
    >;
    expect(doc.format).toBe(VALIDATE_JSON_FORMAT);
    expect(doc.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(doc.findings).toEqual([expect.objectContaining({ rule: 'CF003', valueName: 'Files' })]);
  });

  it('SARIF 2.1.0 with the rules and a physicalLocation on the .reg line', async () => {
    const report = await reportFor('regedit5-utf16.reg');
    const sarif = buildSarif(report, { baseDir: ROOT }) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(Object.keys(ALL_RULES).sort());
    expect((run.results[0]!.message as { text: string }).text).toContain('leaves its directory');
    expect(run.results).toEqual([
      {
        ruleId: 'CF003',
        ruleIndex: run.tool.driver.rules.findIndex((r) => r.id === 'CF003'),
        level: 'error',
        message: { text: (run.results[0]!.message as { text: string }).text },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'tests/fixtures/validate/regedit5-utf16.reg' },
              region: { startLine: 17 },
            },
            logicalLocations: [
              {
                fullyQualifiedName:
                  'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Contoso\\CopyFiles\\Bad\\Files',
              },
            ],
          },
        ],
      },
    ]);
  });

  it('info findings are SARIF notes; files outside the base dir become file: URIs', () => {
    const report: ValidationReport = {
      inputs: [{ label: '/elsewhere/x.reg', kind: 'reg-file', printers: [] }],
      policy: DEFAULT_POINT_AND_PRINT_POLICY,
      environments: [],
      findings: [{ rule: 'CF109', severity: 'info', message: 'm', input: '/elsewhere/x.reg' }],
      previews: [],
    };
    const sarif = buildSarif(report, { baseDir: ROOT }) as {
      runs: { results: { level: string; locations: unknown[] }[] }[];
    };
    expect(sarif.runs[0]!.results[0]).toMatchObject({
      level: 'note',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///elsewhere/x.reg' } } }],
    });
  });
});
