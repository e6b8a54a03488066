/**
 * What a client of one environment would download for a CopyFiles key, and where, without a
 * network: the server spooler's GenerateCopyFilePaths (server-copy-files.ts) with that client's
 * SPLCLIENT_INFO_1, the server's paths checked as the client checks them (and SourceDir on PRINT$,
 * so the files can be looked up in the drivers store), then the client spooler's module call and
 * checks (client-copy-files.ts). `pointprint validate` reports from it; the policy is separate
 * (evaluateCopyFilesPolicy), since a preview shows the paths also for a key the policy refuses.
 */
import type { Logger } from '../common/logger';
import type { SplClientInfo1 } from '../spoolss/types';
import { generateClientCopyFilePaths } from './client-copy-files';
import type { CopyFilesKey } from './copy-files-key';
import type { PointAndPrintModule } from './module';
import { relativePathProblem, relativeToPrintShare } from './path-trust';
import { generateServerCopyFilePaths } from './server-copy-files';

export interface CopyFilesPreviewContext {
  readonly serverName: string;
  /** The bare queue name (`HpColor`). */
  readonly printerName: string;
  readonly clientInfo: SplClientInfo1;
  /** The client's `%SystemRoot%\System32\spool\drivers`. */
  readonly driversDirectory: string;
  readonly logger: Logger;
}

export type CopyFilesPreview =
  | {
      readonly downloads: true;
      /** After the server-side module. */
      readonly sourceDir: string;
      /** SourceDir relative to PRINT$: where the store has the files. */
      readonly storeDirectory: string;
      /** The full client path after the client-side module. */
      readonly targetDir: string;
    }
  /** A module's GenerateCopyFilePaths failed with `status`. */
  | {
      readonly downloads: false;
      readonly side: 'server' | 'client';
      readonly refused: 'module';
      readonly status: number;
      readonly error?: string;
    }
  /** The paths after a side's module are refused; `what` says which and why. */
  | { readonly downloads: false; readonly side: 'server' | 'client'; readonly refused: 'paths'; readonly what: string };

/** The server then the client spooler on `key`, with `module` standing for its Module on both machines. */
export async function previewCopyFiles(
  key: CopyFilesKey,
  module: PointAndPrintModule | undefined,
  ctx: CopyFilesPreviewContext,
): Promise<CopyFilesPreview> {
  const server = await generateServerCopyFilePaths(
    module,
    key.module,
    { printerName: ctx.printerName, serverName: ctx.serverName, directory: key.directory, clientInfo: ctx.clientInfo },
    ctx.logger,
  );
  if (!server.ok) {
    return {
      downloads: false,
      side: 'server',
      refused: 'module',
      status: server.status,
      ...(server.error !== undefined && { error: server.error }),
    };
  }
  const onShare = relativeToPrintShare(server.sourceDir, ctx.serverName);
  const targetProblem = relativePathProblem(server.targetDir);
  if (!onShare.ok)
    return {
      downloads: false,
      side: 'server',
      refused: 'paths',
      what: `SourceDir "${server.sourceDir}" ${onShare.detail}`,
    };
  if (targetProblem !== undefined)
    return {
      downloads: false,
      side: 'server',
      refused: 'paths',
      what: `TargetDir "${server.targetDir}" ${targetProblem}`,
    };

  const client = await generateClientCopyFilePaths(
    module,
    key.module,
    {
      printerUnc: `\\\\${ctx.serverName}\\${ctx.printerName}`,
      serverName: ctx.serverName,
      directory: key.directory,
      clientInfo: ctx.clientInfo,
      paths: { sourceDir: server.sourceDir, targetDir: server.targetDir },
      driversDirectory: ctx.driversDirectory,
    },
    ctx.logger,
  );
  if (!client.ok) {
    switch (client.refused) {
      case 'module':
        return {
          downloads: false,
          side: 'client',
          refused: 'module',
          status: client.status,
          ...(client.error !== undefined && { error: client.error }),
        };
      case 'source-dir':
        return {
          downloads: false,
          side: 'client',
          refused: 'paths',
          what: `SourceDir "${client.sourceDir}" ${client.detail}`,
        };
      case 'target-dir':
        return {
          downloads: false,
          side: 'client',
          refused: 'paths',
          what: `TargetDir "${client.targetDir}" leaves ${ctx.driversDirectory}`,
        };
    }
  }
  return {
    downloads: true,
    sourceDir: server.sourceDir,
    storeDirectory: onShare.relative,
    targetDir: client.targetDir,
  };
}
