/**
 * Step 2: the remote provider connects to the server, through whichever connector the client was
 * given (in process, or the network: MS-PAR over TCP or MS-RPRN over \pipe\spoolss, files from
 * PRINT$). The connection is closed when the flow ends, whatever happened.
 */
import type { PrintServerConnection } from '../print-server-connection';
import type { ConnectionFlow } from './flow-context';
import type { PrinterTarget } from './parse-printer-name';

export async function connectToServer(flow: ConnectionFlow, target: PrinterTarget): Promise<PrintServerConnection> {
  flow.step(2, `connect to ${target.serverName}`);
  flow.emit({ kind: 'call', name: 'Connect', detail: `\\\\${target.serverName}` });
  const connection = await flow.options.connector(target.serverName, {
    ...(flow.options.credentials && { credentials: flow.options.credentials }),
    clientMachineName: flow.clientMachineName,
    logger: flow.logger,
  });
  if (connection.transport !== undefined) flow.emit({ kind: 'transport', ...connection.transport });
  flow.onExit(async () => {
    // A connection the server dropped cannot close cleanly; what the flow did stands.
    await connection
      .close()
      .catch((err: unknown) => flow.logger.warn('closing the connection failed', { err: String(err) }));
  });
  return connection;
}
