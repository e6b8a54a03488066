/**
 * A PrintServerConnection to a remote spooler, whatever carries the bytes: DCE/RPC bind of
 * MS-RPRN on an open `\pipe\spoolss` (DESIGN.md step 2), the remote provider over it, and the
 * share reader that serves `\\SERVER\PRINT$\...`. The SMB2 connector (remote-connector.ts) opens
 * the pipe and the shares over a socket; an in-process pipe works the same way.
 */
import { createSilentLogger, type Logger } from '../../common/logger';
import { MSRPC_UUID_RPRN } from '../../rpc/constants';
import { RpcClient, type RpcClientOptions, type RpcPipeTransport } from '../../rpc/client/rpc-client';
import { RprnClient } from '../../rpc/rprn/client/rprn-client';
import type { PrintServerConnection } from '../print-server-connection';
import { RemotePrintProvider } from './remote-print-provider';

export interface RemoteConnectionOptions {
  /** The server name as the client wrote it. */
  readonly serverName: string;
  /** An open `\pipe\spoolss`. */
  readonly spoolss: RpcPipeTransport;
  readonly files: PrintServerConnection['files'];
  readonly rpc?: Omit<RpcClientOptions, 'logger'>;
  /** RprnClient's first buffer size (0: the pure two-call size probe). */
  readonly initialBufferSize?: number;
  readonly logger?: Logger;
  /** Runs after the pipe is closed (log off, disconnect). */
  readonly onClose?: () => Promise<void>;
}

export interface RemotePrintServerConnection extends PrintServerConnection {
  readonly provider: RemotePrintProvider;
  readonly rpc: RpcClient;
}

export async function openRemoteConnection(options: RemoteConnectionOptions): Promise<RemotePrintServerConnection> {
  const logger = (options.logger ?? createSilentLogger()).child({
    component: 'remote-spooler',
    server: options.serverName,
  });
  let rpc: RpcClient;
  try {
    rpc = await RpcClient.bind(
      options.spoolss,
      { uuid: MSRPC_UUID_RPRN.uuid, version: MSRPC_UUID_RPRN.major, minor: MSRPC_UUID_RPRN.minor },
      { ...options.rpc, logger },
    );
  } catch (err) {
    await options.spoolss.close().catch(() => undefined);
    await options.onClose?.().catch(() => undefined);
    throw err;
  }
  const rprn = new RprnClient(rpc, {
    serverName: options.serverName,
    logger,
    ...(options.initialBufferSize !== undefined && { initialBufferSize: options.initialBufferSize }),
  });
  const provider = new RemotePrintProvider(rprn, options.serverName, logger);
  let closed = false;
  return {
    serverName: options.serverName,
    provider,
    rpc,
    files: options.files,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await provider.closeAll();
        await rpc.close();
      } finally {
        await options.onClose?.();
      }
    },
  };
}
