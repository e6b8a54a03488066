/**
 * The composition root of a print server on the wire: a fixture (registry + settings + drivers
 * store) becomes a PrintServer (the local provider), exposed through DCE/RPC pipes (spoolss,
 * srvsvc) and printer shares on an SMB2 server. `pointprint serve`, the demo and the fixture
 * servers for other projects' tests all start servers through here.
 */
import * as path from 'node:path';
import { createKerberosAcceptorSettings } from '../auth/kerberos/kerberos-acceptor';
import { InvalidStateError } from '../common/errors';
import { isAdministratorAccount, type UserAccount } from '../common/identity';
import { createSilentLogger, type Logger } from '../common/logger';
import { DriverStore } from '../drivers/driver-store';
import { ModuleRegistry } from '../point-and-print/module-registry';
import { createRpcPipeProvider } from '../rpc/rpc-pipe-provider';
import { Smb2Server } from '../smb2/server/smb2-server';
import { DEFAULT_FIXTURE_DIR, loadFixture, type PrintServerFixture, type ServerSettings } from '../spooler/fixture';
import { PrintServer } from '../spooler/print-server';
import type { SpoolerTraceListener } from '../point-and-print/spooler-trace';
import { ControlServer } from '../spooler/control/control-server';
import { controlSocketPath } from '../spooler/control/control-protocol';
import { spoolerWindowOf } from '../web/spooler-window';
import { WebViewServer } from '../web/web-view-server';
import { createPrintQueueAdapter } from './print-queue-adapter';

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
  /** Receives the server spooler's Point-and-Print module calls (the demo prints them). */
  readonly trace?: SpoolerTraceListener;
  readonly logger?: Logger;
}

export class PrintServerHost {
  /** The live web view, once startWebView has run. */
  webView: WebViewServer | undefined;

  private constructor(
    readonly fixture: PrintServerFixture,
    readonly settings: ServerSettings,
    readonly printServer: PrintServer,
    readonly smb2: Smb2Server,
    private readonly logger: Logger,
    /** The local control channel (`<stateDir>/spooler.sock`), with a state directory. */
    readonly control?: ControlServer,
  ) {}

  static async create(options: PrintServerHostOptions = {}): Promise<PrintServerHost> {
    const logger = options.logger ?? createSilentLogger();
    const fixture = await loadFixture(options.fixtureDir ?? DEFAULT_FIXTURE_DIR);
    const settings: ServerSettings = {
      ...fixture.settings,
      ...options.settings,
      users: mergeUsers(fixture.settings.users, options.users ?? []),
    };
    const driverStore = await DriverStore.open(options.driversDir ?? fixture.driversRoot);
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
      await control.listen(controlSocketPath(options.stateDir));
    }
    const printQueues = createPrintQueueAdapter(printServer, settings.serverName);
    await printQueues.refresh();
    // The SMB2 server owns the share list and srvsvc reads it on each call: a late-bound reference.
    const shareSource: { server?: Smb2Server } = {};
    const pipes = createRpcPipeProvider({
      printProvider: printServer,
      shares: () => shareSource.server?.shares() ?? [],
      serverName: settings.serverName,
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
      ...(settings.keytab !== undefined && {
        kerberos: createKerberosAcceptorSettings({
          keytab: path.resolve(fixture.dir, settings.keytab),
          ...(settings.kerberosPrincipals && { principalMap: settings.kerberosPrincipals }),
        }),
      }),
      driverStore,
      pipes,
      printQueues,
      shareComments: printQueues.shareComments(),
      ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
      logger,
    });
    shareSource.server = smb2;
    return new PrintServerHost(fixture, settings, printServer, smb2, logger, control);
  }

  listen(port: number, address = '127.0.0.1'): Promise<{ address: string; port: number }> {
    return this.smb2.listen(port, address);
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

  async close(): Promise<void> {
    await this.webView?.close();
    await this.control?.close();
    await this.smb2.close();
    await this.printServer.close();
  }
}

/** `--user` entries replace a fixture account of the same name (case-insensitive). */
function mergeUsers(base: readonly UserAccount[], extra: readonly UserAccount[]): UserAccount[] {
  const names = new Set(extra.map((u) => u.name.toLowerCase()));
  return [...base.filter((u) => !names.has(u.name.toLowerCase())), ...extra];
}
