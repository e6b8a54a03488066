import path from 'node:path';
import fs from 'fs-extra';
import tmp from 'tmp';
import { ConfigError } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { CopyFileFlag, MAX_PATH, ProcessorArchitecture } from '../../../lib/point-and-print/constants';
import type { GenerateCopyFilePathsInput } from '../../../lib/point-and-print/module';
import { callGenerateCopyFilePaths } from '../../../lib/point-and-print/module-calls';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';

const EXAMPLES = path.resolve(__dirname, '../../../examples/modules/modules.json');

function writeConfig(files: Record<string, string>, modules: Record<string, unknown>): string {
  const dir = tmp.dirSync({ unsafeCleanup: true }).name;
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const config = path.join(dir, 'modules.json');
  fs.writeFileSync(config, JSON.stringify({ modules }));
  return config;
}

describe('ModuleRegistry', () => {
  it('has mscms.dll built in, case-insensitively', () => {
    const r = ModuleRegistry.withBuiltins();
    expect(r.names()).toEqual(['mscms.dll']);
    expect(r.get('MSCMS.DLL')?.name).toBe('mscms.dll');
    expect(r.get('other.dll')).toBeUndefined();
  });

  it('a Module value that is a path is never resolved', () => {
    const r = ModuleRegistry.withBuiltins();
    expect(r.get('C:\\Windows\\System32\\mscms.dll')).toBeUndefined();
    expect(r.get('..\\mscms.dll')).toBeUndefined();
    expect(r.load('\\\\evil\\share\\mscms.dll')).toMatchObject({
      ok: false,
      status: Win32ErrorCode.ERROR_MOD_NOT_FOUND,
    });
  });

  it('load: no Module is fine, an unknown one is ERROR_MOD_NOT_FOUND', () => {
    const r = ModuleRegistry.withBuiltins();
    expect(r.load(undefined)).toEqual({ ok: true });
    expect(r.load('mscms.dll')).toMatchObject({ ok: true, module: { name: 'mscms.dll' } });
    expect(r.load('pathshift.dll')).toMatchObject({ ok: false, status: Win32ErrorCode.ERROR_MOD_NOT_FOUND });
  });

  it('refuses to register a module whose name is a path', () => {
    expect(() =>
      ModuleRegistry.withBuiltins().register({ name: 'a\\b.dll', generateCopyFilePaths: jest.fn() }),
    ).toThrow(ConfigError);
  });

  it('loads the sample pathshift.dll from examples/modules', async () => {
    const r = await ModuleRegistry.fromConfigFile(EXAMPLES, createSilentLogger());
    expect(r.names().sort()).toEqual(['mscms.dll', 'pathshift.dll']);
    expect(r.get('PathShift.DLL')).toBeDefined();
  });

  it.each([
    ['a missing file', {}, { 'x.dll': './missing.js' }],
    ['a module without generateCopyFilePaths', { 'm.js': 'module.exports = { name: "m" };' }, { 'm.dll': './m.js' }],
    [
      'a module whose spoolerCopyFileEvent is not a function',
      { 'm.js': 'module.exports = { generateCopyFilePaths() {}, spoolerCopyFileEvent: 1 };' },
      { 'm.dll': './m.js' },
    ],
    ['a module file that throws on load', { 'm.js': 'throw new Error("load failure");' }, { 'm.dll': './m.js' }],
    [
      'a name that is a path',
      { 'm.js': 'module.exports = { generateCopyFilePaths() {} };' },
      { 'C:\\m.dll': './m.js' },
    ],
    ['a target that is not a string', {}, { 'm.dll': 5 }],
  ])('ConfigError for %s', async (_what, files, modules) => {
    await expect(ModuleRegistry.fromConfigFile(writeConfig(files, modules))).rejects.toThrow(ConfigError);
  });

  it('ConfigError for a config that is not JSON or lacks "modules"', async () => {
    const dir = tmp.dirSync({ unsafeCleanup: true }).name;
    fs.writeFileSync(path.join(dir, 'a.json'), '{ nope');
    fs.writeFileSync(path.join(dir, 'b.json'), '{"mods": {}}');
    await expect(ModuleRegistry.fromConfigFile(path.join(dir, 'a.json'))).rejects.toThrow(ConfigError);
    await expect(ModuleRegistry.fromConfigFile(path.join(dir, 'b.json'))).rejects.toThrow(ConfigError);
    await expect(ModuleRegistry.fromConfigFile(path.join(dir, 'none.json'))).rejects.toThrow(ConfigError);
  });

  it('accepts a default export, resolved relative to the config file', async () => {
    const config = writeConfig(
      {
        'd.js':
          'exports.default = { generateCopyFilePaths: (i) => ({ status: 0, sourceDir: i.sourceDir + "\\\\d", targetDir: i.targetDir }) };',
      },
      { 'd.dll': './d.js' },
    );
    const r = await ModuleRegistry.fromConfigFile(config);
    const m = r.get('d.dll');
    const out = await callGenerateCopyFilePaths(
      m,
      baseInput(CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER, 9),
      createSilentLogger(),
    );
    expect(out.sourceDir).toBe('\\\\NTPRINT\\PRINT$\\Vendor\\d');
  });
});

function baseInput(flags: CopyFileFlag, arch: number, targetDir = 'Vendor'): GenerateCopyFilePathsInput {
  return {
    printerName: 'Vendor',
    directory: 'Vendor',
    clientInfo: { size: 28, buildNum: 22631, majorVersion: 3, minorVersion: 0, processorArchitecture: arch },
    level: 1,
    sourceDir: '\\\\NTPRINT\\PRINT$\\Vendor',
    sourceDirSize: MAX_PATH,
    targetDir,
    targetDirSize: MAX_PATH,
    flags,
  };
}

describe('examples/modules/pathshift.js', () => {
  let registry: ModuleRegistry;
  beforeAll(async () => {
    registry = await ModuleRegistry.fromConfigFile(EXAMPLES);
  });
  const logger = createSilentLogger();

  it.each([
    [ProcessorArchitecture.PROCESSOR_ARCHITECTURE_AMD64, 'x64'],
    [ProcessorArchitecture.PROCESSOR_ARCHITECTURE_INTEL, 'W32X86'],
    [ProcessorArchitecture.PROCESSOR_ARCHITECTURE_ARM64, 'ARM64'],
  ])('server side: architecture %d adds \\%s to SourceDir only', async (arch, sub) => {
    const out = await callGenerateCopyFilePaths(
      registry.get('pathshift.dll'),
      baseInput(CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER, arch),
      logger,
    );
    expect(out).toEqual({ ok: true, status: 0, sourceDir: `\\\\NTPRINT\\PRINT$\\Vendor\\${sub}`, targetDir: 'Vendor' });
  });

  it('client side: TargetDir gets the subdirectory, SourceDir is kept', async () => {
    const input = {
      ...baseInput(CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER, 9, 'C:\\Windows\\System32\\spool\\drivers\\Vendor'),
    };
    const out = await callGenerateCopyFilePaths(registry.get('pathshift.dll'), input, logger);
    expect(out).toEqual({
      ok: true,
      status: 0,
      sourceDir: input.sourceDir,
      targetDir: 'C:\\Windows\\System32\\spool\\drivers\\Vendor\\x64',
    });
  });

  it('an unknown architecture is ERROR_NOT_SUPPORTED, handled without a throw', async () => {
    const out = await callGenerateCopyFilePaths(
      registry.get('pathshift.dll'),
      baseInput(CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER, 42),
      logger,
    );
    expect(out).toMatchObject({ ok: false, status: Win32ErrorCode.ERROR_NOT_SUPPORTED });
  });

  it('a path that would overrun its buffer is ERROR_INSUFFICIENT_BUFFER', async () => {
    const input = {
      ...baseInput(CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER, 9),
      sourceDirSize: '\\\\NTPRINT\\PRINT$\\Vendor'.length + 2,
    };
    const out = await callGenerateCopyFilePaths(registry.get('pathshift.dll'), input, logger);
    expect(out).toMatchObject({ ok: false, status: Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER });
  });
});
