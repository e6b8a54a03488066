/**
 * How Windows 11 (22H2 and later) reaches a print server's spooler by default: ask the endpoint
 * mapper on TCP 135 where IRemoteWinspool (MS-PAR) listens, connect there, bind with SPNEGO at
 * RPC_C_AUTHN_LEVEL_PKT_PRIVACY and send every call with the object UUID 9940CA8E-...
 * ([MS-PAR] 2.1, 3.1; Microsoft's "Windows 11 RPC connection updates for print"). RpcTcpPort
 * (`rpcPort`) names the port and skips the mapper.
 *
 * A server with no TCP endpoint (Samba serves spoolss on \pipe\spoolss only) fails as Windows 11
 * fails: ERROR_INVALID_PRINTER_NAME (0x00000709), and the way out is RpcUseNamedPipeProtocol
 * (our `--rpc np`). Whether Windows falls back by itself is undocumented; it does not appear to.
 */
import { type PointPrintError, Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { ServiceTicket } from '../../auth/kerberos/kdc-client';
import { spnegoKerberosInitiatorMechanism } from '../../rpc/auth/kerberos-initiator-mechanism';
import { spnegoInitiatorMechanism } from '../../rpc/auth/spnego-mechanism';
import { RpcClient } from '../../rpc/client/rpc-client';
import { connectTcpTransport } from '../../rpc/client/tcp-transport';
import { RpcAuthnLevel, rpcAuthnLevelName } from '../../rpc/constants';
import { EPMAPPER_TCP_PORT } from '../../rpc/epm/epm-constants';
import { mapTcpEndpoint } from '../../rpc/epm/epm-client';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX } from '../../rpc/par/constants';
import type { Smb2Credentials } from '../../smb2/client/smb2-client';

/** The hint every "no TCP endpoint" failure carries. */
export const NAMED_PIPES_HINT =
  'the server offers no RPC over TCP (Samba serves \\pipe\\spoolss only); connect over named pipes with --rpc np, ' +
  'as a Windows 11 client does with RpcUseNamedPipeProtocol=1';

export interface RemoteWinspoolOptions {
  readonly host: string;
  readonly serverName: string;
  readonly credentials: Smb2Credentials;
  /** RpcTcpPort: connect here, without asking the endpoint mapper. */
  readonly rpcPort?: number;
  /** Where the endpoint mapper listens; 135 by default. */
  readonly epmPort?: number;
  /** Bind with SPNEGO(Kerberos) and this ticket for host/<server> instead of NTLM. */
  readonly kerberos?: ServiceTicket;
  readonly logger: Logger;
}

export interface RemoteWinspoolBinding {
  readonly rpc: RpcClient;
  /** For the trace: interface, endpoint, how it was found, security provider and level. */
  readonly description: string;
  /** Short: `MS-PAR over TCP, PKT_PRIVACY`. */
  readonly label: string;
}

export async function bindRemoteWinspool(options: RemoteWinspoolOptions): Promise<RemoteWinspoolBinding> {
  const { host, logger } = options;
  let endpoint: { address: string; port: number };
  let found: string;
  if (options.rpcPort !== undefined) {
    endpoint = { address: host, port: options.rpcPort };
    found = 'RpcTcpPort';
  } else {
    const epmPort = options.epmPort ?? EPMAPPER_TCP_PORT;
    let mapped;
    try {
      mapped = await mapTcpEndpoint(host, epmPort, IREMOTEWINSPOOL_SYNTAX, {
        object: IREMOTEWINSPOOL_OBJECT_UUID,
        logger,
      });
    } catch (err) {
      throw noTcpEndpoint(options, `no endpoint mapper answered at ${host}:${epmPort}`, err);
    }
    if (mapped === undefined)
      throw noTcpEndpoint(options, `the endpoint mapper at ${host}:${epmPort} knows no IRemoteWinspool`);
    endpoint = mapped;
    found = `endpoint mapper ${host}:${epmPort}`;
  }
  logger.info('IRemoteWinspool endpoint', { address: endpoint.address, port: endpoint.port, found });
  let transport;
  try {
    transport = await connectTcpTransport(endpoint.address, endpoint.port);
  } catch (err) {
    throw noTcpEndpoint(options, `${endpoint.address}:${endpoint.port} refused the connection`, err);
  }
  const { user, password, domain, workstation } = options.credentials;
  // The same defaults as the SMB2 session's NTLM (smb2-session.ts).
  const mechanism = options.kerberos
    ? spnegoKerberosInitiatorMechanism(options.kerberos)
    : spnegoInitiatorMechanism({
        user,
        password,
        domain: domain ?? '',
        workstation: workstation ?? 'POINTPRINT',
      });
  const authLevel = RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY;
  let rpc: RpcClient;
  try {
    rpc = await RpcClient.bind(
      transport,
      { uuid: IREMOTEWINSPOOL_SYNTAX.uuid, version: IREMOTEWINSPOOL_SYNTAX.major, minor: IREMOTEWINSPOOL_SYNTAX.minor },
      { security: { mechanism, authLevel }, objectUuid: IREMOTEWINSPOOL_OBJECT_UUID, logger },
    );
  } catch (err) {
    await transport.close().catch(() => undefined);
    throw err;
  }
  const provider = rpc.context?.params.description ?? 'SPNEGO';
  return {
    rpc,
    label: `MS-PAR over TCP, ${rpcAuthnLevelName(authLevel)?.replace('RPC_C_AUTHN_LEVEL_', '') ?? authLevel}`,
    description:
      `MS-PAR IRemoteWinspool over ncacn_ip_tcp ${endpoint.address}:${endpoint.port} (${found}), ` +
      `${provider.split(' ')[0] ?? provider} at ${rpcAuthnLevelName(authLevel)}`,
  };
}

/** The server has no RPC over TCP: what Windows 11 reports as 0x00000709. The message says how to use named pipes. */
export class NoTcpEndpointError extends Win32Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, message, options);
  }
}

function noTcpEndpoint(options: RemoteWinspoolOptions, what: string, cause?: unknown): PointPrintError {
  return new NoTcpEndpointError(
    `\\\\${options.serverName}: ${what}: ERROR_INVALID_PRINTER_NAME (0x00000709); ${NAMED_PIPES_HINT}`,
    ...(cause !== undefined ? [{ cause }] : []),
  );
}
