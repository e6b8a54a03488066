/**
 * The print server the demo talks to: the fixture served over real SMB2 on 127.0.0.1 (a free
 * port), reached by our SMB2 + DCE/RPC client through the remote connector — server and client
 * in one command, on the wire.
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
  });
  let address: { address: string; port: number };
  try {
    address = await host.listen(0, '127.0.0.1');
  } catch (err) {
    await host.close();
    throw err;
  }
  // The demo logs on as a standard user: what Point and Print is for.
  const users = host.settings.users;
  const account = users.find((u) => !isAdministratorAccount(u)) ?? users[0];
  return {
    serverName: host.settings.serverName,
    connector: createRemoteConnector({
      address: { host: address.address, port: address.port },
      logger: options.logger,
    }),
    ...(account && { demoCredentials: { userName: account.name, password: account.password } }),
    transport: `over SMB2 at ${address.address}:${address.port} (IPC$ \\pipe\\spoolss for MS-RPRN, PRINT$ for files)`,
    close: () => host.close(),
  };
};
