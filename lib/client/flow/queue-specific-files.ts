/**
 * Step 6: each cached `CopyFiles\<name>` key through the Point-and-Print engine
 * (lib/point-and-print/client-copy-files.ts: the key's rules, the client's CopyFilesPolicy,
 * SourceDir/TargetDir as sent or derived, the client's own module with
 * COPYFILE_FLAG_CLIENT_SPOOLER, every path checked); then what is the client's own: the target
 * directory on disk, the download of every Files entry from SourceDir, an event-log entry, and
 * SpoolerCopyFileEvent(COPYFILE_EVENT_FILES_CHANGED) when files did change. A key that fails is
 * skipped with a warning; the others proceed.
 */
import { isDiskFull } from '../../common/file-system-errors';
import { CopyFileEvent } from '../../point-and-print/constants';
import {
  planClientCopyFiles,
  targetDirRefusedWarning,
  type ClientCopyFilesPlan,
} from '../../point-and-print/client-copy-files';
import { isCopyFilesKeyName, type CopyFilesKey } from '../../point-and-print/copy-files-key';
import type { PointAndPrintModule } from '../../point-and-print/module';
import type { CopyFilesRecord } from '../client-state';
import type { PrintServerConnection } from '../print-server-connection';
import type { CachedKey } from './cache-printer-keys';
import { raiseCopyFileEvent } from './copy-file-event';
import { errorText, type ConnectionFlow } from './flow-context';
import type { LocalClient } from './local-client';
import type { OpenedPrinter } from './open-printer';
import type { PrinterTarget } from './parse-printer-name';

export interface ProcessedCopyFilesKey {
  readonly key: CopyFilesKey;
  readonly module: PointAndPrintModule | undefined;
  readonly record: CopyFilesRecord;
}

export async function copyQueueSpecificFiles(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  target: PrinterTarget,
  printer: OpenedPrinter,
  client: LocalClient,
  keys: readonly CachedKey[],
): Promise<ProcessedCopyFilesKey[]> {
  flow.step(6, 'queue-specific files (CopyFiles keys)');
  const processed: ProcessedCopyFilesKey[] = [];
  for (const cached of keys.filter((key) => isCopyFilesKeyName(key.path))) {
    const plan = await planClientCopyFiles(cached.path, cached.values, {
      printerUnc: target.printerUnc,
      serverName: connection.serverName,
      clientInfo: printer.clientInfo,
      policy: client.policy,
      modules: flow.modules,
      driversDirectory: flow.paths.driversWindowsPath,
      logger: flow.logger,
      report: flow.report,
    });
    if (!plan) continue;
    const done = await downloadKey(flow, connection, target, client, plan);
    if (done) processed.push(done);
  }
  return processed;
}

/** The files of one planned key, from SourceDir into its directory below spool\drivers. */
async function downloadKey(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  target: PrinterTarget,
  client: LocalClient,
  plan: ClientCopyFilesPlan,
): Promise<ProcessedCopyFilesKey | undefined> {
  const { key, module } = plan;
  const keyName = key.keyName;
  let dir: string;
  try {
    dir = await flow.paths.directoryFor(plan.relativeTarget);
  } catch (err) {
    flow.warn(targetDirRefusedWarning(keyName, plan.targetDir, errorText(err)), keyName);
    return undefined;
  }
  const downloaded: string[] = [];
  for (const file of key.files) {
    const source = `${plan.sourceDir.replace(/\\+$/, '')}\\${file}`;
    try {
      const { size, stream } = await connection.files.openRead(source);
      const written = await flow.paths.writeFileAtomically(dir, file, stream, size, source);
      flow.written.push(written);
      downloaded.push(file);
      flow.emit({
        kind: 'download',
        what: 'copyfiles',
        source,
        target: `${plan.targetDir}\\${file}`,
        path: written,
        size,
      });
    } catch (err) {
      // A full disk stops the whole run; another file's failure skips that file.
      if (isDiskFull(err)) throw err;
      flow.warn(`${keyName}: ${file} not downloaded: ${errorText(err)}`, keyName);
    }
  }
  // No documented event ID for these entries (older Windows logged them in the System log).
  const printerUnc = target.printerUnc;
  const missing = key.files.filter((f) => !downloaded.includes(f));
  if (downloaded.length > 0) {
    flow.logEvent(client.state, {
      channel: 'System',
      level: 'Information',
      message: `Point and Print files ${downloaded.join(', ')} for printer ${printerUnc} (${keyName}) were downloaded to ${plan.targetDir}.`,
    });
  }
  if (missing.length > 0) {
    flow.logEvent(client.state, {
      channel: 'System',
      level: 'Warning',
      message: `Point and Print files ${missing.join(', ')} for printer ${printerUnc} (${keyName}) could not be downloaded.`,
    });
  }
  // The module hears FILES_CHANGED only when files did change.
  if (module && downloaded.length > 0)
    await raiseCopyFileEvent(flow, module, key, printerUnc, CopyFileEvent.COPYFILE_EVENT_FILES_CHANGED);
  return {
    key,
    module,
    record: {
      keyName,
      ...(key.module !== undefined && { module: key.module }),
      sourceDir: plan.sourceDir,
      targetDir: plan.targetDir,
      files: downloaded,
    },
  };
}
