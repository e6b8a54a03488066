/**
 * A connector that finds the server on the network when it connects: the name resolves through
 * `--address`, the hosts map, then DNS (server-address.ts), and the remote connector speaks SMB2
 * and MS-RPRN to that address under the name the user wrote.
 */
import type { PrintServerConnector } from '../client/print-server-connection';
import { createRemoteConnector } from '../client/providers/remote-connector';
import type { Logger } from '../common/logger';
import { resolveServerAddress } from './server-address';

export interface NetworkConnectorOptions {
  /** `host[:port]` from `--address`. */
  readonly address?: string;
  /** A port that overrides the one resolved (`--port`). */
  readonly port?: number;
  readonly hosts?: Readonly<Record<string, string>>;
  readonly hostsFile?: string;
  readonly logger?: Logger;
}

export function createNetworkConnector(options: NetworkConnectorOptions): PrintServerConnector {
  return async (serverName, connectOptions) => {
    const found = await resolveServerAddress(serverName, {
      ...(options.address !== undefined && { address: options.address }),
      ...(options.hosts !== undefined && { hosts: options.hosts }),
      ...(options.hostsFile !== undefined && { hostsFile: options.hostsFile }),
    });
    const port = options.port ?? found.port;
    options.logger?.info('server address', { server: serverName, host: found.host, port, source: found.source });
    const remote = createRemoteConnector({
      address: { host: found.host, port },
      ...(options.logger !== undefined && { logger: options.logger }),
    });
    return remote(serverName, connectOptions);
  };
}
