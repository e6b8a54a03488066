/**
 * The Point-and-Print module contract, mirroring winsplp.h:
 *
 *   DWORD GenerateCopyFilePaths(LPCWSTR pszPrinterName, LPCWSTR pszDirectory, LPBYTE pSplClientInfo,
 *       DWORD dwLevel, LPWSTR pszSourceDir, LPDWORD pcchSourceDirSize, LPWSTR pszTargetDir,
 *       LPDWORD pcchTargetDirSize, DWORD dwFlags);
 *   BOOL SpoolerCopyFileEvent(LPWSTR pszPrinterName, LPWSTR pszKey, DWORD dwCopyFileEvent);
 *
 * The in/out string buffers become inputs and results; the buffer sizes (in characters,
 * including the NUL) are passed so a module can respect them, and the caller checks them.
 */
import type { SplClientInfo1 } from '../spoolss/types';
import type { CopyFileEvent, CopyFileFlag } from './constants';

export interface GenerateCopyFilePathsInput {
  readonly printerName: string;
  readonly directory: string;
  readonly clientInfo: SplClientInfo1;
  /** Always 1. */
  readonly level: 1;
  readonly sourceDir: string;
  /** Size of the source buffer in characters, including the NUL. */
  readonly sourceDirSize: number;
  readonly targetDir: string;
  readonly targetDirSize: number;
  readonly flags: CopyFileFlag;
}

export interface GenerateCopyFilePathsResult {
  /** A Win32 error code; ERROR_SUCCESS (0) to accept. */
  readonly status: number;
  readonly sourceDir: string;
  readonly targetDir: string;
}

export interface PointAndPrintModule {
  /** The DLL file name it stands for, e.g. `mscms.dll` (matched case-insensitively). */
  readonly name: string;
  generateCopyFilePaths(
    input: GenerateCopyFilePathsInput,
  ): GenerateCopyFilePathsResult | Promise<GenerateCopyFilePathsResult>;
  spoolerCopyFileEvent?(printerName: string, key: string, event: CopyFileEvent): boolean | Promise<boolean>;
}
