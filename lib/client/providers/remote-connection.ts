/**
 * A PrintServerConnection to a remote spooler, whatever carries the bytes: DCE/RPC bind of
 * MS-RPRN on an open `\pipe\spoolss` (DESIGN.md step 2), or an RPC client already bound to
 * MS-PAR's IRemoteWinspool over TCP (remote-winspool.ts) with the opnums of that interface; the
 * remote provider over it, and the share reader that serves `\\SERVER\PRINT$\...`. The SMB2
 * connector (remote-connector.ts) opens the pipe and the shares over a socket; an in-process pipe
 * works the same way.
 */
import { createSilentLogger, type Logger } from '../../common/logger';
import { MSRPC_UUID_RPRN } from '../../rpc/constants';
import { RpcClient, type RpcClientOptions, type RpcPipeTransport } from '../../rpc/client/rpc-client';
import { RprnClient, type RprnClientOptions } from '../../rpc/rprn/client/rprn-client';
import type { ConnectionTransport, PrintServerConnection } from '../print-server-connection';
import { RemotePrintProvider } from './remote-print-provider';

export interface RemoteConnectionOptions {
  /** The server name as the client wrote it. */
  readonly serverName: string;
  /** An open `\pipe\spoolss`, where MS-RPRN is bound; or `bound`. */
  readonly spoolss?: RpcPipeTransport;
  /** An RPC client already bound (MS-PAR over TCP) and the opnums its interface gives the MS-RPRN messages. */
  readonly bound?: { readonly rpc: RpcClient; readonly opnums: NonNullable<RprnClientOptions['opnums']> };
  readonly files: PrintServerConnection['files'];
  /** For the trace. */
  readonly transport?: ConnectionTransport;
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
  if (options.bound !== undefined) {
    rpc = options.bound.rpc;
  } else if (options.spoolss !== undefined) {
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
  } else {
    throw new RangeError('openRemoteConnection needs a pipe or a bound RPC client');
  }
  const rprn = new RprnClient(rpc, {
    serverName: options.serverName,
    logger,
    ...(options.bound !== undefined && { opnums: options.bound.opnums }),
    ...(options.initialBufferSize !== undefined && { initialBufferSize: options.initialBufferSize }),
  });
  const provider = new RemotePrintProvider(rprn, options.serverName, logger);
  let closed = false;
  return {
    serverName: options.serverName,
    provider,
    rpc,
    files: options.files,
    ...(options.transport !== undefined && { transport: options.transport }),
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
