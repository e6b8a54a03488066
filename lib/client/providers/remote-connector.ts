/**
 * The remote connector (DESIGN.md step 2): SMB2 NEGOTIATE and SESSION_SETUP to the server; then
 * the spooler's RPC either over TCP as Windows 11 does by default (`rpcTransport: 'tcp'`: the
 * endpoint mapper, MS-PAR at PKT_PRIVACY, remote-winspool.ts) or over named pipes
 * (`'np'`, RpcUseNamedPipeProtocol: TREE_CONNECT IPC$, CREATE `spoolss`, DCE/RPC bind of
 * MS-RPRN); PRINT$ reads on their own tree of the same session either way. What Windows' client
 * does through win32spl and the SMB redirector.
 *
 * The server name is resolved through DNS, unless `address` says where it listens (tests, a
 * server on another port). The identity is the connect call's credentials, else the connector's,
 * else a guest logon.
 */
import type { ServiceTicket } from '../../auth/kerberos/kdc-client';
import { principalToString } from '../../auth/kerberos/krb-types';
import { createSilentLogger, type Logger } from '../../common/logger';
import type { RpcClientOptions } from '../../rpc/client/rpc-client';
import { PAR_OPNUMS } from '../../rpc/par/par-opnums';
import { smb2DialectName } from '../../smb2/constants';
import { Smb2Client, type Smb2ClientOptions, type Smb2Credentials } from '../../smb2/client/smb2-client';
import type { PrintServerConnector } from '../print-server-connection';
import { openRemoteConnection } from './remote-connection';
import { createShareFileReader, win32FromNtStatus } from './remote-share-files';
import { bindRemoteWinspool } from './remote-winspool';

export interface RemoteConnectorOptions {
  /** Where the server listens; the server name and port 445 when absent. */
  readonly address?: { readonly host: string; readonly port: number };
  /** Used when the connect call carries no credentials. */
  readonly credentials?: Smb2Credentials;
  readonly logger?: Logger;
  readonly smb2?: Partial<Omit<Smb2ClientOptions, 'host' | 'port' | 'logger'>>;
  /** The pipe bind's options (named pipes only). */
  readonly rpc?: Omit<RpcClientOptions, 'logger'>;
  /**
   * 'tcp': MS-PAR over ncacn_ip_tcp, found through the endpoint mapper (Windows 11's default);
   * 'np': MS-RPRN over \pipe\spoolss (RpcUseNamedPipeProtocol). 'np' by default here; the
   * addprinterconnection command defaults to 'tcp'.
   */
  readonly rpcTransport?: 'tcp' | 'np';
  /** RpcTcpPort: the server's RPC port, without asking the endpoint mapper. */
  readonly rpcPort?: number;
  /** Where the server's endpoint mapper listens; 135 by default. */
  readonly epmPort?: number;
  /**
   * Kerberos instead of NTLM: service tickets for cifs/<server> (the SMB2 session) and
   * host/<server> (MS-PAR over TCP), e.g. acquireServiceTicket over a ccache or a keytab.
   */
  readonly kerberos?: (service: string) => Promise<ServiceTicket>;
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
    const tickets = options.kerberos;
    const cifs = tickets && (await tickets(`cifs/${serverName}`));
    const logon: Smb2Credentials = cifs ? { ...credentials, kerberos: { ticket: cifs } } : credentials;
    const mechanism = cifs ? `Kerberos (${principalToString(cifs.server.name, cifs.server.realm)})` : 'NTLM';
    logger.info('connecting', {
      host,
      port,
      user: cifs ? principalToString(cifs.client.name, cifs.client.realm) : credentials.user,
      mechanism,
    });
    const client = await Smb2Client.connect({ ...options.smb2, host, port, serverName, logger });
    try {
      const session = await client.login(logon);
      const shares = createShareFileReader(session, serverName, logger);
      const files = `PRINT$ over SMB2 ${smb2DialectName(client.dialect) ?? client.dialect}${session.encrypted ? ', encrypted' : ''}, session by ${mechanism}`;
      const common = {
        serverName,
        files: shares.files,
        logger,
        initialBufferSize: options.initialBufferSize ?? DEFAULT_FIRST_BUFFER,
      };
      const logoff = async (): Promise<void> => {
        await shares.close();
        await session.logoff().catch((err: unknown) => logger.debug('LOGOFF failed', { error: String(err) }));
        await client.close();
      };
      if (options.rpcTransport === 'tcp') {
        const winspool = await bindRemoteWinspool({
          host,
          serverName,
          credentials,
          ...(options.rpcPort !== undefined && { rpcPort: options.rpcPort }),
          ...(options.epmPort !== undefined && { epmPort: options.epmPort }),
          ...(tickets && { kerberos: await tickets(`host/${serverName}`) }),
          logger,
        });
        return await openRemoteConnection({
          ...common,
          bound: { rpc: winspool.rpc, opnums: PAR_OPNUMS },
          transport: {
            rpc: winspool.description,
            files,
            label: `${winspool.label}; files over SMB2${cifs ? ', Kerberos' : ''}`,
          },
          onClose: logoff,
        });
      }
      const ipc = await session.treeConnect('IPC$');
      const pipe = await ipc.openPipe(SPOOLSS_PIPE);
      return await openRemoteConnection({
        ...common,
        spoolss: pipe,
        ...(options.rpc !== undefined && { rpc: options.rpc }),
        transport: {
          rpc: `MS-RPRN over ncacn_np \\pipe\\spoolss (IPC$), no RPC authentication: the SMB2 session (${mechanism}) is the caller`,
          files,
          label: `MS-RPRN over \\pipe\\spoolss, no RPC auth; files over SMB2${cifs ? ', Kerberos' : ''}`,
        },
        onClose: async () => {
          await ipc
            .disconnect()
            .catch((err: unknown) => logger.debug('IPC$ disconnect failed', { error: String(err) }));
          await logoff();
        },
      });
    } catch (err) {
      await client.close();
      throw win32FromNtStatus(err, `\\\\${serverName}`);
    }
  };
}
