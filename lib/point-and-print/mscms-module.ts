/**
 * The built-in `mscms.dll` module — Microsoft ICM's Point-and-Print DLL. Per "Download
 * queue-specific files" (learn.microsoft.com print/download-queue-specific-files), its
 * GenerateCopyFilePaths leaves both paths unchanged and returns ERROR_SUCCESS on the server and on
 * the client; its SpoolerCopyFileEvent has nothing to do for our purposes and reports success.
 */
import { Win32ErrorCode } from '../common/status/win32-error';
import type { GenerateCopyFilePathsInput, GenerateCopyFilePathsResult, PointAndPrintModule } from './module';

export const MSCMS_MODULE_NAME = 'mscms.dll';

export const mscmsModule: PointAndPrintModule = {
  name: MSCMS_MODULE_NAME,
  generateCopyFilePaths(input: GenerateCopyFilePathsInput): GenerateCopyFilePathsResult {
    return { status: Win32ErrorCode.ERROR_SUCCESS, sourceDir: input.sourceDir, targetDir: input.targetDir };
  },
  spoolerCopyFileEvent(): boolean {
    return true;
  },
};
