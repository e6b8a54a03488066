/**
 * The SMB2 server — [MS-SMB2] 3.3. `handle()` takes any duplex stream (a TCP socket, or one end of
 * an in-memory pair in tests); `listen()` is a thin TCP wrapper around it. Shares: IPC$ (named
 * pipes through a NamedPipeProvider), PRINT$ (the read-only drivers store) and one printer share
 * per shared printer (jobs to a PrintQueueSink).
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import type { Duplex } from 'node:stream';
import { guidToBuffer } from '../../common/binary/guid';
import type { UserAccount } from '../../common/identity';
import type { KerberosAcceptorSettings } from '../../auth/kerberos/kerberos-acceptor';
import type { Logger } from '../../common/logger';
import { createSilentLogger } from '../../common/logger';
import type { NamedPipeProvider } from '../../common/named-pipe';
import type { PrintQueueSink } from '../../spoolss/print-queue-sink';
import type { DriverStore } from '../../drivers/driver-store';
import { Smb2Connection } from './connection';
import { ConnectionAdmission } from './connection-admission';
import { MemoryReclaimer } from './memory-reclaim';
import { createServerBudgets } from './resource-budgets';
import type { ServerContext, ServerLimits } from './server-context';
import { resolveServerLimits } from './server-limits';
import { IpcShare } from './shares/ipc-share';
import { PrintDollarShare } from './shares/print-dollar-share';
import { PrintQueueShare } from './shares/printq-share';
import type { Share } from './shares/share';

export interface Smb2ServerOptions {
  /** NetBIOS name (NTPRINT). */
  readonly serverName: string;
  readonly domain: string;
  /** Text GUID; random when absent. */
  readonly serverGuid?: string;
  /** Accounts; user names match case-insensitively. */
  readonly users: readonly UserAccount[];
  readonly allowGuest: boolean;
  readonly allowAnonymous: boolean;
  readonly allowNtlmV1: boolean;
  readonly signingRequired: boolean;
  /** Kerberos beside NTLM (createKerberosAcceptorSettings over the server's keytab). */
  readonly kerberos?: KerberosAcceptorSettings;
  readonly driverStore: DriverStore;
  readonly pipes?: NamedPipeProvider;
  readonly printQueues?: PrintQueueSink;
  /** The folder jobs are spooled to, whose volume printer shares describe; the temporary folder by default. */
  readonly spoolFolder?: string;
  /**
   * Comments by share name (case-insensitive) for srvsvc, asked at each NetShareEnum: a printer
   * share's remark is its printer's comment, which AddPrinter and SetPrinter change at run time.
   * Defaults are Windows' own.
   */
  readonly shareComments?: () => Readonly<Record<string, string>>;
  /** Connections served at once; default 1024 (limits.maxConnections). */
  readonly maxConnections?: number;
  /** Default 15 minutes (Windows' autodisconnect). */
  readonly idleTimeoutMs?: number;
  /** Any other limit or budget (server-limits.ts); the defaults suit a print server. */
  readonly limits?: Partial<ServerLimits>;
  /** listen()'s accept queue; default LISTEN_BACKLOG (the kernel caps it at net.core.somaxconn). */
  readonly listenBacklog?: number;
  readonly logger?: Logger;
}

/**
 * The accept queue of listen(). Node's default, 511, overflowed in a storm of 5,000 connects while
 * the event loop was busy: the kernel then drops the handshake's last ACK, and the client's first
 * request meets a reset or its connect waits past a minute (docs/benchmarks.md). Connections in
 * the queue cost only kernel memory; maxConnections still bounds what the server serves.
 */
export const LISTEN_BACKLOG = 4096;

export class Smb2Server {
  private readonly connections = new Set<Smb2Connection>();
  private readonly listeners: net.Server[] = [];
  private readonly context: ServerContext;
  private readonly logger: Logger;
  private readonly admission: ConnectionAdmission;
  /** Frees the buffers of clients that have gone, once the server is quiet (memory-reclaim.ts). */
  private readonly reclaimer = new MemoryReclaimer();
  private readonly fixedShares: readonly Share[];
  private readonly printShares = new Map<string, PrintQueueShare>();
  private nextConnection = 1;

  constructor(private readonly options: Smb2ServerOptions) {
    this.logger = (options.logger ?? createSilentLogger()).child({ component: 'smb2' });
    const limits = resolveServerLimits({
      ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
      ...(options.idleTimeoutMs !== undefined && { idleTimeoutMs: options.idleTimeoutMs }),
      ...options.limits,
    });
    this.admission = new ConnectionAdmission(limits, this.logger);
    const serverGuid = options.serverGuid !== undefined ? guidToBuffer(options.serverGuid) : randomBytes(16);
    this.fixedShares = [
      new IpcShare(options.pipes, this.comment('IPC$', 'Remote IPC')),
      new PrintDollarShare(options.driverStore, serverGuid.readUInt32LE(0), this.comment('PRINT$', 'Printer Drivers')),
    ];
    const usersByName = new Map(options.users.map((u) => [u.name.toLowerCase(), u]));
    const sessionBase = (BigInt(randomBytes(2).readUInt16LE(0) | 1) << 32n) | 1n;
    let sessionCounter = 0n;
    this.context = {
      serverName: options.serverName,
      domain: options.domain,
      serverGuid,
      signingRequired: options.signingRequired,
      allowGuest: options.allowGuest,
      allowAnonymous: options.allowAnonymous,
      allowNtlmV1: options.allowNtlmV1,
      ...(options.kerberos && { kerberos: options.kerberos }),
      limits,
      budgets: createServerBudgets(limits, this.logger),
      logger: options.logger ?? createSilentLogger(),
      lookupUser: (userName) => usersByName.get(userName.toLowerCase()),
      findShare: (name) => this.findShare(name),
      allocateSessionId: () => sessionBase + sessionCounter++ * 0x10000n,
    };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Opens, pipes and received bytes held now, server-wide (they return to 0 once every client has gone). */
  get resourceUsage(): { opens: number; pipes: number; receiveBytes: number; waitingForReceiveBytes: number } {
    const b = this.context.budgets;
    return {
      opens: b.opens.used,
      pipes: b.pipes.used,
      receiveBytes: b.receiveBytes.used,
      waitingForReceiveBytes: b.receiveBytes.waiting,
    };
  }

  /**
   * Serves one connection over any duplex stream, unless the server is full (connection-admission.ts):
   * then it is closed. A connection beyond its address's cap before logon waits, unread.
   */
  handle(stream: Duplex, info: { remoteAddress?: string } = {}): void {
    const remoteAddress = info.remoteAddress ?? '';
    // The admission starts or evicts the connection later, once it exists.
    const admitted: { connection?: Smb2Connection } = {};
    const admission = this.admission.admit(remoteAddress, {
      start: () => admitted.connection?.start(),
      evict: (reason) => admitted.connection?.close(reason),
    });
    if ('refused' in admission) {
      this.logger.debug('connection refused', { remoteAddress, reason: admission.refused });
      stream.end();
      setImmediate(() => stream.destroy());
      return;
    }
    const { ticket } = admission;
    const connection = new Smb2Connection(`c${this.nextConnection++}`, stream, this.context, remoteAddress, {
      onClosed: (c) => {
        this.connections.delete(c);
        this.admission.release(ticket);
        this.reclaimer.schedule();
      },
      onAuthenticated: () => this.admission.authenticated(ticket),
      onBuffersDropped: () => this.reclaimer.schedule(),
    });
    admitted.connection = connection;
    this.connections.add(connection);
    if (ticket.served) connection.start();
    else
      connection.logger.info('connection waits: its address has too many connections before logon', { remoteAddress });
  }

  async listen(port: number, host = '0.0.0.0'): Promise<{ address: string; port: number }> {
    const server = net.createServer((socket) => {
      socket.setNoDelay(true);
      this.handle(socket, { ...(socket.remoteAddress !== undefined && { remoteAddress: socket.remoteAddress }) });
    });
    server.on('error', (err) => this.logger.error('listener error', { error: err.message }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, backlog: this.options.listenBacklog ?? LISTEN_BACKLOG }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.listeners.push(server);
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('listener has no TCP address');
    this.logger.info('listening', { address: address.address, port: address.port });
    return { address: address.address, port: address.port };
  }

  /**
   * Stops listening, gives requests being processed up to `graceMs` to be answered, then closes
   * every connection. net.Server.close() calls back only once every socket is gone, so it is not
   * awaited before the connections are closed (an idle client would hold it forever).
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    this.reclaimer.close();
    const listeners = this.listeners.splice(0);
    const stopped = Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve()))));
    const connections = [...this.connections];
    if ((options.graceMs ?? 0) > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(connections.map((c) => c.whenIdle())),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, options.graceMs))),
      ]);
      clearTimeout(timer);
    }
    for (const c of connections) c.close('server closing');
    await Promise.all(connections.map((c) => c.whenClosed()));
    await stopped;
  }

  /** Shares for srvsvc NetShareEnum: IPC$ is STYPE_IPC|STYPE_SPECIAL, PRINT$ STYPE_DISKTREE, printers STYPE_PRINTQ. */
  shares(): Array<{ name: string; type: number; comment: string }> {
    const printers = (this.options.printQueues?.shareNames() ?? []).map((n) => this.printShare(n));
    return [...printers, ...this.fixedShares].map((s) => ({
      name: s.name,
      type: s.netShareType,
      comment: this.comment(s.name, s.comment),
    }));
  }

  private comment(share: string, fallback: string): string {
    const comments = this.options.shareComments?.() ?? {};
    const key = Object.keys(comments).find((k) => k.toLowerCase() === share.toLowerCase());
    return (key !== undefined ? comments[key] : undefined) ?? fallback;
  }

  private printShare(name: string): PrintQueueShare {
    const key = name.toLowerCase();
    let share = this.printShares.get(key);
    const sink = this.options.printQueues;
    if (share === undefined && sink !== undefined) {
      share = new PrintQueueShare(name, sink, this.comment(name, ''), {
        folder: this.options.spoolFolder ?? tmpdir(),
        serialNumber: this.context.serverGuid.readUInt32LE(4),
      });
      this.printShares.set(key, share);
    }
    if (share === undefined) throw new Error(`no print queue sink for "${name}"`);
    return share;
  }

  private findShare(name: string): Share | undefined {
    const lower = name.toLowerCase();
    const fixed = this.fixedShares.find((s) => s.name.toLowerCase() === lower);
    if (fixed !== undefined) return fixed;
    const printer = this.options.printQueues?.shareNames().find((n) => n.toLowerCase() === lower);
    return printer === undefined ? undefined : this.printShare(printer);
  }
}
