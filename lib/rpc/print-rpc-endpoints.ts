/**
 * A print server's DCE/RPC endpoints over TCP, beside its SMB2 listener — what Windows 11 (22H2
 * and later) reaches by default ([MS-PAR] 2.1, Microsoft's "Windows 11 RPC connection updates for
 * print"):
 *   - the print interfaces on one dynamic port (ncacn_ip_tcp): MS-PAR's IRemoteWinspool, and
 *     MS-RPRN (Windows registers spoolss on TCP too); least auth level PKT_PRIVACY (auth-policy.ts);
 *   - the endpoint mapper on port 135 ([MS-RPCE] 2.1.1.1), answering ept_map and ept_lookup for
 *     IRemoteWinspool (with its object UUID), MS-RPRN (on TCP and on \PIPE\spoolss) and itself.
 * Both authenticate binds with the same accounts as SMB2's SESSION_SETUP (SPNEGO, NTLMSSP).
 */
import type { AcceptorOptions } from '../auth/gss-acceptor';
import type { Logger } from '../common/logger';
import type { PrintProvider } from '../spoolss/print-provider';
import { serverAcceptors } from './auth/providers';
import { MSRPC_UUID_RPRN } from './constants';
import { EPMAPPER_SYNTAX } from './epm/epm-constants';
import { epmInterface } from './epm/epm-interface';
import type { EpmRegistration } from './epm/epm-service';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX } from './par/constants';
import { parInterface } from './par/par-interface';
import { rprnInterface } from './rprn/rprn-interface';
import { createAuthPolicy } from './server/auth-policy';
import { RpcTcpServer } from './tcp/rpc-tcp-server';

export interface PrintRpcEndpointsOptions {
  readonly printProvider: PrintProvider;
  readonly serverName: string;
  /** The accounts (SMB2's GssAcceptor options). */
  readonly acceptor: AcceptorOptions;
  readonly logger: Logger;
  /** Least auth level of the print interfaces over TCP; PKT_PRIVACY by default. */
  readonly tcpMinAuthLevel?: number;
  readonly maxHandles?: number;
  readonly maxConnections?: number;
}

export interface ListeningAddress {
  readonly address: string;
  readonly port: number;
}

export class PrintRpcEndpoints {
  readonly rpc: RpcTcpServer;
  readonly epm: RpcTcpServer;
  private rpcPort: number | undefined;
  private epmPort: number | undefined;

  constructor(options: PrintRpcEndpointsOptions) {
    const acceptor = serverAcceptors(options.acceptor);
    const policy = createAuthPolicy({
      ...(options.tcpMinAuthLevel !== undefined && { tcp: options.tcpMinAuthLevel }),
    });
    const spooler = {
      provider: options.printProvider,
      serverName: options.serverName,
      logger: options.logger.child({ component: 'rpc-tcp' }),
      ...(options.maxHandles !== undefined && { maxHandles: options.maxHandles }),
    };
    const printInterfaces = [parInterface(spooler), rprnInterface(spooler)];
    const limits = { ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }) };
    this.rpc = new RpcTcpServer({
      name: 'rpc-tcp',
      interfaces: () => printInterfaces,
      acceptor,
      policy,
      logger: options.logger,
      ...limits,
    });
    this.epm = new RpcTcpServer({
      name: 'epmapper',
      interfaces: (local) => [
        epmInterface({
          registrations: () => this.registrations(),
          localAddress: local.address,
          serverName: options.serverName,
        }),
      ],
      acceptor,
      policy,
      logger: options.logger,
      ...limits,
    });
  }

  /** What the endpoint mapper answers with: the endpoints listening now. */
  registrations(): EpmRegistration[] {
    const out: EpmRegistration[] = [
      {
        interface: MSRPC_UUID_RPRN,
        endpoint: { protseq: 'ncacn_np', pipe: '\\PIPE\\spoolss' },
        annotation: 'Spooler function endpoint',
      },
    ];
    if (this.rpcPort !== undefined) {
      const endpoint = { protseq: 'ncacn_ip_tcp', port: this.rpcPort } as const;
      out.push(
        {
          interface: IREMOTEWINSPOOL_SYNTAX,
          object: IREMOTEWINSPOOL_OBJECT_UUID,
          endpoint,
          annotation: 'IRemoteWinspool',
        },
        { interface: MSRPC_UUID_RPRN, endpoint, annotation: 'Spooler function endpoint' },
      );
    }
    if (this.epmPort !== undefined)
      out.push({
        interface: EPMAPPER_SYNTAX,
        endpoint: { protseq: 'ncacn_ip_tcp', port: this.epmPort },
        annotation: 'Endpoint mapper',
      });
    return out;
  }

  async listenRpc(port: number, address: string): Promise<ListeningAddress> {
    const at = await this.rpc.listen(port, address);
    this.rpcPort = at.port;
    return at;
  }

  async listenEpm(port: number, address: string): Promise<ListeningAddress> {
    const at = await this.epm.listen(port, address);
    this.epmPort = at.port;
    return at;
  }

  async close(): Promise<void> {
    await Promise.all([this.rpc.close(), this.epm.close()]);
  }
}
