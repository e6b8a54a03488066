/**
 * The server side of queue-specific files ("Download queue-specific files", seed 004): while
 * answering EnumPrinterDataEx on `CopyFiles\<name>` for a remote caller, the spooler loads the
 * key's Module (if any), calls its GenerateCopyFilePaths with
 *   (printer, Directory, &SplclientInfo1, 1, "\\SERVER\PRINT$\<Directory>", MAX_PATH,
 *    "<Directory>", MAX_PATH, COPYFILE_FLAG_SERVER_SPOOLER)
 * and returns SourceDir and TargetDir (REG_SZ) after the stored values. They are never stored.
 * SERVER is the name the client used in OpenPrinter (NetBIOS, DNS or IP), as Windows does.
 *
 * And the server half of SetPrinterDataEx / DeletePrinterDataEx on such a key:
 * SpoolerCopyFileEvent(COPYFILE_EVENT_SET_PRINTER_DATAEX).
 */
import { Win32Error } from '../common/errors';
import type { Logger } from '../common/logger';
import { regSz, type RegValue } from '../common/reg-value';
import { Win32ErrorCode } from '../common/status/win32-error';
import type { SplClientInfo1 } from '../spoolss/types';
import { CopyFileEvent, CopyFileFlag, MAX_PATH } from './constants';
import { readCopyFilesKey } from './copy-files-key';
import { SOURCE_DIR_VALUE, TARGET_DIR_VALUE, windowsServerPaths, withoutSyntheticPaths } from './copy-files-paths';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from './module';
import type { CopyFilePathsOutcome } from './module-calls';
import type { ModuleRegistry } from './module-registry';
import type { SpoolerTraceListener } from './spooler-trace';
import { tracedGenerateCopyFilePaths, tracedSpoolerCopyFileEvent } from './traced-module-calls';
import { sameWindowsName } from './windows-names';

/** What a module sees of the client: pMachineName and pUserName are NULLed ([D6]). */
export function moduleClientInfo(info: SplClientInfo1 | undefined): SplClientInfo1 {
  const base = info ?? { size: 28, buildNum: 0, majorVersion: 0, minorVersion: 0, processorArchitecture: 0 };
  return {
    size: base.size,
    buildNum: base.buildNum,
    majorVersion: base.majorVersion,
    minorVersion: base.minorVersion,
    processorArchitecture: base.processorArchitecture,
  };
}

export interface ServerModuleCall {
  /** The bare queue name (`HpColor`). */
  readonly printerName: string;
  /** The server name as the client wrote it. */
  readonly serverName: string;
  readonly directory: string;
  readonly clientInfo: SplClientInfo1 | undefined;
}

/** The server spooler's GenerateCopyFilePaths arguments for one key. */
export function serverModuleInput(call: ServerModuleCall): GenerateCopyFilePathsInput {
  const paths = windowsServerPaths(call.serverName, call.directory);
  return {
    printerName: call.printerName,
    directory: call.directory,
    clientInfo: moduleClientInfo(call.clientInfo),
    level: 1,
    sourceDir: paths.sourceDir,
    sourceDirSize: MAX_PATH,
    targetDir: paths.targetDir,
    targetDirSize: MAX_PATH,
    flags: CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
  };
}

/** GenerateCopyFilePaths(COPYFILE_FLAG_SERVER_SPOOLER) as the server spooler calls it, traced. */
export function generateServerCopyFilePaths(
  module: PointAndPrintModule | undefined,
  moduleName: string | undefined,
  call: ServerModuleCall,
  logger: Logger,
  trace?: SpoolerTraceListener,
): Promise<CopyFilePathsOutcome> {
  return tracedGenerateCopyFilePaths('server', moduleName, module, serverModuleInput(call), logger, trace);
}

export interface ServerCopyFilesContext {
  readonly printerName: string;
  /** The server name as the client wrote it. */
  readonly serverName: string;
  readonly clientInfo: SplClientInfo1 | undefined;
  readonly modules: ModuleRegistry;
  readonly logger: Logger;
  readonly trace?: SpoolerTraceListener;
}

/**
 * The values EnumPrinterDataEx returns for a CopyFiles key: the stored ones, then SourceDir and
 * TargetDir. A key without a usable Directory gets neither; a module that cannot load or fails
 * fails the enumeration of this key with its status (Win32Error).
 */
export async function serverCopyFilesValues(
  keyName: string,
  stored: readonly RegValue[],
  ctx: ServerCopyFilesContext,
): Promise<RegValue[]> {
  // A stored value of the same name would make the answer ambiguous: the synthetic one wins.
  const values = withoutSyntheticPaths(stored);
  const { key, problems } = readCopyFilesKey(keyName, [...stored]);
  for (const p of problems)
    ctx.logger.warn('CopyFiles key problem', { key: keyName, rule: p.rule, problem: p.message });
  if (!key) {
    ctx.logger.warn('CopyFiles key without a usable Directory: no SourceDir/TargetDir added', { key: keyName });
    return values;
  }
  const loaded = ctx.modules.load(key.module);
  if (!loaded.ok) {
    // The spooler could not load the DLL: the enumeration of this key fails, as any module failure does.
    throw new Win32Error(loaded.status, `${keyName}: ${loaded.error}`);
  }
  const call: ServerModuleCall = {
    printerName: ctx.printerName,
    serverName: ctx.serverName,
    directory: key.directory,
    clientInfo: ctx.clientInfo,
  };
  const result = await generateServerCopyFilePaths(loaded.module, key.module, call, ctx.logger, ctx.trace);
  if (!result.ok) {
    throw new Win32Error(
      result.status !== 0 ? result.status : Win32ErrorCode.ERROR_INVALID_DATA,
      `GenerateCopyFilePaths failed for ${keyName}${result.error ? `: ${String(result.error)}` : ''}`,
    );
  }
  ctx.logger.info('CopyFiles paths generated', {
    key: keyName,
    sourceDir: result.sourceDir,
    targetDir: result.targetDir,
  });
  return [...values, regSz(SOURCE_DIR_VALUE, result.sourceDir), regSz(TARGET_DIR_VALUE, result.targetDir)];
}

/** SpoolerCopyFileEvent(COPYFILE_EVENT_SET_PRINTER_DATAEX) on the key's module after a write. */
export async function notifyPrinterDataSet(
  keyName: string,
  stored: readonly RegValue[],
  ctx: Omit<ServerCopyFilesContext, 'serverName' | 'clientInfo'>,
): Promise<void> {
  const moduleValue = stored.find((v) => sameWindowsName(v.name, 'Module'));
  if (!moduleValue || typeof moduleValue.value !== 'string' || moduleValue.value.length === 0) return;
  const loaded = ctx.modules.load(moduleValue.value);
  if (!loaded.ok || !loaded.module) {
    // The write itself succeeded; a module that cannot load only misses its notification.
    ctx.logger.warn('CopyFiles module not available: SpoolerCopyFileEvent not raised', {
      key: keyName,
      module: moduleValue.value,
      ...(!loaded.ok && { error: loaded.error }),
    });
    return;
  }
  await tracedSpoolerCopyFileEvent(
    'server',
    {
      module: loaded.module,
      moduleName: moduleValue.value,
      printerName: ctx.printerName,
      key: keyName,
      event: CopyFileEvent.COPYFILE_EVENT_SET_PRINTER_DATAEX,
    },
    ctx.logger,
    ctx.trace,
  );
}
