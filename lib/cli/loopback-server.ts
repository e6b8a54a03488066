/**
 * The print server the demo talks to: the fixture served over real SMB2, DCE/RPC over TCP and an
 * endpoint mapper on 127.0.0.1 (free ports), reached by our client as Windows 11 reaches a print
 * server by default (the mapper, MS-PAR over TCP at PKT_PRIVACY, files from PRINT$ over SMB2) —
 * server and client in one command, on the wire.
 */
import { createRemoteConnector } from '../client/providers/remote-connector';
import { isAdministratorAccount } from '../common/identity';
import { PrintServerHost } from '../host/print-server-host';
import type { ServerFactory } from './in-process-server';

export const startLoopbackServer: ServerFactory = async (options) => {
  const host = await PrintServerHost.create({
    fixtureDir: options.fixtureDir,
    logger: options.logger,
    ...(options.trace && { trace: options.trace }),
    ...(options.modulesConfig !== undefined && { modulesConfig: options.modulesConfig }),
    rpc: { port: 0, epmPort: 0 },
  });
  let address: { address: string; port: number };
  try {
    address = await host.listen(0, '127.0.0.1');
  } catch (err) {
    await host.close();
    throw err;
  }
  const epm = host.epmEndpoint;
  // The demo logs on as a standard user: what Point and Print is for.
  const users = host.settings.users;
  const account = users.find((u) => !isAdministratorAccount(u)) ?? users[0];
  return {
    serverName: host.settings.serverName,
    connector: createRemoteConnector({
      address: { host: address.address, port: address.port },
      rpcTransport: 'tcp',
      ...(epm !== undefined && { epmPort: epm.port }),
      logger: options.logger,
    }),
    ...(account && { demoCredentials: { userName: account.name, password: account.password } }),
    transport:
      `as Windows 11 does: the endpoint mapper at ${address.address}:${epm?.port ?? '-'}, MS-PAR over TCP ` +
      `at ${address.address}:${host.rpcEndpoint?.port ?? '-'} (SPNEGO, PKT_PRIVACY), files from PRINT$ over SMB2 at ${address.address}:${address.port}`,
    close: () => host.close(),
  };
};
