/**
 * The spooler's CopyFiles step, as print-server.ts calls it: EnumPrinterDataEx on
 * `CopyFiles\<name>` for a remote caller adds SourceDir and TargetDir after the module's
 * GenerateCopyFilePaths(COPYFILE_FLAG_SERVER_SPOOLER); SetPrinterDataEx / DeletePrinterDataEx on
 * such a key raise SpoolerCopyFileEvent(COPYFILE_EVENT_SET_PRINTER_DATAEX). The computation is
 * the Point-and-Print engine's (lib/point-and-print/server-copy-files.ts), shared with the client
 * and the validator; this file only keeps the spooler's names for it.
 */
import type { RegValue } from '../common/reg-value';
import { isCopyFilesKeyName } from '../point-and-print/copy-files-key';
import { SOURCE_DIR_VALUE, TARGET_DIR_VALUE } from '../point-and-print/copy-files-paths';
import {
  moduleClientInfo,
  notifyPrinterDataSet,
  serverCopyFilesValues,
  type ServerCopyFilesContext,
} from '../point-and-print/server-copy-files';

export type { ServerCopyFilesContext };
export { SOURCE_DIR_VALUE, TARGET_DIR_VALUE };

/** `CopyFiles\<name>` exactly (one component below CopyFiles): the keys the spooler processes. */
export const isCopyFilesSubkey = isCopyFilesKeyName;

/** What a module sees of the client: pMachineName and pUserName are NULLed ([D6]). */
export const clientInfoForModule = moduleClientInfo;

/** The stored values of a CopyFiles key followed by the synthetic SourceDir and TargetDir. */
export function addCopyFilesPaths(
  keyName: string,
  stored: readonly RegValue[],
  ctx: ServerCopyFilesContext,
): Promise<RegValue[]> {
  return serverCopyFilesValues(keyName, stored, ctx);
}

/** SpoolerCopyFileEvent(COPYFILE_EVENT_SET_PRINTER_DATAEX) on the key's module after a write. */
export function raiseSetPrinterDataEvent(
  keyName: string,
  stored: readonly RegValue[],
  ctx: Omit<ServerCopyFilesContext, 'serverName' | 'clientInfo'>,
): Promise<void> {
  return notifyPrinterDataSet(keyName, stored, ctx);
}
