import { Win32Error } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import { regMultiSz, regSz } from '../../../lib/common/reg-value';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { CopyFileEvent, CopyFileFlag } from '../../../lib/point-and-print/constants';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from '../../../lib/point-and-print/module';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import {
  moduleClientInfo,
  notifyPrinterDataSet,
  serverCopyFilesValues,
  serverModuleInput,
  type ServerCopyFilesContext,
} from '../../../lib/point-and-print/server-copy-files';
import type { SpoolerTraceEvent } from '../../../lib/point-and-print/spooler-trace';

const CLIENT = {
  size: 28,
  machineName: '\\\\MYCLIENT',
  userName: 'alice',
  buildNum: 26100,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};
const ICM = [regSz('Directory', 'Color'), regMultiSz('Files', ['Hpclrlsr.icm']), regSz('Module', 'mscms.dll')];

function context(modules = ModuleRegistry.withBuiltins()): { ctx: ServerCopyFilesContext; trace: SpoolerTraceEvent[] } {
  const trace: SpoolerTraceEvent[] = [];
  return {
    ctx: {
      printerName: 'HpColor',
      serverName: 'NTPRINT',
      clientInfo: CLIENT,
      modules,
      logger: createSilentLogger(),
      trace: (e) => trace.push(e),
    },
    trace,
  };
}

const calls: GenerateCopyFilePathsInput[] = [];
const shifting: PointAndPrintModule = {
  name: 'shift.dll',
  generateCopyFilePaths: (input) => {
    calls.push(input);
    return { status: 0, sourceDir: `${input.sourceDir}\\x64`, targetDir: input.targetDir };
  },
  spoolerCopyFileEvent: () => false,
};

describe('the server side of CopyFiles', () => {
  beforeEach(() => calls.splice(0));

  it('gives a module the client without pMachineName and pUserName, and a default when there is none', () => {
    expect(moduleClientInfo(CLIENT)).toEqual({
      size: 28,
      buildNum: 26100,
      majorVersion: 10,
      minorVersion: 0,
      processorArchitecture: 9,
    });
    expect(moduleClientInfo(undefined)).toEqual({
      size: 28,
      buildNum: 0,
      majorVersion: 0,
      minorVersion: 0,
      processorArchitecture: 0,
    });
  });

  it('calls GenerateCopyFilePaths as the seed documents it', () => {
    expect(
      serverModuleInput({ printerName: 'HpColor', serverName: 'NTPRINT', directory: 'Color', clientInfo: CLIENT }),
    ).toEqual({
      printerName: 'HpColor',
      directory: 'Color',
      clientInfo: moduleClientInfo(CLIENT),
      level: 1,
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      sourceDirSize: 260,
      targetDir: 'Color',
      targetDirSize: 260,
      flags: CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
    });
  });

  it('appends SourceDir and TargetDir after the stored values, and traces the module call', async () => {
    const { ctx, trace } = context();
    const values = await serverCopyFilesValues('CopyFiles\\ICM', ICM, ctx);
    expect(values.map((v) => [v.name, v.value])).toEqual([
      ['Directory', 'Color'],
      ['Files', ['Hpclrlsr.icm']],
      ['Module', 'mscms.dll'],
      ['SourceDir', '\\\\NTPRINT\\PRINT$\\Color'],
      ['TargetDir', 'Color'],
    ]);
    expect(trace).toEqual([
      expect.objectContaining({ kind: 'GenerateCopyFilePaths', side: 'server', module: 'mscms.dll', status: 0 }),
    ]);
  });

  it("returns the module's paths, and a stored SourceDir/TargetDir never", async () => {
    const modules = ModuleRegistry.withBuiltins();
    modules.register(shifting);
    const stored = [...ICM.slice(0, 2), regSz('Module', 'shift.dll'), regSz('sourcedir', '\\\\EVIL\\x')];
    const values = await serverCopyFilesValues('CopyFiles\\ICM', stored, context(modules).ctx);
    expect(values.map((v) => [v.name, v.value])).toEqual([
      ['Directory', 'Color'],
      ['Files', ['Hpclrlsr.icm']],
      ['Module', 'shift.dll'],
      ['SourceDir', '\\\\NTPRINT\\PRINT$\\Color\\x64'],
      ['TargetDir', 'Color'],
    ]);
    expect(calls).toHaveLength(1);
  });

  it('adds nothing to a key without a usable Directory, and calls no module', async () => {
    const modules = ModuleRegistry.withBuiltins();
    modules.register(shifting);
    const stored = [regSz('Directory', '..\\..\\x'), regMultiSz('Files', ['a']), regSz('Module', 'shift.dll')];
    const values = await serverCopyFilesValues('CopyFiles\\X', stored, context(modules).ctx);
    expect(values).toEqual(stored);
    expect(calls).toEqual([]);
  });

  it('fails the key with ERROR_MOD_NOT_FOUND for a module it does not have, and with the status of a failing one', async () => {
    const unknown = [...ICM.slice(0, 2), regSz('Module', 'nope.dll')];
    await expect(serverCopyFilesValues('CopyFiles\\X', unknown, context().ctx)).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_MOD_NOT_FOUND,
    });
    const modules = ModuleRegistry.withBuiltins();
    modules.register({ name: 'deny.dll', generateCopyFilePaths: (i) => ({ ...i, status: 5 }) });
    const failing = [...ICM.slice(0, 2), regSz('Module', 'deny.dll')];
    const { ctx, trace } = context(modules);
    const err = await serverCopyFilesValues('CopyFiles\\X', failing, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect(err).toMatchObject({ win32: Win32ErrorCode.ERROR_ACCESS_DENIED });
    expect(trace).toEqual([expect.objectContaining({ kind: 'GenerateCopyFilePaths', status: 5 })]);
  });

  it('raises SpoolerCopyFileEvent(COPYFILE_EVENT_SET_PRINTER_DATAEX) on the Module after a write', async () => {
    const modules = ModuleRegistry.withBuiltins();
    modules.register(shifting);
    const { ctx, trace } = context(modules);
    await notifyPrinterDataSet('CopyFiles\\X', [regSz('module', 'shift.dll')], ctx);
    await notifyPrinterDataSet('CopyFiles\\X', [regSz('Module', 'nope.dll')], ctx);
    await notifyPrinterDataSet('CopyFiles\\X', [regSz('Directory', 'Color')], ctx);
    expect(trace).toEqual([
      {
        kind: 'SpoolerCopyFileEvent',
        side: 'server',
        module: 'shift.dll',
        printerName: 'HpColor',
        key: 'CopyFiles\\X',
        event: CopyFileEvent.COPYFILE_EVENT_SET_PRINTER_DATAEX,
        result: false,
      },
    ]);
  });
});
