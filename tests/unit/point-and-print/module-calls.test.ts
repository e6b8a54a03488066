import { Win32Error } from '../../../lib/common/errors';
import { createLogger } from '../../../lib/common/logger';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { CopyFileEvent, CopyFileFlag, MAX_PATH } from '../../../lib/point-and-print/constants';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from '../../../lib/point-and-print/module';
import { callGenerateCopyFilePaths, callSpoolerCopyFileEvent } from '../../../lib/point-and-print/module-calls';
import { mscmsModule } from '../../../lib/point-and-print/mscms-module';
import { PassThrough } from 'node:stream';

function captureLogger() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (c: Buffer) => lines.push(c.toString()));
  return { logger: createLogger({ level: 'debug', format: 'json', stream }), lines };
}

const input: GenerateCopyFilePathsInput = {
  printerName: 'HpColor',
  directory: 'Color',
  clientInfo: {
    size: 28,
    machineName: 'MYCLIENT',
    userName: 'alice',
    buildNum: 19045,
    majorVersion: 3,
    minorVersion: 0,
    processorArchitecture: 9,
  },
  level: 1,
  sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
  sourceDirSize: MAX_PATH,
  targetDir: 'Color',
  targetDirSize: MAX_PATH,
  flags: CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
};

const moduleReturning = (fn: PointAndPrintModule['generateCopyFilePaths']): PointAndPrintModule => ({
  name: 'test.dll',
  generateCopyFilePaths: fn,
});

describe('callGenerateCopyFilePaths', () => {
  it('no module: paths unchanged, ERROR_SUCCESS', async () => {
    const { logger } = captureLogger();
    await expect(callGenerateCopyFilePaths(undefined, input, logger)).resolves.toEqual({
      ok: true,
      status: 0,
      sourceDir: input.sourceDir,
      targetDir: 'Color',
    });
  });

  it('mscms.dll leaves the paths unchanged', async () => {
    const out = await callGenerateCopyFilePaths(mscmsModule, input, captureLogger().logger);
    expect(out).toEqual({ ok: true, status: 0, sourceDir: input.sourceDir, targetDir: 'Color' });
  });

  it('the module never sees pMachineName / pUserName, and cannot change the input', async () => {
    let seen: GenerateCopyFilePathsInput | undefined;
    const m = moduleReturning((i) => {
      seen = i;
      return { status: 0, sourceDir: i.sourceDir, targetDir: i.targetDir };
    });
    await callGenerateCopyFilePaths(m, input, captureLogger().logger);
    expect(seen?.clientInfo.machineName).toBeUndefined();
    expect(seen?.clientInfo.userName).toBeUndefined();
    expect(seen?.clientInfo.processorArchitecture).toBe(9);
    expect(Object.isFrozen(seen)).toBe(true);
  });

  it('a module that changes the paths', async () => {
    const m = moduleReturning((i) =>
      Promise.resolve({ status: 0, sourceDir: `${i.sourceDir}\\x64`, targetDir: i.targetDir }),
    );
    const out = await callGenerateCopyFilePaths(m, input, captureLogger().logger);
    expect(out).toMatchObject({ ok: true, sourceDir: '\\\\NTPRINT\\PRINT$\\Color\\x64' });
  });

  it('a module error status fails the key, keeps the input paths, and is logged', async () => {
    const { logger, lines } = captureLogger();
    const m = moduleReturning(() => ({ status: Win32ErrorCode.ERROR_ACCESS_DENIED, sourceDir: 'x', targetDir: 'y' }));
    const out = await callGenerateCopyFilePaths(m, input, logger);
    expect(out).toMatchObject({ ok: false, status: 5, sourceDir: input.sourceDir, targetDir: 'Color' });
    expect(lines.join('')).toContain('ERROR_ACCESS_DENIED');
  });

  it.each([
    [
      'throws an Error',
      () => {
        throw new Error('boom');
      },
      Win32ErrorCode.ERROR_GEN_FAILURE,
    ],
    [
      'throws a Win32Error',
      () => {
        throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED);
      },
      Win32ErrorCode.ERROR_NOT_SUPPORTED,
    ],
    ['rejects', () => Promise.reject(new Error('async boom')), Win32ErrorCode.ERROR_GEN_FAILURE],
    ['returns nothing', () => undefined as never, Win32ErrorCode.ERROR_INVALID_DATA],
    [
      'returns a string status',
      () => ({ status: '0', sourceDir: 'a', targetDir: 'b' }) as never,
      Win32ErrorCode.ERROR_INVALID_DATA,
    ],
    [
      'returns a non-string path',
      () => ({ status: 0, sourceDir: 5, targetDir: 'b' }) as never,
      Win32ErrorCode.ERROR_INVALID_DATA,
    ],
    [
      'returns an over-long SourceDir',
      () => ({ status: 0, sourceDir: 'x'.repeat(MAX_PATH), targetDir: 'Color' }),
      Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
    ],
    [
      'returns an over-long TargetDir',
      () => ({ status: 0, sourceDir: 'x', targetDir: 'y'.repeat(MAX_PATH) }),
      Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
    ],
  ] as [string, PointAndPrintModule['generateCopyFilePaths'], number][])(
    'a module that %s fails with the right status',
    async (_what, fn, status) => {
      const out = await callGenerateCopyFilePaths(moduleReturning(fn), input, captureLogger().logger);
      expect(out).toMatchObject({ ok: false, status, sourceDir: input.sourceDir, targetDir: 'Color' });
      expect(out.error).toEqual(expect.any(String));
    },
  );

  it('a path exactly filling its buffer (with the NUL) is accepted', async () => {
    const m = moduleReturning(() => ({ status: 0, sourceDir: 'x'.repeat(MAX_PATH - 1), targetDir: 'Color' }));
    expect((await callGenerateCopyFilePaths(m, input, captureLogger().logger)).ok).toBe(true);
  });

  it('a path with an embedded NUL is cut there', async () => {
    const m = moduleReturning(() => ({ status: 0, sourceDir: '\\\\S\\PRINT$\\A\0garbage', targetDir: 'Color' }));
    expect((await callGenerateCopyFilePaths(m, input, captureLogger().logger)).sourceDir).toBe('\\\\S\\PRINT$\\A');
  });

  it('a module that never answers times out with ERROR_TIMEOUT', async () => {
    const m = moduleReturning(() => new Promise(() => undefined));
    const out = await callGenerateCopyFilePaths(m, input, captureLogger().logger, { timeoutMs: 20 });
    expect(out).toMatchObject({ ok: false, status: Win32ErrorCode.ERROR_TIMEOUT });
  });

  it('input paths that do not fit the buffers are refused before the module runs', async () => {
    const fn = jest.fn();
    const out = await callGenerateCopyFilePaths(
      moduleReturning(fn),
      { ...input, sourceDirSize: 5 },
      captureLogger().logger,
    );
    expect(out).toMatchObject({ ok: false, status: Win32ErrorCode.ERROR_FILENAME_EXCED_RANGE });
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('callSpoolerCopyFileEvent', () => {
  const ev = CopyFileEvent.COPYFILE_EVENT_FILES_CHANGED;
  it('no module, or no export: TRUE', async () => {
    await expect(callSpoolerCopyFileEvent(undefined, 'P', 'CopyFiles\\ICM', ev, captureLogger().logger)).resolves.toBe(
      true,
    );
    await expect(
      callSpoolerCopyFileEvent(moduleReturning(jest.fn()), 'P', 'CopyFiles\\ICM', ev, captureLogger().logger),
    ).resolves.toBe(true);
  });
  it('passes the arguments and returns the BOOL', async () => {
    const spoolerCopyFileEvent = jest.fn().mockReturnValue(1);
    const m: PointAndPrintModule = { name: 'x.dll', generateCopyFilePaths: jest.fn(), spoolerCopyFileEvent };
    await expect(callSpoolerCopyFileEvent(m, '\\\\S\\P', 'CopyFiles\\ICM', ev, captureLogger().logger)).resolves.toBe(
      true,
    );
    expect(spoolerCopyFileEvent).toHaveBeenCalledWith('\\\\S\\P', 'CopyFiles\\ICM', 5);
  });
  it('FALSE, a throw and a rejection are all FALSE, logged', async () => {
    const { logger, lines } = captureLogger();
    for (const impl of [
      () => false,
      () => {
        throw new Error('x');
      },
      () => Promise.reject(new Error('y')),
    ]) {
      const m: PointAndPrintModule = { name: 'x.dll', generateCopyFilePaths: jest.fn(), spoolerCopyFileEvent: impl };
      await expect(callSpoolerCopyFileEvent(m, 'P', 'CopyFiles\\ICM', ev, logger)).resolves.toBe(false);
    }
    expect(lines.length).toBe(3);
  });
});
