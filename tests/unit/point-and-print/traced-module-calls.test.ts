import { createSilentLogger } from '../../../lib/common/logger';
import { CopyFileEvent, CopyFileFlag, MAX_PATH } from '../../../lib/point-and-print/constants';
import type { PointAndPrintModule } from '../../../lib/point-and-print/module';
import type { SpoolerTraceEvent } from '../../../lib/point-and-print/spooler-trace';
import {
  tracedGenerateCopyFilePaths,
  tracedSpoolerCopyFileEvent,
} from '../../../lib/point-and-print/traced-module-calls';

const input = {
  printerName: '\\\\NTPRINT\\HpColor',
  directory: 'Color',
  clientInfo: { size: 28, buildNum: 1, majorVersion: 3, minorVersion: 0, processorArchitecture: 9 },
  level: 1 as const,
  sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
  sourceDirSize: MAX_PATH,
  targetDir: 'C:\\Windows\\System32\\spool\\drivers\\Color',
  targetDirSize: MAX_PATH,
  flags: CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER,
};

const throwing: PointAndPrintModule = {
  name: 'Boom.DLL',
  generateCopyFilePaths: () => {
    throw new Error('boom');
  },
  spoolerCopyFileEvent: () => {
    throw new Error('boom');
  },
};

describe('module calls with their trace', () => {
  it('reports a GenerateCopyFilePaths call after it returns, failed or not, under the key’s Module name', async () => {
    const trace: SpoolerTraceEvent[] = [];
    const out = await tracedGenerateCopyFilePaths('client', 'boom.dll', throwing, input, createSilentLogger(), (e) =>
      trace.push(e),
    );
    expect(out.ok).toBe(false);
    expect(trace).toEqual([
      {
        kind: 'GenerateCopyFilePaths',
        side: 'client',
        module: 'boom.dll',
        input,
        status: out.status,
        sourceDir: input.sourceDir,
        targetDir: input.targetDir,
      },
    ]);
  });

  it('reports SpoolerCopyFileEvent with its BOOL result; no trace listener is fine', async () => {
    const trace: SpoolerTraceEvent[] = [];
    const call = {
      module: throwing,
      moduleName: 'boom.dll',
      printerName: 'HpColor',
      key: 'CopyFiles\\ICM',
      event: CopyFileEvent.COPYFILE_EVENT_FILES_CHANGED,
    };
    await expect(tracedSpoolerCopyFileEvent('server', call, createSilentLogger(), (e) => trace.push(e))).resolves.toBe(
      false,
    );
    await expect(tracedSpoolerCopyFileEvent('server', call, createSilentLogger(), undefined)).resolves.toBe(false);
    expect(trace).toEqual([
      {
        kind: 'SpoolerCopyFileEvent',
        side: 'server',
        module: 'boom.dll',
        printerName: 'HpColor',
        key: 'CopyFiles\\ICM',
        event: CopyFileEvent.COPYFILE_EVENT_FILES_CHANGED,
        result: false,
      },
    ]);
  });
});
