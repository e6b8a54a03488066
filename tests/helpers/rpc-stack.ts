/**
 * The real stack for the interop tests: the NTPRINT fixture (lib/spooler/fixture.ts) -> PrintServer
 * -> createRpcPipeProvider -> Smb2Server on 127.0.0.1:0, and helpers to run third-party tools
 * against it. The suites use tests/helpers/interop-tools (in CI a missing tool fails, never skips).
 */
import { execFile } from 'node:child_process';
import { createSilentLogger } from '../../lib/common/logger';
import { createAccountDirectory } from '../../lib/host/account-directory';
import { createPrintQueueAdapter } from '../../lib/host/print-queue-adapter';
import { DriverStore } from '../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../lib/point-and-print/module-registry';
import { createRpcPipeProvider } from '../../lib/rpc/rpc-pipe-provider';
import { Smb2Server } from '../../lib/smb2/server/smb2-server';
import { DEFAULT_FIXTURE_DIR, loadFixture } from '../../lib/spooler/fixture';
import { PrintServer } from '../../lib/spooler/print-server';
import { TOOLS } from './interop-tools';

export interface RpcStack {
  readonly port: number;
  readonly printServer: PrintServer;
  readonly smb: Smb2Server;
  close(): Promise<void>;
}

export async function startRpcStack(): Promise<RpcStack> {
  const fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
  const logger = createSilentLogger();
  const driverStore = await DriverStore.open(fixture.driversRoot);
  const printServer = await PrintServer.create({
    fixture: { dir: fixture.dir },
    registry: fixture.registry,
    driverStore,
    settings: { serverName: fixture.settings.serverName },
    modules: ModuleRegistry.withBuiltins(),
    logger,
  });
  const printQueues = createPrintQueueAdapter(printServer, fixture.settings.serverName);
  await printQueues.refresh();
  const pipes = createRpcPipeProvider({
    printProvider: printServer,
    // `smb` is created just below; shares are asked for only once it serves.
    shares: () => smb.shares(),
    serverName: fixture.settings.serverName,
    accounts: createAccountDirectory(fixture.settings.serverName, fixture.settings.domain, fixture.settings.users),
    registry: () => printServer.registry,
    logger,
  });
  const smb = new Smb2Server({
    serverName: fixture.settings.serverName,
    domain: fixture.settings.domain,
    users: fixture.settings.users,
    allowGuest: false,
    allowAnonymous: false,
    allowNtlmV1: false,
    signingRequired: false,
    driverStore,
    pipes,
    printQueues,
    logger,
  });
  const { port } = await smb.listen(0, '127.0.0.1');
  return { port, printServer, smb, close: () => smb.close() };
}

export const ALICE = 'alice%Passw0rd!';
export const ADMIN = 'admin%Adm1n!pass';

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(file: string, args: readonly string[], timeoutMs = 30000, input?: string): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code =
          err === null
            ? 0
            : typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number'
              ? (err as unknown as { code: number }).code
              : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** rpcclient with our port, plain SMB2 (no signing demanded on IPC$). */
export function rpcclient(port: number, user: string, commands: string): Promise<ToolResult> {
  return run(TOOLS.rpcclient, [
    '-p',
    String(port),
    '-U',
    user,
    '--option=clientipcsigning=auto',
    '-c',
    commands,
    '127.0.0.1',
  ]);
}
