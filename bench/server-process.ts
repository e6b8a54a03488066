/**
 * Our server for the bench, in its own process: what `pointprint serve` starts (PrintServerHost,
 * the NTPRINT fixture, a temporary state directory, warnings on stderr), with the connection
 * limit raised, because the storms open up to 10,000 connections at once and the server refuses
 * those beyond `maxConnections` (1024 by default; `pointprint serve` has no option for it).
 *
 *   node server-process.js DRIVERS_DIR USER:PASSWORD MAX_CONNECTIONS [--signing-required] [--backlog N]
 *
 * --backlog is an experiment: the bench then listens itself, with that listen backlog, and hands
 * each socket to the server (Smb2Server.handle, what its listen() does with node's default
 * backlog of 511). Prints `listening on 127.0.0.1:PORT`, then the port of DCE/RPC over TCP, when ready; stops on SIGTERM, exiting
 * cleanly so that a V8 CPU profile (node --cpu-prof) is written.
 */
import { createServer, type Server } from 'node:net';
import tmp from 'tmp';
import { createLogger } from '../lib/common/logger';
import { PrintServerHost } from '../lib/host/print-server-host';

const USAGE = 'usage: server-process DRIVERS_DIR USER:PASSWORD MAX_CONNECTIONS [--signing-required] [--backlog N]\n';

/** Listens on 127.0.0.1 with the given backlog, as Smb2Server.listen() does with node's default. */
function listenWithBacklog(host: PrintServerHost, backlog: number): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    host.smb2.handle(socket, { ...(socket.remoteAddress !== undefined && { remoteAddress: socket.remoteAddress }) });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', backlog }, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

async function main(): Promise<void> {
  const [drivers, account, maxText, ...flags] = process.argv.slice(2);
  const separator = account?.indexOf(':') ?? -1;
  const maxConnections = Number(maxText);
  const backlogAt = flags.indexOf('--backlog');
  const backlog = backlogAt >= 0 ? Number(flags[backlogAt + 1]) : undefined;
  if (drivers === undefined || account === undefined || separator <= 0 || !(maxConnections > 0) || backlog === 0) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const state = tmp.dirSync({ prefix: 'pointprint-bench-state-', unsafeCleanup: true });
  const host = await PrintServerHost.create({
    driversDir: drivers,
    users: [{ name: account.slice(0, separator), password: account.slice(separator + 1), groups: ['Users'] }],
    stateDir: state.name,
    settings: { ...(flags.includes('--signing-required') && { signingRequired: true }) },
    maxConnections,
    logger: createLogger({ level: 'warn' }),
  });
  let own: Server | undefined;
  let port: number;
  if (backlog !== undefined && backlog > 0) ({ server: own, port } = await listenWithBacklog(host, backlog));
  else ({ port } = await host.listen(0, '127.0.0.1'));
  // host.listen starts DCE/RPC over TCP beside SMB2; with our own listener, start it here.
  const rpc = host.rpcEndpoint ?? (await host.rpcTcp.listenRpc(0, '127.0.0.1'));
  process.stdout.write(`listening on 127.0.0.1:${port}\n`);
  process.stdout.write(`RPC over TCP (MS-PAR, MS-RPRN) on 127.0.0.1:${rpc.port}\n`);
  process.once('SIGTERM', () => {
    own?.close();
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
