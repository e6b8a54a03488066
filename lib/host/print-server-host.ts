/**
 * The composition root of a print server on the wire: a fixture (registry + settings + drivers
 * store) becomes a PrintServer (the local provider), exposed through DCE/RPC pipes (spoolss,
 * srvsvc) and printer shares on an SMB2 server, and through DCE/RPC over TCP (MS-PAR, MS-RPRN)
 * with an endpoint mapper, as Windows 11 reaches a print server. `pointprint serve`, the demo and
 * the fixture servers for other projects' tests all start servers through here.
 *
 * With a state folder the host takes it first (state-folder.ts: writable, one server at a time).
 * close() always finishes: the listener stops, open work gets a short grace, the connections are
 * closed, the spooler persists its state once and stops writing; whatever the clients do, it
 * resolves within about a second (a connection that is slower is left to finish on its own).
 */
import * as path from 'node:path';
import { createKerberosAcceptorSettings } from '../auth/kerberos/kerberos-acceptor';
import { InvalidStateError } from '../common/errors';
import { isAdministratorAccount, type UserAccount } from '../common/identity';
import { createSilentLogger, type Logger } from '../common/logger';
import { DriverStore } from '../drivers/driver-store';
import { ModuleRegistry } from '../point-and-print/module-registry';
import type { AcceptorOptions } from '../auth/gss-acceptor';
import { createRpcPipeProvider } from '../rpc/rpc-pipe-provider';
import { PrintRpcEndpoints, type ListeningAddress } from '../rpc/print-rpc-endpoints';
import type { ServerLimits } from '../smb2/server/server-limits';
import { Smb2Server } from '../smb2/server/smb2-server';
import { DEFAULT_FIXTURE_DIR, loadFixture, type PrintServerFixture, type ServerSettings } from '../spooler/fixture';
import { PrintServer } from '../spooler/print-server';
import type { SpoolerTraceListener } from '../point-and-print/spooler-trace';
import { ControlServer } from '../spooler/control/control-server';
import { controlSocketPath } from '../spooler/control/control-protocol';
import { spoolerWindowOf } from '../web/spooler-window';
import { WebViewServer } from '../web/web-view-server';
import { createAccountDirectory } from './account-directory';
import type { FixtureSnapshot } from './fixture-export';
import { openStateDriverStore } from './state-drivers-store';
import { StateFixtureKeeper } from './state-fixture-keeper';
import { createPrintQueueAdapter } from './print-queue-adapter';
import { lockStateFolder, type StateFolderLock } from './state-folder';

/** What open requests get to finish before the connections are closed. */
export const CLOSE_GRACE_MS = 250;
/** The longest close() waits for the connections to go. */
export const CLOSE_CONNECTIONS_DEADLINE_MS = 750;

export interface PrintServerHostOptions {
  /** A fixture folder (server.json + registry); the NTPRINT fixture by default. */
  readonly fixtureDir?: string;
  /** Another PRINT$ tree instead of the fixture's. */
  readonly driversDir?: string;
  /** Accounts added to the fixture's. */
  readonly users?: readonly UserAccount[];
  /** Setting overrides (allowNtlmV1 for @marsaud/smb2, allowGuest, signingRequired ...). */
  readonly settings?: Partial<Omit<ServerSettings, 'users'>>;
  /** The server's Point-and-Print modules config (JSON); built-ins only when absent. */
  readonly modulesConfig?: string;
  /** Where the server keeps what it must not lose (spooled jobs). */
  readonly stateDir?: string;
  readonly maxConnections?: number;
  /** SMB2's listen backlog (Smb2Server LISTEN_BACKLOG by default). */
  readonly listenBacklog?: number;
  /** Other SMB2 limits and budgets (server-limits.ts): a load test raises those a storm from one user meets. */
  readonly smb2Limits?: Partial<ServerLimits>;
  /** Receives the server spooler's Point-and-Print module calls (the demo prints them). */
  readonly trace?: SpoolerTraceListener;
  /** DCE/RPC over TCP and the pipes' auth policy; see RpcListenOptions. */
  readonly rpc?: RpcListenOptions;
  readonly logger?: Logger;
}

export interface RpcListenOptions {
  /** Port of the print interfaces over TCP (MS-PAR, MS-RPRN): 0 (a free one) by default; false: none. */
  readonly port?: number | false;
  /**
   * Port of the endpoint mapper: 'auto' is 135 when the process may bind it, else none with a log
   * line saying so; none by default (tests and fixture servers ask for a free port, 0).
   */
  readonly epmPort?: number | 'auto' | false;
  /** Least auth level of a call on \pipe\spoolss; RPC_C_AUTHN_LEVEL_NONE by default, as Windows. */
  readonly pipeMinAuthLevel?: number;
  /** Association groups alive at once over the pipes (one per \pipe\spoolss bind); 4096 by default. */
  readonly maxPipeAssociationGroups?: number;
}

/** Windows' well-known endpoint mapper port ([MS-RPCE] 2.1.1.1). */
const EPM_WELL_KNOWN_PORT = 135;

export class PrintServerHost {
  /** The live web view, once startWebView has run. */
  webView: WebViewServer | undefined;
  /** Where the print interfaces listen over TCP, once listening. */
  rpcEndpoint: ListeningAddress | undefined;
  /** Where the endpoint mapper listens, once listening (none when off). */
  epmEndpoint: ListeningAddress | undefined;
  private closing: Promise<void> | undefined;
  /** Keeps <stateDir>/server.json current, with a state folder (the spooler keeps registry.reg). */
  private stateFixture: StateFixtureKeeper | undefined;

  private constructor(
    readonly fixture: PrintServerFixture,
    readonly settings: ServerSettings,
    readonly printServer: PrintServer,
    readonly smb2: Smb2Server,
    readonly rpcTcp: PrintRpcEndpoints,
    private readonly rpcOptions: RpcListenOptions,
    private readonly logger: Logger,
    /** The local control channel (`<stateDir>/spooler.sock`), with a state directory. */
    readonly control?: ControlServer,
    private readonly lock?: StateFolderLock,
  ) {}

  static async create(options: PrintServerHostOptions = {}): Promise<PrintServerHost> {
    const logger = options.logger ?? createSilentLogger();
    const lock = options.stateDir === undefined ? undefined : await lockStateFolder(options.stateDir, logger);
    try {
      return await PrintServerHost.build(options, logger, lock);
    } catch (err) {
      await lock?.release();
      throw err;
    }
  }

  private static async build(
    options: PrintServerHostOptions,
    logger: Logger,
    lock: StateFolderLock | undefined,
  ): Promise<PrintServerHost> {
    const fixture = await loadFixture(options.fixtureDir ?? DEFAULT_FIXTURE_DIR);
    const settings: ServerSettings = {
      ...fixture.settings,
      ...options.settings,
      users: mergeUsers(fixture.settings.users, options.users ?? []),
    };
    // With a state folder, PRINT$ is its writable copy of the store; without one, the fixture's, read-only.
    const driversSource = options.driversDir ?? fixture.driversRoot;
    const driverStore =
      options.stateDir === undefined
        ? await DriverStore.open(driversSource)
        : await openStateDriverStore(options.stateDir, driversSource, logger);
    const modules = options.modulesConfig
      ? await ModuleRegistry.fromConfigFile(options.modulesConfig, logger)
      : ModuleRegistry.withBuiltins();
    const printServer = await PrintServer.create({
      fixture,
      registry: fixture.registry,
      driverStore,
      settings,
      modules,
      // With a state directory, emulated devices print jobs into <stateDir>/OUTPUT. The server's
      // administrators administer its network devices from their web pages.
      ...(options.stateDir !== undefined && {
        stateDir: options.stateDir,
        printing: { devices: { '*': { web: { admins: settings.users.filter(isAdministratorAccount) } } } },
      }),
      ...(options.trace !== undefined && { trace: options.trace }),
      logger,
    });
    let control: ControlServer | undefined;
    if (options.stateDir !== undefined) {
      control = new ControlServer(printServer, settings.users, logger.child({ component: 'control' }));
      try {
        await control.listen(controlSocketPath(options.stateDir));
      } catch (err) {
        await printServer.close();
        throw err;
      }
    }
    const printQueues = createPrintQueueAdapter(printServer, settings.serverName);
    await printQueues.refresh();
    // The SMB2 server owns the share list and srvsvc reads it on each call: a late-bound reference.
    const shareSource: { server?: Smb2Server } = {};
    const accounts = new Map(settings.users.map((u) => [u.name.toLowerCase(), u]));
    // One keytab and one replay cache for SMB2 and DCE/RPC: an authenticator replayed from one
    // transport to the other is a replay too.
    const kerberos =
      settings.keytab === undefined
        ? undefined
        : createKerberosAcceptorSettings({
            keytab: path.resolve(fixture.dir, settings.keytab),
            ...(settings.kerberosPrincipals && { principalMap: settings.kerberosPrincipals }),
          });
    // The same accounts and rules as SMB2's SESSION_SETUP, for authenticated DCE/RPC binds.
    const acceptor: AcceptorOptions = {
      ...(kerberos && { kerberos }),
      serverName: settings.serverName,
      domain: settings.domain,
      lookupUser: (userName) => accounts.get(userName.toLowerCase()),
      allowNtlmV1: settings.allowNtlmV1,
      allowGuest: settings.allowGuest,
      allowAnonymous: settings.allowAnonymous,
    };
    const rpcOptions = options.rpc ?? {};
    const pipes = createRpcPipeProvider({
      ...(rpcOptions.maxPipeAssociationGroups !== undefined && {
        maxAssociationGroups: rpcOptions.maxPipeAssociationGroups,
      }),
      printProvider: printServer,
      shares: () => shareSource.server?.shares() ?? [],
      serverName: settings.serverName,
      acceptor,
      accounts: createAccountDirectory(settings.serverName, settings.domain, settings.users),
      registry: () => printServer.registry,
      ...(rpcOptions.pipeMinAuthLevel !== undefined && { pipeMinAuthLevel: rpcOptions.pipeMinAuthLevel }),
      logger,
    });
    const rpcTcp = new PrintRpcEndpoints({
      printProvider: printServer,
      serverName: settings.serverName,
      acceptor,
      logger,
    });
    const smb2 = new Smb2Server({
      serverName: settings.serverName,
      domain: settings.domain,
      users: settings.users,
      allowGuest: settings.allowGuest,
      allowAnonymous: settings.allowAnonymous,
      allowNtlmV1: settings.allowNtlmV1,
      signingRequired: settings.signingRequired,
      ...(kerberos && { kerberos }),
      driverStore,
      pipes,
      printQueues,
      shareComments: () => printQueues.shareComments(),
      ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
      ...(options.listenBacklog !== undefined && { listenBacklog: options.listenBacklog }),
      ...(options.smb2Limits !== undefined && { limits: options.smb2Limits }),
      logger,
    });
    shareSource.server = smb2;
    const host = new PrintServerHost(fixture, settings, printServer, smb2, rpcTcp, rpcOptions, logger, control, lock);
    if (options.stateDir !== undefined) {
      const keeper = new StateFixtureKeeper(options.stateDir, () => host.stateSnapshot(), logger);
      host.stateFixture = keeper;
      await keeper.save().catch((err: unknown) =>
        logger.warn('the state could not be saved as a fixture; pointprint export will not find it yet', {
          component: 'host',
          error: String(err),
        }),
      );
      keeper.start();
    }
    return host;
  }

  /** The server's state as a fixture (fixture-export.ts): what `pointprint export` writes out. */
  stateSnapshot(): FixtureSnapshot {
    const { fixture, settings, printServer } = this;
    return {
      settings,
      registry: printServer.registry,
      driversRoot: printServer.driverStore.root,
      ...(settings.keytab !== undefined && { keytabFile: path.resolve(fixture.dir, settings.keytab) }),
    };
  }

  /** SMB2 on `port`, then the RPC endpoints over TCP on the same address; returns SMB2's. */
  async listen(port: number, address = '127.0.0.1'): Promise<{ address: string; port: number }> {
    const smb = await this.smb2.listen(port, address);
    const { port: rpcPort = 0, epmPort } = this.rpcOptions;
    if (rpcPort !== false) this.rpcEndpoint = await this.rpcTcp.listenRpc(rpcPort, address);
    if (epmPort === 'auto') {
      try {
        this.epmEndpoint = await this.rpcTcp.listenEpm(EPM_WELL_KNOWN_PORT, address);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        this.logger.warn(
          `endpoint mapper off: ${address}:${EPM_WELL_KNOWN_PORT} cannot be bound (${code}); ` +
            'Windows 11 clients need RpcTcpPort set to the RPC port, or named pipes',
          { component: 'epmapper', rpcPort: this.rpcEndpoint?.port },
        );
      }
    } else if (epmPort !== undefined && epmPort !== false) {
      this.epmEndpoint = await this.rpcTcp.listenEpm(epmPort, address);
    }
    return smb;
  }

  /** The live web view (`serve --http-port`), on loopback unless `address` says otherwise. */
  async startWebView(port: number, address = '127.0.0.1'): Promise<{ address: string; port: number; url: string }> {
    if (this.webView) throw new InvalidStateError('the web view is already started');
    const web = new WebViewServer({
      window: spoolerWindowOf(this.printServer),
      accounts: this.settings.users,
      logger: this.logger.child({ component: 'web' }),
    });
    const listening = await web.listen(port, address);
    this.webView = web;
    return { address: listening.host, port: listening.port, url: web.url ?? '' };
  }

  /** See the header; a second call returns the first one's promise. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.webView?.close();
    await this.control?.close();
    await this.rpcTcp.close();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS + CLOSE_CONNECTIONS_DEADLINE_MS);
    });
    const closed = this.smb2.close({ graceMs: CLOSE_GRACE_MS }).then(() => 'closed' as const);
    const outcome = await Promise.race([closed, deadline]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.warn('connections still closing: the server stops without waiting for them', {
        component: 'host',
        connections: this.smb2.connectionCount,
      });
    }
    // The spooler finishes the writes in flight, saves once, and writes nothing after this.
    await this.printServer.close();
    if (this.stateFixture !== undefined) {
      try {
        await this.stateFixture.stop();
      } catch (err) {
        this.logger.error('the state could not be saved as a fixture', { component: 'host', error: String(err) });
      }
    }
    await this.lock?.release();
  }
}

/** `--user` entries replace a fixture account of the same name (case-insensitive). */
function mergeUsers(base: readonly UserAccount[], extra: readonly UserAccount[]): UserAccount[] {
  const names = new Set(extra.map((u) => u.name.toLowerCase()));
  return [...base.filter((u) => !names.has(u.name.toLowerCase())), ...extra];
}
