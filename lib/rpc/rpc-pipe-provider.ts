/**
 * The named-pipe provider the SMB2 server's IPC$ share uses: `spoolss` (MS-RPRN) and `srvsvc`
 * (MS-SRVS). Each open is its own DCE/RPC association with its own handle table; the caller is the
 * SMB session's user (no RPC-level authentication, [MS-RPRN] 2.1), turned into the spooler's
 * CallerContext with `remote: true`.
 */
import { randomInt } from 'node:crypto';
import type { AuthenticatedUser } from '../common/identity';
import type { Logger } from '../common/logger';
import { createSilentLogger } from '../common/logger';
import type { NamedPipeInstance, NamedPipeProvider } from '../common/named-pipe';
import type { PrintProvider } from '../spoolss/print-provider';
import type { CallerContext } from '../spoolss/types';
import { RpcPipeEndpoint } from './pipe-endpoint';
import { createRprnInterface } from './rprn/rprn-interface';
import { createSrvsvcInterface } from './srvsvc/srvsvc-interface';

export interface RpcPipeProviderOptions {
  readonly printProvider: PrintProvider;
  readonly shares: () => ReadonlyArray<{ name: string; type: number; comment: string }>;
  readonly serverName: string;
  readonly logger?: Logger;
  readonly maxHandlesPerPipe?: number;
}

export const PIPE_SPOOLSS = 'spoolss';
export const PIPE_SRVSVC = 'srvsvc';

export function callerFromUser(user: AuthenticatedUser): CallerContext {
  return {
    userName: user.userName,
    domain: user.domain,
    groups: user.groups,
    isAdministrator: user.isAdministrator,
    remote: true,
    ...(user.machineName !== undefined && { machineName: user.machineName }),
  };
}

export function createRpcPipeProvider(options: RpcPipeProviderOptions): NamedPipeProvider {
  const base = options.logger ?? createSilentLogger();
  let opens = 0;
  return {
    pipeNames: [PIPE_SPOOLSS, PIPE_SRVSVC],
    open(
      pipeName: string,
      user: AuthenticatedUser,
      context: { readonly connectionId: string; readonly serverName: string },
    ): NamedPipeInstance | undefined {
      const name = pipeName.replace(/^\\?(pipe\\)?/i, '').toLowerCase();
      const logger = base.child({ component: 'rpc', pipe: name, connId: context.connectionId, open: ++opens });
      const serverName = context.serverName || options.serverName;
      const assocGroupId = randomInt(1, 0x7fffffff);
      if (name === PIPE_SPOOLSS) {
        const rprn = createRprnInterface({
          provider: options.printProvider,
          caller: callerFromUser(user),
          serverName,
          logger,
          ...(options.maxHandlesPerPipe !== undefined && { maxHandles: options.maxHandlesPerPipe }),
        });
        return new RpcPipeEndpoint({
          pipeName: name,
          interfaces: [rprn],
          secondaryAddress: '\\PIPE\\spoolss',
          assocGroupId,
          logger,
        });
      }
      if (name === PIPE_SRVSVC) {
        const srvsvc = createSrvsvcInterface({ shares: options.shares, serverName: options.serverName, user });
        return new RpcPipeEndpoint({
          pipeName: name,
          interfaces: [srvsvc],
          secondaryAddress: '\\PIPE\\srvsvc',
          assocGroupId,
          logger,
        });
      }
      return undefined;
    },
  };
}
