/**
 * One open of an RPC named pipe (`\pipe\spoolss`, `\pipe\srvsvc`): DCE/RPC over ncacn_np
 * ([MS-RPCE] 2.1.1.2). The pipe is message-mode (lib/common/named-pipe.ts): the SMB2 layer writes
 * what the client wrote (WRITE, or FSCTL_PIPE_TRANSCEIVE) and reads the answers, one PDU per
 * message. The DCE/RPC work is the transport-independent RpcConnection (server/rpc-connection.ts);
 * this only frames the byte stream (pdu/pdu-framer.ts) and queues the answers.
 *
 * A write resolves once every call it completed has been answered, so the read that follows a
 * transceive finds the response. After a fault that closes the association (a security failure),
 * the fault can still be read; further writes fail with STATUS_PIPE_BROKEN, as they do when the
 * byte stream cannot be framed any more.
 */
import type { AuthenticatedUser } from '../common/identity';
import type { Logger } from '../common/logger';
import type { NamedPipeInstance, PipeRead } from '../common/named-pipe';
import { NtStatusError } from '../common/errors';
import { NtStatus } from '../common/status/ntstatus';
import type { RpcAcceptorMechanism } from './auth/security-provider';
import { PduFramer } from './pdu/pdu-framer';
import type { AssociationGroupTable } from './server/association-groups';
import type { RpcAuthPolicy } from './server/auth-policy';
import { RpcConnection } from './server/rpc-connection';
import type { RpcInterfaceDefinition } from './server/rpc-interface';

export interface RpcPipeEndpointOptions {
  readonly pipeName: string;
  readonly interfaces: readonly RpcInterfaceDefinition[];
  /** bind_ack sec_addr, e.g. `\PIPE\spoolss`. */
  readonly secondaryAddress: string;
  /** The pipe provider's association groups (a pipe may join a group another open started). */
  readonly groups: AssociationGroupTable;
  readonly policy: RpcAuthPolicy;
  /** The security providers for authenticated binds; none when absent. */
  readonly acceptor?: (authType: number) => RpcAcceptorMechanism | undefined;
  /** The SMB session's user: the caller of calls without RPC-level authentication. */
  readonly user?: AuthenticatedUser;
  readonly logger: Logger;
  /** Largest reassembled request stub accepted (WritePrinter data comes this way). */
  readonly maxRequestBytes?: number;
}

type PipeState = 'open' | 'broken' | 'closed';

export class RpcPipeEndpoint implements NamedPipeInstance {
  private state: PipeState = 'open';
  private readonly framer = new PduFramer();
  private readonly output: Buffer[] = [];
  private readonly connection: RpcConnection;
  private chain: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(options: RpcPipeEndpointOptions) {
    this.log = options.logger;
    this.connection = new RpcConnection({
      endpoint: options.pipeName,
      transport: 'ncacn_np',
      interfaces: options.interfaces,
      groups: options.groups,
      secondaryAddress: options.secondaryAddress,
      policy: options.policy,
      ...(options.acceptor !== undefined && { acceptor: options.acceptor }),
      ...(options.user !== undefined && { transportUser: options.user }),
      logger: options.logger,
      ...(options.maxRequestBytes !== undefined && { maxRequestBytes: options.maxRequestBytes }),
      send: (pdu) => {
        if (this.state !== 'closed') this.output.push(pdu);
      },
      disconnect: () => {
        if (this.state === 'open') this.state = 'broken';
      },
    });
  }

  get hasOutput(): boolean {
    return this.output.length > 0;
  }

  /** The association's state ('broken' once the pipe cannot be used any more). */
  get currentState(): 'unbound' | 'bound' | 'broken' | 'closed' {
    if (this.state !== 'open') return this.state;
    const s = this.connection.currentState;
    return s === 'closed' ? 'broken' : s;
  }

  get assocGroupId(): number | undefined {
    return this.connection.assocGroupId;
  }

  write(data: Buffer): Promise<void> {
    const run = this.chain.then(() => this.process(data));
    this.chain = run.catch(() => undefined);
    return run;
  }

  read(max: number): PipeRead {
    const head = this.output[0];
    if (head === undefined || max <= 0) return { data: Buffer.alloc(0), more: false };
    if (head.length <= max) {
      this.output.shift();
      return { data: head, more: false };
    }
    this.output[0] = head.subarray(max);
    return { data: head.subarray(0, max), more: true };
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.output.length = 0;
    this.connection.close();
  }

  private async process(data: Buffer): Promise<void> {
    if (this.state === 'closed') throw new NtStatusError(NtStatus.STATUS_PIPE_DISCONNECTED);
    if (this.state === 'broken') throw new NtStatusError(NtStatus.STATUS_PIPE_BROKEN);
    let pdus: Buffer[];
    try {
      pdus = this.framer.push(data);
    } catch (err) {
      this.state = 'broken';
      this.connection.close();
      this.log.warn('unframeable PDU stream; pipe broken', { error: String(err) });
      throw new NtStatusError(NtStatus.STATUS_PIPE_BROKEN, 'unframeable DCE/RPC stream', { cause: err });
    }
    const calls: Promise<void>[] = [];
    for (const pdu of pdus) {
      if (this.state !== 'open') break;
      calls.push(this.connection.receive(pdu));
    }
    await Promise.all(calls);
  }
}
