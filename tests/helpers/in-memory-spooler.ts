/**
 * The real NTPRINT print server (fixture registry, drivers store, built-in modules) behind the
 * real DCE/RPC pipe provider, opened in process: no sockets, the same bytes as over SMB2 IPC$.
 */
import type { AuthenticatedUser } from '../../lib/common/identity';
import { createSilentLogger } from '../../lib/common/logger';
import type { NamedPipeInstance } from '../../lib/common/named-pipe';
import { DriverStore } from '../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../lib/point-and-print/module-registry';
import { createRpcPipeProvider } from '../../lib/rpc/rpc-pipe-provider';
import type { RpcPipeTransport } from '../../lib/rpc/client/rpc-client';
import { createPipeInstanceTransport } from '../../lib/rpc/client/pipe-instance-transport';
import { DEFAULT_FIXTURE_DIR, loadFixture, type PrintServerFixture } from '../../lib/spooler/fixture';
import { PrintServer } from '../../lib/spooler/print-server';
import type { SpoolerTraceListener } from '../../lib/point-and-print/spooler-trace';

export const ALICE_USER: AuthenticatedUser = {
  userName: 'alice',
  domain: 'WORKGROUP',
  groups: ['Users'],
  isAdministrator: false,
  isGuest: false,
  isAnonymous: false,
  machineName: 'MYCLIENT',
};

export interface InMemorySpooler {
  readonly fixture: PrintServerFixture;
  readonly server: PrintServer;
  readonly driverStore: DriverStore;
  /** Opens \pipe\spoolss as `user`, reached under `serverName`. */
  openSpoolss(user?: AuthenticatedUser, serverName?: string): NamedPipeInstance;
  close(): Promise<void>;
}

export async function startInMemorySpooler(trace?: SpoolerTraceListener): Promise<InMemorySpooler> {
  const fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
  const driverStore = await DriverStore.open(fixture.driversRoot);
  const server = await PrintServer.create({
    registry: fixture.registry,
    driverStore,
    settings: fixture.settings,
    modules: ModuleRegistry.withBuiltins(),
    logger: createSilentLogger(),
    ...(trace !== undefined && { trace }),
  });
  const pipes = createRpcPipeProvider({
    printProvider: server,
    shares: () => [],
    serverName: fixture.settings.serverName,
  });
  let n = 0;
  return {
    fixture,
    server,
    driverStore,
    openSpoolss(user = ALICE_USER, serverName = fixture.settings.serverName) {
      const pipe = pipes.open('spoolss', user, { connectionId: `mem-${++n}`, serverName });
      if (!pipe) throw new Error('no spoolss pipe');
      return pipe;
    },
    close: () => server.close(),
  };
}

/** TEST DOUBLE wrapper: counts the PDUs the client writes, and can cap every read at `readSize`. */
export function countingTransport(
  inner: RpcPipeTransport,
  readSize?: number,
): RpcPipeTransport & { writes: Buffer[]; reads: number } {
  const t = {
    writes: [] as Buffer[],
    reads: 0,
    transceive(data: Buffer, maxOutput?: number) {
      t.writes.push(data);
      return inner.transceive(data, readSize ?? maxOutput);
    },
    write(data: Buffer) {
      t.writes.push(data);
      return inner.write(data);
    },
    read(max: number) {
      t.reads++;
      return inner.read(readSize ?? max);
    },
    close: () => inner.close(),
  };
  return t;
}

export function spoolssTransport(
  spooler: InMemorySpooler,
  user?: AuthenticatedUser,
  serverName?: string,
): RpcPipeTransport {
  return createPipeInstanceTransport(spooler.openSpoolss(user, serverName));
}
