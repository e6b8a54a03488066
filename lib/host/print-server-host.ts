/**
 * The composition root of a print server on the wire: a fixture (registry + settings + drivers
 * store) becomes a PrintServer (the local provider), exposed through DCE/RPC pipes (spoolss,
 * srvsvc) and printer shares on an SMB2 server. `pointprint serve`, the demo and the fixture
 * servers for other projects' tests all start servers through here.
 *
 * With a state folder the host takes it first (state-folder.ts: writable, one server at a time).
 * close() always finishes: the listener stops, open work gets a short grace, the connections are
 * closed, the spooler persists its state once and stops writing; whatever the clients do, it
 * resolves within about a second (a connection that is slower is left to finish on its own).
 */
import type { UserAccount } from '../common/identity';
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
  /** Receives the server spooler's Point-and-Print module calls (the demo prints them). */
  readonly trace?: SpoolerTraceListener;
  readonly logger?: Logger;
}

export class PrintServerHost {
  private closing: Promise<void> | undefined;

  private constructor(
    readonly fixture: PrintServerFixture,
    readonly settings: ServerSettings,
    readonly printServer: PrintServer,
    readonly smb2: Smb2Server,
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
      // With a state directory, emulated devices print jobs into <stateDir>/OUTPUT.
      ...(options.stateDir !== undefined && { stateDir: options.stateDir, printing: {} }),
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
      driverStore,
      pipes,
      printQueues,
      shareComments: printQueues.shareComments(),
      ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
      logger,
    });
    shareSource.server = smb2;
    return new PrintServerHost(fixture, settings, printServer, smb2, logger, control, lock);
  }

  listen(port: number, address = '127.0.0.1'): Promise<{ address: string; port: number }> {
    return this.smb2.listen(port, address);
  }

  /** See the header; a second call returns the first one's promise. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.control?.close();
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
    await this.lock?.release();
  }
}

/** `--user` entries replace a fixture account of the same name (case-insensitive). */
function mergeUsers(base: readonly UserAccount[], extra: readonly UserAccount[]): UserAccount[] {
  const names = new Set(extra.map((u) => u.name.toLowerCase()));
  return [...base.filter((u) => !names.has(u.name.toLowerCase())), ...extra];
}
