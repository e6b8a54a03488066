import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { CopyFileFlag } from '../../../lib/point-and-print/constants';
import type { CopyFilesKey } from '../../../lib/point-and-print/copy-files-key';
import { previewCopyFiles, type CopyFilesPreviewContext } from '../../../lib/point-and-print/copy-files-preview';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from '../../../lib/point-and-print/module';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { mscmsModule } from '../../../lib/point-and-print/mscms-module';

const DRIVERS = 'C:\\Windows\\System32\\spool\\drivers';
const KEY: CopyFilesKey = {
  keyName: 'CopyFiles\\ICM',
  component: 'ICM',
  directory: 'Color',
  files: ['a.icm'],
  module: 'x.dll',
};
const CTX: CopyFilesPreviewContext = {
  serverName: 'NTPRINT',
  printerName: 'HpColor',
  clientInfo: { size: 28, buildNum: 22631, majorVersion: 3, minorVersion: 0, processorArchitecture: 9 },
  driversDirectory: DRIVERS,
  logger: createSilentLogger(),
};

/** A module answering each side with `server` / `client` (default: the paths unchanged). */
function sided(
  server: (i: GenerateCopyFilePathsInput) => { status?: number; sourceDir?: string; targetDir?: string } = () => ({}),
  client: (i: GenerateCopyFilePathsInput) => { status?: number; sourceDir?: string; targetDir?: string } = () => ({}),
): PointAndPrintModule {
  return {
    name: 'x.dll',
    generateCopyFilePaths: (i) => ({
      status: 0,
      sourceDir: i.sourceDir,
      targetDir: i.targetDir,
      ...(i.flags === CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER ? server(i) : client(i)),
    }),
  };
}

describe('previewCopyFiles: the server then the client spooler, without a network', () => {
  it('mscms.dll: the files go from \\\\NTPRINT\\PRINT$\\Color to the client drivers directory', async () => {
    await expect(previewCopyFiles(KEY, mscmsModule, CTX)).resolves.toEqual({
      downloads: true,
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      storeDirectory: 'Color',
      targetDir: `${DRIVERS}\\Color`,
    });
  });

  it('the sample pathshift.dll: per-architecture SourceDir on the server, TargetDir on the client', async () => {
    const modules = await ModuleRegistry.fromConfigFile(
      path.resolve(__dirname, '../../../examples/modules/modules.json'),
    );
    const key = { ...KEY, directory: 'Watermarks', module: 'pathshift.dll' };
    const x86 = { ...CTX, clientInfo: { ...CTX.clientInfo, processorArchitecture: 0 } };
    await expect(previewCopyFiles(key, modules.get('pathshift.dll'), x86)).resolves.toEqual({
      downloads: true,
      sourceDir: '\\\\NTPRINT\\PRINT$\\Watermarks\\W32X86',
      storeDirectory: 'Watermarks\\W32X86',
      targetDir: `${DRIVERS}\\Watermarks\\W32X86`,
    });
  });

  it('a failing module, on either side', async () => {
    await expect(
      previewCopyFiles(
        KEY,
        sided(() => ({ status: 5 })),
        CTX,
      ),
    ).resolves.toEqual({
      downloads: false,
      side: 'server',
      refused: 'module',
      status: 5,
      error: 'the module returned ERROR_ACCESS_DENIED',
    });
    await expect(
      previewCopyFiles(
        KEY,
        sided(undefined, () => ({ status: 50 })),
        CTX,
      ),
    ).resolves.toMatchObject({
      downloads: false,
      side: 'client',
      refused: 'module',
      status: 50,
    });
  });

  it.each([
    ['server', sided(() => ({ sourceDir: '\\\\EVIL\\share' })), 'SourceDir "\\\\EVIL\\share" is not on PRINT$'],
    [
      'server',
      sided(() => ({ sourceDir: '\\\\NTPRINT\\PRINT$\\..\\x' })),
      'SourceDir "\\\\NTPRINT\\PRINT$\\..\\x" contains ".."',
    ],
    ['server', sided(() => ({ targetDir: 'D:\\x' })), 'TargetDir "D:\\x" names a drive'],
    [
      'client',
      sided(undefined, () => ({ targetDir: 'C:\\Windows\\Temp' })),
      `TargetDir "C:\\Windows\\Temp" leaves ${DRIVERS}`,
    ],
    [
      'client',
      sided(undefined, () => ({ sourceDir: '\\\\OTHER\\PRINT$\\Color' })),
      'SourceDir "\\\\OTHER\\PRINT$\\Color" names another server than NTPRINT',
    ],
  ])("paths refused after the %s's module", async (side, module, what) => {
    await expect(previewCopyFiles(KEY, module, CTX)).resolves.toEqual({
      downloads: false,
      side,
      refused: 'paths',
      what,
    });
  });
});
