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
import { Win32ErrorCode } from '../common/status/win32-error';
import { CopyFileEvent, CopyFileFlag, MAX_PATH } from '../point-and-print/constants';
import type { SplClientInfo1 } from '../spoolss/types';
import { callGenerateCopyFilePaths, callSpoolerCopyFileEvent } from '../point-and-print/module-calls';
import type { ModuleRegistry } from '../point-and-print/module-registry';
import { isCopyFilesKeyName, readCopyFilesKey } from '../point-and-print/copy-files-key';
import { regSz, type RegValue } from '../common/reg-value';
import { DRIVERS_SHARE } from '../spoolss/constants';
import type { SpoolerTraceListener } from '../point-and-print/spooler-trace';

/** `CopyFiles\<name>` exactly (one component below CopyFiles): the keys the spooler processes. */
export const isCopyFilesSubkey = isCopyFilesKeyName;

export const SOURCE_DIR_VALUE = 'SourceDir';
export const TARGET_DIR_VALUE = 'TargetDir';

/** What a module sees of the client: pMachineName and pUserName are NULLed ([D6]). */
export function clientInfoForModule(info: SplClientInfo1 | undefined): SplClientInfo1 {
  const base = info ?? { size: 28, buildNum: 0, majorVersion: 0, minorVersion: 0, processorArchitecture: 0 };
  return {
    size: base.size,
    buildNum: base.buildNum,
    majorVersion: base.majorVersion,
    minorVersion: base.minorVersion,
    processorArchitecture: base.processorArchitecture,
  };
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

/** The stored values of a CopyFiles key followed by the synthetic SourceDir and TargetDir. */
export async function addCopyFilesPaths(
  keyName: string,
  stored: readonly RegValue[],
  ctx: ServerCopyFilesContext,
): Promise<RegValue[]> {
  // A stored value of the same name would make the answer ambiguous: the synthetic one wins.
  const values = stored.filter((v) => !sameName(v.name, SOURCE_DIR_VALUE) && !sameName(v.name, TARGET_DIR_VALUE));
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
  const module = loaded.module;
  const input = {
    printerName: ctx.printerName,
    directory: key.directory,
    clientInfo: clientInfoForModule(ctx.clientInfo),
    level: 1 as const,
    sourceDir: `\\\\${ctx.serverName}\\${DRIVERS_SHARE}\\${key.directory}`,
    sourceDirSize: MAX_PATH,
    targetDir: key.directory,
    targetDirSize: MAX_PATH,
    flags: CopyFileFlag.COPYFILE_FLAG_SERVER_SPOOLER,
  };
  const result = await callGenerateCopyFilePaths(module, input, ctx.logger);
  ctx.trace?.({
    kind: 'GenerateCopyFilePaths',
    side: 'server',
    module: key.module,
    input,
    status: result.status,
    sourceDir: result.sourceDir,
    targetDir: result.targetDir,
  });
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
export async function raiseSetPrinterDataEvent(
  keyName: string,
  stored: readonly RegValue[],
  ctx: Omit<ServerCopyFilesContext, 'serverName' | 'clientInfo'>,
): Promise<void> {
  const moduleValue = stored.find((v) => sameName(v.name, 'Module'));
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
  const module = loaded.module;
  const event = CopyFileEvent.COPYFILE_EVENT_SET_PRINTER_DATAEX;
  const result = await callSpoolerCopyFileEvent(module, ctx.printerName, keyName, event, ctx.logger);
  ctx.trace?.({
    kind: 'SpoolerCopyFileEvent',
    side: 'server',
    module: moduleValue.value,
    printerName: ctx.printerName,
    key: keyName,
    event,
    result,
  });
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
