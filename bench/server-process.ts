/**
 * Our server for the bench, in its own process: what `pointprint serve` starts (PrintServerHost,
 * the NTPRINT fixture, a temporary state directory, warnings on stderr), with the limits a storm
 * meets raised, because the storms open up to 10,000 connections at once, all from 127.0.0.1 and
 * as one user:
 *   - maxConnections (1024 by default; `serve --max-connections`) to MAX_CONNECTIONS;
 *   - connections served per address before logon (a quarter of maxConnections) to all of them;
 *   - opens and named pipes per user and per server (each flow holds \pipe\spoolss) to 4 and 2
 *     per connection, and the pipes' DCE/RPC association groups (4096) to 2 per connection.
 * The deadlines to negotiate and to log on stay the server's (30 s and 60 s from the connection's
 * arrival) unless --deadlines sets both: a storm's flow timeout, because in a storm of thousands of
 * flows on a loaded machine the load generator itself sends its NEGOTIATE up to a minute after its
 * connect (the server answers it in milliseconds once it comes), and the deadline then measured the
 * client processes' starvation, not the server (docs/benchmarks.md).
 *
 *   node server-process.js DRIVERS_DIR USER:PASSWORD MAX_CONNECTIONS [--signing-required] [--backlog N]
 *                          [--deadlines MS]
 *
 * --backlog sets the listen backlog (`serve --backlog`; the server's default is 4096). Prints
 * `listening on 127.0.0.1:PORT`, then the port of DCE/RPC over TCP, when ready; stops on SIGTERM,
 * exiting cleanly so that a V8 CPU profile (node --cpu-prof) is written.
 */
import tmp from 'tmp';
import { createLogger } from '../lib/common/logger';
import { PrintServerHost } from '../lib/host/print-server-host';
import { tuneHeapForServer } from '../lib/host/server-heap';
import type { ServerLimits } from '../lib/smb2/server/server-limits';

const USAGE =
  'usage: server-process DRIVERS_DIR USER:PASSWORD MAX_CONNECTIONS [--signing-required] [--backlog N] [--deadlines MS]\n';

/** The budgets one user from one address meets in a storm of `maxConnections` flows. */
function stormLimits(maxConnections: number): Partial<ServerLimits> {
  return {
    maxConnections,
    maxUnauthenticatedConnectionsPerPeer: maxConnections,
    maxOpensPerUser: 4 * maxConnections,
    maxOpensPerServer: 4 * maxConnections,
    maxPipesPerUser: 2 * maxConnections,
    maxPipesPerServer: 2 * maxConnections,
  };
}

async function main(): Promise<void> {
  const [drivers, account, maxText, ...flags] = process.argv.slice(2);
  const separator = account?.indexOf(':') ?? -1;
  const maxConnections = Number(maxText);
  const backlogAt = flags.indexOf('--backlog');
  const backlog = backlogAt >= 0 ? Number(flags[backlogAt + 1]) : undefined;
  const deadlinesAt = flags.indexOf('--deadlines');
  const deadlines = deadlinesAt >= 0 ? Number(flags[deadlinesAt + 1]) : undefined;
  if (
    drivers === undefined ||
    account === undefined ||
    separator <= 0 ||
    !(maxConnections > 0) ||
    (backlog !== undefined && !(backlog > 0)) ||
    (deadlines !== undefined && !Number.isSafeInteger(deadlines)) ||
    (deadlines !== undefined && !(deadlines > 0))
  ) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  // As `pointprint serve` sizes its heap (lib/host/server-heap.ts).
  tuneHeapForServer();
  const state = tmp.dirSync({ prefix: 'pointprint-bench-state-', unsafeCleanup: true });
  const host = await PrintServerHost.create({
    driversDir: drivers,
    users: [{ name: account.slice(0, separator), password: account.slice(separator + 1), groups: ['Users'] }],
    stateDir: state.name,
    settings: { ...(flags.includes('--signing-required') && { signingRequired: true }) },
    maxConnections,
    smb2Limits: {
      ...stormLimits(maxConnections),
      ...(deadlines !== undefined && { negotiateTimeoutMs: deadlines, authenticationTimeoutMs: deadlines }),
    },
    rpc: { maxPipeAssociationGroups: 2 * maxConnections },
    ...(backlog !== undefined && { listenBacklog: backlog }),
    logger: createLogger({ level: 'warn' }),
  });
  const { port } = await host.listen(0, '127.0.0.1');
  const rpc = host.rpcEndpoint ?? (await host.rpcTcp.listenRpc(0, '127.0.0.1'));
  process.stdout.write(`listening on 127.0.0.1:${port}\n`);
  process.stdout.write(`RPC over TCP (MS-PAR, MS-RPRN) on 127.0.0.1:${rpc.port}\n`);
  process.once('SIGTERM', () => {
    void host
      .close()
      .catch(() => undefined)
      .finally(() => {
        state.removeCallback();
        process.exit(0);
      });
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
