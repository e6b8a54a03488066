/**
 * DCE/RPC over TCP (ncacn_ip_tcp, [MS-RPCE] 2.1.1.1): a listener whose every connection is an
 * RpcConnection (server/rpc-connection.ts) fed by a PDU framer. `handle()` takes any duplex
 * stream; `listen()` is a thin wrapper around it. Used twice by a print server: the endpoint
 * mapper on port 135, and the print interfaces (MS-PAR, MS-RPRN) on their own port.
 *
 * The same bounds as the pipe, and more, since a TCP client needs no SMB logon first:
 *   - at most `maxConnections` at once (others are closed at once, as SMB2 does);
 *   - a connection must be bound, its security context built, within `negotiationTimeoutMs`;
 *   - an idle connection is closed after `idleTimeoutMs`;
 *   - at most `maxCallsInFlight` calls run at once per connection: beyond that the socket is not
 *     read until one finishes (TCP flow control does the rest);
 *   - an unframeable stream closes the connection; association groups are bounded by their table.
 */
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../common/logger';
import type { RpcAcceptorMechanism } from '../auth/security-provider';
import { PduFramer } from '../pdu/pdu-framer';
import { AssociationGroupTable } from '../server/association-groups';
import type { RpcAuthPolicy } from '../server/auth-policy';
import { RpcConnection } from '../server/rpc-connection';
import type { RpcInterfaceDefinition } from '../server/rpc-interface';

export interface RpcTcpServerOptions {
  /** For logs: 'rpc' or 'epmapper'. */
  readonly name: string;
  /** The interfaces served; the local address the connection reached is given (EPM towers point there). */
  readonly interfaces: (local: {
    readonly address: string;
    readonly port: number;
  }) => readonly RpcInterfaceDefinition[];
  readonly acceptor?: (authType: number) => RpcAcceptorMechanism | undefined;
  readonly policy: RpcAuthPolicy;
  readonly logger: Logger;
  /** Default 1024. */
  readonly maxConnections?: number;
  /** Default 60 s. */
  readonly negotiationTimeoutMs?: number;
  /** Default 15 minutes. */
  readonly idleTimeoutMs?: number;
  /** Default 16. */
  readonly maxCallsInFlight?: number;
  readonly maxAssociationGroups?: number;
  readonly maxRequestBytes?: number;
}

export interface StreamInfo {
  readonly localAddress?: string;
  readonly localPort?: number;
  readonly remoteAddress?: string;
}

export class RpcTcpServer {
  private readonly connections = new Set<Duplex>();
  private readonly groups: AssociationGroupTable;
  private listener: net.Server | undefined;
  private next = 1;
  private readonly log: Logger;

  constructor(private readonly options: RpcTcpServerOptions) {
    this.log = options.logger.child({ component: options.name });
    this.groups = new AssociationGroupTable(this.log, options.maxAssociationGroups);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get associationGroupCount(): number {
    return this.groups.size;
  }

  /** Serves one connection over any duplex stream. */
  handle(stream: Duplex, info: StreamInfo = {}): void {
    const connId = `${this.options.name}${this.next++}`;
    if (this.connections.size >= (this.options.maxConnections ?? 1024)) {
      this.log.warn('connection refused: limit reached', { connId, remoteAddress: info.remoteAddress });
      stream.destroy();
      return;
    }
    this.connections.add(stream);
    const log = this.log.child({ connId });
    const local = { address: (info.localAddress ?? '127.0.0.1').replace(/^::ffff:/, ''), port: info.localPort ?? 0 };
    const maxInFlight = this.options.maxCallsInFlight ?? 16;
    let ended = false;
    const end = (why: string): void => {
      if (ended) return;
      ended = true;
      log.debug('connection ends', { why });
      stream.end();
      setTimeout(() => stream.destroy(), 1000).unref();
    };
    const connection = new RpcConnection({
      endpoint: `${local.address}:${local.port}`,
      transport: 'ncacn_ip_tcp',
      interfaces: this.options.interfaces(local),
      groups: this.groups,
      secondaryAddress: String(local.port),
      ...(this.options.acceptor !== undefined && { acceptor: this.options.acceptor }),
      policy: this.options.policy,
      logger: log,
      ...(this.options.maxRequestBytes !== undefined && { maxRequestBytes: this.options.maxRequestBytes }),
      send: (pdu) => {
        if (!ended && stream.writable) stream.write(pdu);
      },
      disconnect: () => end('fault'),
      onCallDone: () => {
        if (stream.isPaused() && connection.callsInFlight < maxInFlight && !ended) stream.resume();
      },
    });
    log.info('connection', { remoteAddress: info.remoteAddress, local: `${local.address}:${local.port}` });
    const framer = new PduFramer();
    const negotiation = setTimeout(() => {
      if (!connection.established) end('no bind and security context in time');
    }, this.options.negotiationTimeoutMs ?? 60_000);
    negotiation.unref();
    stream.on('data', (data: Buffer) => {
      let pdus: Buffer[];
      try {
        pdus = framer.push(data);
      } catch (err) {
        log.info('unframeable PDU stream; connection closed', { error: String(err) });
        end('unframeable');
        return;
      }
      for (const pdu of pdus) {
        if (ended) return;
        void connection.receive(pdu);
      }
      if (connection.callsInFlight >= maxInFlight) stream.pause();
    });
    if ('setTimeout' in stream && typeof stream.setTimeout === 'function') {
      (stream as net.Socket).setTimeout(this.options.idleTimeoutMs ?? 15 * 60_000, () => end('idle'));
    }
    stream.on('error', (err) => log.debug('socket error', { error: err.message }));
    stream.on('close', () => {
      ended = true;
      clearTimeout(negotiation);
      connection.close();
      this.connections.delete(stream);
      log.debug('connection closed');
    });
  }

  async listen(port: number, host = '0.0.0.0'): Promise<{ address: string; port: number }> {
    const server = net.createServer((socket) => {
      socket.setNoDelay(true);
      this.handle(socket, {
        ...(socket.localAddress !== undefined && { localAddress: socket.localAddress }),
        ...(socket.localPort !== undefined && { localPort: socket.localPort }),
        ...(socket.remoteAddress !== undefined && { remoteAddress: socket.remoteAddress }),
      });
    });
    server.on('error', (err) => this.log.error('listener error', { error: err.message }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.listener = server;
    const address = server.address() as net.AddressInfo;
    this.log.info('listening', { address: address.address, port: address.port });
    return { address: address.address, port: address.port };
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    for (const stream of this.connections) stream.destroy();
    if (listener !== undefined) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}
