/**
 * What the DCE/RPC server core asks of an interface it serves, whatever the transport — C706
 * chapter 12 (presentation contexts), [MS-RPCE] 3.3.1.3 (association groups: context handles
 * belong to the group, not to one connection).
 *
 * An RpcInterfaceDefinition is registered once on an endpoint (a pipe, a TCP port); the server
 * makes one RpcInterfaceInstance of it per association group, the first time a connection of the
 * group binds it, and closes that instance (context rundown) when the group's last connection
 * goes. Each call says who calls: the identity the connection's security context proved, else
 * the transport's (the SMB session of a pipe), else nobody (an unauthenticated TCP client).
 */
import type { AuthenticatedUser } from '../../common/identity';
import type { SyntaxId } from '../constants';

/** The protocol sequence a connection came in on ([MS-RPCE] 2.1.1). */
export type RpcTransport = 'ncacn_np' | 'ncacn_ip_tcp';

/** What the server knows about a call, for the interface. */
export interface RpcCallInfo {
  readonly callId: number;
  readonly opnum: number;
  readonly contextId: number;
  /** The request's object UUID (PFC_OBJECT_UUID), lower-case; undefined when it carries none. */
  readonly objectUuid?: string;
  /** Who calls; undefined for an anonymous, unauthenticated TCP client. */
  readonly caller: AuthenticatedUser | undefined;
  /** The connection's auth level (RPC_C_AUTHN_LEVEL_NONE without a security context). */
  readonly authLevel: number;
  readonly transport: RpcTransport;
  /**
   * Aborted when the connection the call came in on closes: state an interface keeps for one
   * connection (MS-PAR's remote notifications) goes with it, and a call that waits stops.
   */
  readonly connectionClosed?: AbortSignal;
}

/** An interface as served to one association group (it may keep state there: context handles). */
export interface RpcInterfaceInstance {
  readonly syntax: SyntaxId;
  readonly name: string;
  /** Returns the response stub; throws RpcFaultError (or MalformedPacketError for a bad stub). */
  call(opnum: number, stub: Buffer, info: RpcCallInfo): Promise<Buffer>;
  close(): void | Promise<void>;
}

/** An interface registered on an endpoint. */
export interface RpcInterfaceDefinition {
  readonly syntax: SyntaxId;
  readonly name: string;
  /** A fresh instance for a new association group. */
  instantiate(): RpcInterfaceInstance;
}

/** A definition whose every group shares one stateless instance (srvsvc, tests). */
export function statelessInterface(instance: RpcInterfaceInstance): RpcInterfaceDefinition {
  return { syntax: instance.syntax, name: instance.name, instantiate: () => instance };
}
