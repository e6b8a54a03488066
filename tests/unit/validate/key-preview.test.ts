/**
 * The per-environment preview of one key (lib/validate/key-preview.ts) over the Point-and-Print
 * engine: what a client of each environment would download, the refusals it meets as CF107/CF108,
 * and the store lookups (CF101, CF102), against the fixture store in tests/fixtures/validate/store.
 */
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { CopyFileFlag } from '../../../lib/point-and-print/constants';
import type { CopyFilesKey } from '../../../lib/point-and-print/copy-files-key';
import type { GenerateCopyFilePathsInput } from '../../../lib/point-and-print/module';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { Registry } from '../../../lib/registry/registry-key';
import { DEFAULT_ENVIRONMENTS } from '../../../lib/validate/client-environments';
import type { KeyFinding, KeyPreview } from '../../../lib/validate/findings';
import { previewKey } from '../../../lib/validate/key-preview';
import { openStoreLookup } from '../../../lib/validate/validation-input';

const STORE = path.resolve(__dirname, '../../fixtures/validate/store');
const DRIVERS = 'C:\\Windows\\System32\\spool\\drivers';

async function run(
  key: CopyFilesKey,
  clientSide?: (i: GenerateCopyFilePathsInput) => Partial<GenerateCopyFilePathsInput>,
) {
  const modules = ModuleRegistry.withBuiltins();
  modules.register({
    name: 'client.dll',
    generateCopyFilePaths: (i) => ({
      status: 0,
      sourceDir: i.sourceDir,
      targetDir: i.targetDir,
      ...(i.flags === CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER ? clientSide?.(i) : {}),
    }),
  });
  modules.register({ name: 'deny.dll', generateCopyFilePaths: (i) => ({ ...i, status: 5 }) });
  const findings: KeyFinding[] = [];
  const previews: KeyPreview[] = [];
  await previewKey(
    {
      input: {
        label: 'test',
        kind: 'reg-file',
        registry: new Registry(),
        serverName: 'NTPRINT',
        lookup: await openStoreLookup(STORE),
      },
      printer: 'Contoso',
      key,
      at: { key: key.keyName, keyPath: `...\\Contoso\\${key.keyName}` },
      options: {
        modules,
        policy: DEFAULT_POINT_AND_PRINT_POLICY,
        environments: DEFAULT_ENVIRONMENTS,
        logger: createSilentLogger(),
      },
      report: (f) => findings.push(f),
      directoryMissing: false,
      policy: { allowed: true, reason: 'test policy' },
    },
    previews,
  );
  return { findings, previews };
}

const key = (module: string, files = ['good.icm']): CopyFilesKey => ({
  keyName: 'CopyFiles\\ICM',
  component: 'ICM',
  directory: 'Color',
  files,
  module,
});

describe('previewKey', () => {
  it('previews every environment, and finds each file in the store case-insensitively', async () => {
    const { findings, previews } = await run(key('mscms.dll', ['GOOD.icm', 'missing.icm']));
    expect(previews.map((p) => [p.environment, p.downloads, p.reason, p.sourceDir, p.targetDir])).toEqual(
      DEFAULT_ENVIRONMENTS.map((e) => [e, true, 'test policy', '\\\\NTPRINT\\PRINT$\\Color', `${DRIVERS}\\Color`]),
    );
    expect(previews[0]?.files).toEqual([
      {
        name: 'GOOD.icm',
        source: '\\\\NTPRINT\\PRINT$\\Color\\GOOD.icm',
        target: `${DRIVERS}\\Color\\GOOD.icm`,
        inStore: true,
      },
      {
        name: 'missing.icm',
        source: '\\\\NTPRINT\\PRINT$\\Color\\missing.icm',
        target: `${DRIVERS}\\Color\\missing.icm`,
        inStore: false,
      },
    ]);
    // Once per key, not once per environment.
    expect(findings.map((f) => f.rule)).toEqual(['CF102', 'CF101']);
  });

  it('a server-side failure is reported for every environment', async () => {
    const { findings, previews } = await run(key('deny.dll'));
    expect(findings.map((f) => [f.rule, f.environment])).toEqual(DEFAULT_ENVIRONMENTS.map((e) => ['CF107', e]));
    expect(
      previews.every(
        (p) => !p.downloads && /server-side GenerateCopyFilePaths failed \(ERROR_ACCESS_DENIED\)/.test(p.reason),
      ),
    ).toBe(true);
  });

  it('refuses, as the client does, a client-side module that moves SourceDir to another server (CF108, once)', async () => {
    const { findings, previews } = await run(key('client.dll'), () => ({ sourceDir: '\\\\OTHER\\PRINT$\\Color' }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'CF108',
        severity: 'error',
        message: `for ${DEFAULT_ENVIRONMENTS[0]}, the client-side module SourceDir "\\\\OTHER\\PRINT$\\Color" names another server than NTPRINT`,
      }),
    ]);
    expect(previews.map((p) => p.downloads)).toEqual(DEFAULT_ENVIRONMENTS.map(() => false));
  });

  it('accepts, as the client does, a client-side TargetDir below spool\\drivers with a trailing separator', async () => {
    const { findings, previews } = await run(key('client.dll'), (i) => ({ targetDir: `${i.targetDir}\\` }));
    expect(findings).toEqual([]);
    expect(previews[0]).toMatchObject({ downloads: true, targetDir: `${DRIVERS}\\Color\\` });
  });

  it('refuses a client-side TargetDir outside spool\\drivers', async () => {
    const { findings } = await run(key('client.dll'), () => ({ targetDir: 'C:\\Windows\\Temp' }));
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'CF108',
        `for ${DEFAULT_ENVIRONMENTS[0]}, the client-side module TargetDir "C:\\Windows\\Temp" leaves ${DRIVERS}`,
      ],
    ]);
  });
});
