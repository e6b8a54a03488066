/**
 * The remote connector (DESIGN.md step 2): SMB2 NEGOTIATE and SESSION_SETUP to the server,
 * TREE_CONNECT IPC$, CREATE `spoolss`, DCE/RPC bind of MS-RPRN; PRINT$ reads on their own tree
 * of the same session. What Windows' client does through win32spl and the SMB redirector.
 *
 * The server name is resolved through DNS, unless `address` says where it listens (tests, a
 * server on another port). The identity is the connect call's credentials, else the connector's,
 * else a guest logon.
 */
import { createSilentLogger, type Logger } from '../../common/logger';
import type { RpcClientOptions } from '../../rpc/client/rpc-client';
import { Smb2Client, type Smb2ClientOptions, type Smb2Credentials } from '../../smb2/client/smb2-client';
import type { PrintServerConnector } from '../print-server-connection';
import { openRemoteConnection } from './remote-connection';
import { createShareFileReader, win32FromNtStatus } from './remote-share-files';

export interface RemoteConnectorOptions {
  /** Where the server listens; the server name and port 445 when absent. */
  readonly address?: { readonly host: string; readonly port: number };
  /** Used when the connect call carries no credentials. */
  readonly credentials?: Smb2Credentials;
  readonly logger?: Logger;
  readonly smb2?: Partial<Omit<Smb2ClientOptions, 'host' | 'port' | 'logger'>>;
  readonly rpc?: Omit<RpcClientOptions, 'logger'>;
  /**
   * RprnClient's first buffer size; DEFAULT_FIRST_BUFFER by default, 0 for the pure two-call size
   * probe (which makes the server run a CopyFiles key's module twice).
   */
  readonly initialBufferSize?: number;
}

export const SMB2_PORT = 445;
/**
 * DEVIATION: how large a first buffer Windows' remote provider offers is not documented. We offer
 * 4 KiB, enough for a printer's keys and CopyFiles values, so the common case is one round trip and
 * the server's GenerateCopyFilePaths runs once per key, as in the seed's sequence.
 */
export const DEFAULT_FIRST_BUFFER = 4096;
const SPOOLSS_PIPE = 'spoolss';

export function createRemoteConnector(options: RemoteConnectorOptions = {}): PrintServerConnector {
  return async (serverName, connectOptions) => {
    const logger = (connectOptions.logger ?? options.logger ?? createSilentLogger()).child({
      component: 'remote-connector',
      server: serverName,
    });
    const host = options.address?.host ?? serverName;
    const port = options.address?.port ?? SMB2_PORT;
    const credentials: Smb2Credentials = connectOptions.credentials
      ? {
          user: connectOptions.credentials.userName,
          password: connectOptions.credentials.password,
          ...(connectOptions.credentials.domain !== undefined && { domain: connectOptions.credentials.domain }),
          ...(connectOptions.clientMachineName !== undefined && { workstation: connectOptions.clientMachineName }),
        }
      : (options.credentials ?? { user: 'Guest', password: '' });
    logger.info('connecting', { host, port, user: credentials.user });
    const client = await Smb2Client.connect({ ...options.smb2, host, port, serverName, logger });
    try {
      const session = await client.login(credentials);
      const ipc = await session.treeConnect('IPC$');
      const pipe = await ipc.openPipe(SPOOLSS_PIPE);
      const shares = createShareFileReader(session, serverName, logger);
      return await openRemoteConnection({
        serverName,
        spoolss: pipe,
        files: shares.files,
        logger,
        ...(options.rpc !== undefined && { rpc: options.rpc }),
        initialBufferSize: options.initialBufferSize ?? DEFAULT_FIRST_BUFFER,
        onClose: async () => {
          await shares.close();
          await ipc
            .disconnect()
            .catch((err: unknown) => logger.debug('IPC$ disconnect failed', { error: String(err) }));
          await session.logoff().catch((err: unknown) => logger.debug('LOGOFF failed', { error: String(err) }));
          await client.close();
        },
      });
    } catch (err) {
      await client.close();
      throw win32FromNtStatus(err, `\\\\${serverName}`);
    }
  };
}
