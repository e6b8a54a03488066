/**
 * The client side of queue-specific files ("Download queue-specific files", seed 004), for one
 * `CopyFiles\<name>` key the client cached with the values the server returned:
 *
 *   1 the key's rules (copy-files-key.ts) on its own values, SourceDir/TargetDir set aside
 *   2 the client's CopyFilesPolicy
 *   3 SourceDir/TargetDir as sent, or derived as a Windows server would when the server sent
 *     neither (Samba); then checked (path-trust.ts)
 *   4 the client's *own* module for the key's Module value (never code a server names or sends),
 *     GenerateCopyFilePaths(printer, Directory, &SplclientInfo1, 1, SourceDir, MAX_PATH,
 *     "%SystemRoot%\System32\spool\drivers\<TargetDir>", MAX_PATH, COPYFILE_FLAG_CLIENT_SPOOLER)
 *   5 the module's paths checked again: SourceDir on the same server, TargetDir below spool\drivers
 *
 * A key that fails any of them is skipped with a warning and the others proceed. What is left
 * to the client flow is the I/O: the directory on disk, the downloads, the event log.
 */
import { PathEscapeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { RegValue } from '../common/reg-value';
import type { SplClientInfo1 } from '../spoolss/types';
import { CopyFileFlag, MAX_PATH } from './constants';
import type { CopyFilesClientListener } from './copy-files-events';
import { readCopyFilesKey, type CopyFilesKey } from './copy-files-key';
import {
  belowDriversDirectory,
  sentCopyFilesPaths,
  windowsServerPaths,
  withoutSyntheticPaths,
  type CopyFilesPaths,
} from './copy-files-paths';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from './module';
import type { ModuleRegistry } from './module-registry';
import { relativePathProblem, relativeToDriversDirectory, sourceDirProblem } from './path-trust';
import { evaluateCopyFilesPolicy, type PointAndPrintPolicy } from './policy';
import { moduleClientInfo } from './server-copy-files';
import type { SpoolerTraceListener } from './spooler-trace';
import { tracedGenerateCopyFilePaths } from './traced-module-calls';

export interface ClientModuleCall {
  /** The server-qualified printer name (`\\NTPRINT\HpColor`). */
  readonly printerUnc: string;
  /** The server name this connection reaches: SourceDir must stay on it. */
  readonly serverName: string;
  readonly directory: string;
  readonly clientInfo: SplClientInfo1;
  /** SourceDir and TargetDir (relative, as the server sent them), already checked. */
  readonly paths: CopyFilesPaths;
  /** The client's `%SystemRoot%\System32\spool\drivers`. */
  readonly driversDirectory: string;
}

export type ClientModuleResult =
  | {
      readonly ok: true;
      readonly sourceDir: string;
      /** The full client path the module returned. */
      readonly targetDir: string;
      /** Its part below the drivers directory. */
      readonly relativeTarget: string;
    }
  | { readonly ok: false; readonly refused: 'module'; readonly status: number; readonly error?: string }
  | { readonly ok: false; readonly refused: 'source-dir'; readonly sourceDir: string; readonly detail: string }
  | { readonly ok: false; readonly refused: 'target-dir'; readonly targetDir: string; readonly reason: string };

/** The client spooler's GenerateCopyFilePaths arguments for one key. */
export function clientModuleInput(call: ClientModuleCall): GenerateCopyFilePathsInput {
  return {
    printerName: call.printerUnc,
    directory: call.directory,
    clientInfo: moduleClientInfo(call.clientInfo),
    level: 1,
    sourceDir: call.paths.sourceDir,
    sourceDirSize: MAX_PATH,
    targetDir: belowDriversDirectory(call.driversDirectory, call.paths.targetDir),
    targetDirSize: MAX_PATH,
    flags: CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER,
  };
}

/** GenerateCopyFilePaths(COPYFILE_FLAG_CLIENT_SPOOLER), traced, and the paths it returns checked. */
export async function generateClientCopyFilePaths(
  module: PointAndPrintModule | undefined,
  moduleName: string | undefined,
  call: ClientModuleCall,
  logger: Logger,
  trace?: SpoolerTraceListener,
): Promise<ClientModuleResult> {
  const input = clientModuleInput(call);
  const result = await tracedGenerateCopyFilePaths('client', moduleName, module, input, logger, trace);
  if (!result.ok)
    return {
      ok: false,
      refused: 'module',
      status: result.status,
      ...(result.error !== undefined && { error: result.error }),
    };
  const detail = sourceDirProblem(result.sourceDir, call.serverName);
  if (detail) return { ok: false, refused: 'source-dir', sourceDir: result.sourceDir, detail };
  const target = relativeToDriversDirectory(call.driversDirectory, result.targetDir);
  if (!target.ok) {
    const reason = new PathEscapeError(target.path, target.detail).message;
    return { ok: false, refused: 'target-dir', targetDir: result.targetDir, reason };
  }
  return { ok: true, sourceDir: result.sourceDir, targetDir: result.targetDir, relativeTarget: target.relative };
}

export interface ClientCopyFilesContext {
  readonly printerUnc: string;
  readonly serverName: string;
  readonly clientInfo: SplClientInfo1;
  readonly policy: PointAndPrintPolicy;
  /** The client's own modules. */
  readonly modules: ModuleRegistry;
  readonly driversDirectory: string;
  readonly logger: Logger;
  /** Policy decisions, derived paths, module calls and warnings, in order. */
  readonly report: CopyFilesClientListener;
}

/** A key the client downloads: its files go from `sourceDir` to `targetDir`. */
export interface ClientCopyFilesPlan {
  readonly key: CopyFilesKey;
  readonly module: PointAndPrintModule | undefined;
  readonly sourceDir: string;
  /** The full client path (`C:\Windows\System32\spool\drivers\Color`). */
  readonly targetDir: string;
  /** Below the drivers directory (`Color`). */
  readonly relativeTarget: string;
}

/** The warning of a TargetDir the client refuses (also for a directory it cannot make on disk). */
export function targetDirRefusedWarning(keyName: string, targetDir: string, reason: string): string {
  return `${keyName} skipped: TargetDir "${targetDir}" refused: ${reason}`;
}

/** Steps 1-5 of the header for one cached key; undefined when the key is skipped (and reported). */
export async function planClientCopyFiles(
  keyName: string,
  values: readonly RegValue[],
  ctx: ClientCopyFilesContext,
): Promise<ClientCopyFilesPlan | undefined> {
  const skip = (message: string): undefined => {
    ctx.report({ kind: 'warning', message, key: keyName });
    return undefined;
  };
  const { key, problems } = readCopyFilesKey(keyName, withoutSyntheticPaths(values));
  for (const p of problems.filter((x) => x.severity !== 'info'))
    ctx.report({ kind: 'warning', message: `${keyName}: ${p.rule} ${p.message}`, key: keyName });
  if (!key) return skip(`${keyName} skipped: the key is not usable`);

  const decision = evaluateCopyFilesPolicy(ctx.policy, key);
  ctx.report({ kind: 'policy', subject: keyName, allowed: decision.allowed, reason: decision.reason });
  if (!decision.allowed) return skip(`${keyName} skipped by policy: ${decision.reason}`);

  const paths = serverPaths(keyName, key, values, ctx);
  if (!paths) return skip(`${keyName} skipped: the server sent only one of SourceDir and TargetDir`);
  const sourceProblem = sourceDirProblem(paths.sourceDir, ctx.serverName);
  if (sourceProblem) return skip(`${keyName} skipped: SourceDir "${paths.sourceDir}" ${sourceProblem}`);
  const targetProblem = relativePathProblem(paths.targetDir);
  if (targetProblem) return skip(`${keyName} skipped: TargetDir "${paths.targetDir}" ${targetProblem}`);

  const loaded = ctx.modules.load(key.module);
  if (!loaded.ok) return skip(`${keyName} skipped: ${loaded.error}`);
  const call: ClientModuleCall = {
    printerUnc: ctx.printerUnc,
    serverName: ctx.serverName,
    directory: key.directory,
    clientInfo: ctx.clientInfo,
    paths,
    driversDirectory: ctx.driversDirectory,
  };
  const result = await generateClientCopyFilePaths(loaded.module, key.module, call, ctx.logger, ctx.report);
  if (!result.ok) {
    switch (result.refused) {
      case 'module':
        return skip(
          `${keyName} skipped: GenerateCopyFilePaths returned ${result.status}${result.error ? ` (${result.error})` : ''}`,
        );
      case 'source-dir':
        return skip(`${keyName} skipped: the module's SourceDir "${result.sourceDir}" ${result.detail}`);
      case 'target-dir':
        return skip(targetDirRefusedWarning(keyName, result.targetDir, result.reason));
    }
  }
  return {
    key,
    module: loaded.module,
    sourceDir: result.sourceDir,
    targetDir: result.targetDir,
    relativeTarget: result.relativeTarget,
  };
}

/** SourceDir/TargetDir as the server sent them; derived when it sent neither; undefined when only one. */
function serverPaths(
  keyName: string,
  key: CopyFilesKey,
  values: readonly RegValue[],
  ctx: ClientCopyFilesContext,
): CopyFilesPaths | undefined {
  const sent = sentCopyFilesPaths(values);
  if (sent.sourceDir !== undefined && sent.targetDir !== undefined)
    return { sourceDir: sent.sourceDir, targetDir: sent.targetDir };
  if (sent.sourceDir !== undefined || sent.targetDir !== undefined) return undefined;
  // A server that is not Windows (Samba) adds neither value: derive them as a Windows server
  // does (\\SERVER\PRINT$\<Directory> and <Directory>), and say so in the trace.
  const derived = windowsServerPaths(ctx.serverName, key.directory);
  ctx.report({ kind: 'copyfiles-paths', key: keyName, ...derived, derived: true });
  ctx.logger.info('SourceDir/TargetDir derived', { key: keyName, ...derived });
  return derived;
}
