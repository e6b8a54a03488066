/**
 * What a transport gives an RpcConnection (the pipe's open or the TCP listener's connection), and
 * the identity of one request call while it is reassembled and run.
 */
import type { AuthenticatedUser } from '../../common/identity';
import type { Logger } from '../../common/logger';
import type { RpcAcceptorMechanism } from '../auth/security-provider';
import type { AssociationGroupTable } from './association-groups';
import type { RpcAuthPolicy } from './auth-policy';
import type { RpcInterfaceDefinition, RpcTransport } from './rpc-interface';

export interface RpcConnectionOptions {
  /** For logs: the pipe name, or the listener's address. */
  readonly endpoint: string;
  readonly transport: RpcTransport;
  readonly interfaces: readonly RpcInterfaceDefinition[];
  readonly groups: AssociationGroupTable;
  /** bind_ack sec_addr: `\PIPE\spoolss`, or the TCP port in decimal. */
  readonly secondaryAddress: string;
  /** The security providers served; none (every verifier refused) when absent. */
  readonly acceptor?: (authType: number) => RpcAcceptorMechanism | undefined;
  readonly policy: RpcAuthPolicy;
  /** The transport's identity (the SMB session of a pipe), the caller when the RPC has none. */
  readonly transportUser?: AuthenticatedUser;
  readonly logger: Logger;
  /** Largest reassembled request stub accepted (WritePrinter data comes this way). */
  readonly maxRequestBytes?: number;
  readonly send: (pdu: Buffer) => void;
  /** The server ends the connection (once, after the last PDU it sends). */
  readonly disconnect: () => void;
  /** A call finished (the transport may read again). */
  readonly onCallDone?: () => void;
}

export interface RequestCall {
  readonly callId: number;
  readonly contextId: number;
  readonly opnum: number;
  readonly objectUuid: string | undefined;
  readonly drep: Buffer;
}
