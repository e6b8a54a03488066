import { cachePrinterKeys, keyNameProblem } from '../../../../lib/client/flow/cache-printer-keys';
import { ModuleRegistry } from '../../../../lib/point-and-print/module-registry';
import { regSz } from '../../../../lib/common/reg-value';
import { PRINTERS_KEY } from '../../../../lib/registry/registry-key';
import { createTestServer } from '../../../helpers/test-print-server';
import { openFlow } from './flow-steps';

describe('step 5: the printer keys', () => {
  it.each([
    ['CopyFiles', undefined],
    ['', 'empty name'],
    ['a\\b', 'contains a backslash'],
    ['bell\x07', 'contains a control character'],
    ['K'.repeat(256), 'longer than 255 characters'],
  ])('key name %j: %j', (name, problem) => {
    expect(keyNameProblem(name)).toBe(problem);
  });

  it('walks the keys depth-first and shows the SourceDir/TargetDir the server added', async () => {
    const t = await createTestServer();
    const { flow, connection, printer, events } = await openFlow(t, 'HpColor');
    try {
      const keys = await cachePrinterKeys(flow, connection, printer);
      expect(keys.map((k) => k.path)).toEqual(['PrinterDriverData', 'DsSpooler', 'CopyFiles', 'CopyFiles\\ICM']);
      expect(keys[3]?.values.map((v) => v.name)).toEqual(['Directory', 'Files', 'Module', 'SourceDir', 'TargetDir']);
      expect(events.filter((e) => e.kind === 'copyfiles-paths')).toEqual([
        { kind: 'copyfiles-paths', key: 'CopyFiles\\ICM', sourceDir: '\\\\NTPRINT\\PRINT$\\Color', targetDir: 'Color' },
      ]);
    } finally {
      await flow.exit();
    }
  });

  it('stops 16 keys deep, and a key the server cannot enumerate is left out with a warning', async () => {
    const modules = ModuleRegistry.withBuiltins();
    modules.register({ name: 'recorder.dll', generateCopyFilePaths: (i) => ({ ...i, status: 5 }) });
    const t = await createTestServer({ modules });
    const levels = Array.from({ length: 18 }, (_, i) => `L${i + 1}`);
    t.registry.createKey(`${PRINTERS_KEY}\\LabPrinter\\${levels.join('\\')}`).setValue(regSz('v', 'deep'));
    const { flow, connection, printer } = await openFlow(t, 'lab');
    try {
      const keys = await cachePrinterKeys(flow, connection, printer);
      // CopyFiles, not CopyFiles\Fonts; then L1 to L1\...\L16.
      expect(keys.map((k) => k.path)).toEqual([
        'CopyFiles',
        ...levels.slice(0, 16).map((_, i) => levels.slice(0, i + 1).join('\\')),
      ]);
      expect(flow.warnings).toEqual([
        expect.stringMatching(/^EnumPrinterDataEx\(CopyFiles\\Fonts\) failed: .*ERROR_ACCESS_DENIED/),
        `printer key ${levels.slice(0, 17).join('\\')} skipped: deeper or more keys than the client caches`,
      ]);
    } finally {
      await flow.exit();
    }
  });
});
