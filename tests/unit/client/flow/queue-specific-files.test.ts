/**
 * Step 6 on LabPrinter's CopyFiles\Fonts (Directory Fonts, Module recorder.dll on both machines),
 * under CopyFilesPolicy 2: what the client does after the engine planned the key — the directory
 * on disk, the downloads, the event log and SpoolerCopyFileEvent(COPYFILE_EVENT_FILES_CHANGED).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cachePrinterKeys } from '../../../../lib/client/flow/cache-printer-keys';
import { copyQueueSpecificFiles } from '../../../../lib/client/flow/queue-specific-files';
import { regMultiSz } from '../../../../lib/common/reg-value';
import { CopyFileEvent, CopyFilesPolicy } from '../../../../lib/point-and-print/constants';
import { ModuleRegistry } from '../../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../../lib/point-and-print/policy';
import { PRINTERS_KEY } from '../../../../lib/registry/registry-key';
import {
  createTestServer,
  recordingModule,
  type RecordedCall,
  type TestServer,
} from '../../../helpers/test-print-server';
import { openFlow } from './flow-steps';

const FONTS = 'C:\\Windows\\System32\\spool\\drivers\\Fonts';

describe('step 6: queue-specific files', () => {
  let t: TestServer;
  let calls: RecordedCall[];

  beforeEach(async () => {
    t = await createTestServer();
    calls = [];
  });

  async function step6(prepare?: (clientRoot: string) => Promise<void>) {
    const modules = ModuleRegistry.withBuiltins();
    modules.register(recordingModule('recorder.dll', calls));
    const opened = await openFlow(t, 'lab', {
      modules,
      policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: CopyFilesPolicy.ALL },
    });
    try {
      await prepare?.(opened.clientRoot);
      const keys = await cachePrinterKeys(opened.flow, opened.connection, opened.printer);
      const processed = await copyQueueSpecificFiles(
        opened.flow,
        opened.connection,
        opened.target,
        opened.printer,
        opened.client,
        keys,
      );
      return { ...opened, processed };
    } finally {
      await opened.flow.exit();
    }
  }

  it('downloads the files, logs them, and tells the module FILES_CHANGED', async () => {
    const { processed, events, clientRoot, client } = await step6();
    expect(processed.map((p) => p.record)).toEqual([
      {
        keyName: 'CopyFiles\\Fonts',
        module: 'recorder.dll',
        sourceDir: '\\\\NTPRINT\\PRINT$\\Fonts',
        targetDir: FONTS,
        files: ['lab.ttf'],
      },
    ]);
    expect(await fs.readFile(path.join(clientRoot, 'System32', 'spool', 'drivers', 'Fonts', 'lab.ttf'), 'utf8')).toBe(
      'font',
    );
    const after = events.slice(events.findIndex((e) => e.kind === 'step' && e.step === 6) + 1);
    expect(after.map((e) => e.kind)).toEqual([
      'policy',
      'GenerateCopyFilePaths',
      'download',
      'eventlog',
      'SpoolerCopyFileEvent',
      'call', // ClosePrinter, as the flow exits
    ]);
    expect(client.state.data.eventLog.map((e) => [e.channel, e.level])).toEqual([['System', 'Information']]);
    expect(calls.map((c) => [c.fn, c.event])).toEqual([
      ['GenerateCopyFilePaths', undefined],
      ['SpoolerCopyFileEvent', CopyFileEvent.COPYFILE_EVENT_FILES_CHANGED],
    ]);
  });

  it('logs the files it could not download, and tells the module nothing when no file changed', async () => {
    t.registry.getKey(`${PRINTERS_KEY}\\LabPrinter\\CopyFiles\\Fonts`)?.setValue(regMultiSz('Files', ['gone.ttf']));
    const { processed, client, flow } = await step6();
    expect(processed.map((p) => p.record.files)).toEqual([[]]);
    expect(flow.warnings).toEqual([expect.stringMatching(/^CopyFiles\\Fonts: gone\.ttf not downloaded: /)]);
    expect(client.state.data.eventLog.map((e) => [e.level, e.message])).toEqual([
      [
        'Warning',
        'Point and Print files gone.ttf for printer \\\\NTPRINT\\lab (CopyFiles\\Fonts) could not be downloaded.',
      ],
    ]);
    expect(calls.map((c) => c.fn)).toEqual(['GenerateCopyFilePaths']);
  });

  it('skips the key when its directory cannot be made on the client (a file of that name is there)', async () => {
    const { processed, flow } = await step6(async (root) => {
      await fs.writeFile(path.join(root, 'System32', 'spool', 'drivers', 'fonts'), 'not a directory');
    });
    expect(processed).toEqual([]);
    expect(flow.warnings).toEqual([
      `CopyFiles\\Fonts skipped: TargetDir "${FONTS}" refused: refused path "Fonts": "fonts" is a file on the client, not a directory`,
    ]);
    expect(calls.map((c) => c.fn)).toEqual(['GenerateCopyFilePaths']);
  });
});
