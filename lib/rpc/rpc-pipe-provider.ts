/**
 * The named-pipe provider the SMB2 server's IPC$ share uses: `spoolss` (MS-RPRN), `srvsvc`
 * (MS-SRVS), and, given the server's accounts, `lsarpc` ([MS-LSAD]/[MS-LSAT]; Windows serves the
 * same LSA endpoint as `lsass` and `samr`, and SAMR on all three) and, given its registry, `winreg`
 * ([MS-RRP]). Each open is a DCE/RPC connection of its own; a bind starts an association group or
 * joins one another open of this provider started (a context handle is valid in its group only).
 *
 * The caller of a call is the RPC identity when the bind authenticated (SPNEGO or NTLMSSP, with
 * the same accounts as SMB2's SESSION_SETUP), else the SMB session's user ([MS-RPRN] 2.1: no RPC
 * authentication is required on \pipe\spoolss). `pipeMinAuthLevel` refuses calls below a level.
 */
import type { AcceptorOptions } from '../auth/gss-acceptor';
import type { AuthenticatedUser } from '../common/identity';
import type { Logger } from '../common/logger';
import { createSilentLogger } from '../common/logger';
import type { NamedPipeInstance, NamedPipeProvider } from '../common/named-pipe';
import type { PrintProvider } from '../spoolss/print-provider';
import { serverAcceptors } from './auth/providers';
import { RpcPipeEndpoint } from './pipe-endpoint';
import { rprnInterface } from './rprn/rprn-interface';
import { AssociationGroupTable } from './server/association-groups';
import { createAuthPolicy } from './server/auth-policy';
import { statelessInterface } from './server/rpc-interface';
import { createSrvsvcInterface } from './srvsvc/srvsvc-interface';
import type { AccountDirectory } from './accounts/account-directory';
import { lsarpcInterface } from './lsarpc/lsarpc-interface';
import type { RpcInterfaceDefinition } from './server/rpc-interface';
import type { Registry } from '../registry/registry-key';
import { winregInterface } from './winreg/winreg-interface';
import { samrInterface } from './samr/samr-interface';

export { callerFromUser } from './server/caller';

export interface RpcPipeProviderOptions {
  readonly printProvider: PrintProvider;
  readonly shares: () => ReadonlyArray<{ name: string; type: number; comment: string }>;
  readonly serverName: string;
  readonly logger?: Logger;
  readonly maxHandlesPerPipe?: number;
  /** The accounts for authenticated binds (SMB2's GssAcceptor options); every verifier is refused without. */
  readonly acceptor?: AcceptorOptions;
  /** Least auth level of a call on these pipes; RPC_C_AUTHN_LEVEL_NONE (anything) by default. */
  readonly pipeMinAuthLevel?: number;
  /** Association groups alive at once over the pipes (DEFAULT_MAX_ASSOCIATION_GROUPS, 4096, by default). */
  readonly maxAssociationGroups?: number;
  /** The server's accounts: serves `lsarpc`, `samr` and `lsass` (LSA and SAMR on each) when given. */
  readonly accounts?: AccountDirectory;
  /** The spooler's registry: serves `winreg` (read-only) when given. */
  readonly registry?: () => Registry;
}

export const PIPE_SPOOLSS = 'spoolss';
export const PIPE_SRVSVC = 'srvsvc';
export const PIPE_LSARPC = 'lsarpc';
/** Windows' other names of the LSA endpoint ([MS-LSAD] 2.1, [MS-SAMR] 2.1). */
export const PIPE_LSASS = 'lsass';
export const PIPE_WINREG = 'winreg';
export const PIPE_SAMR = 'samr';

interface PipeEntry {
  readonly interfaces: readonly RpcInterfaceDefinition[];
  /** bind_ack sec_addr, as Windows spells it. */
  readonly secondaryAddress: string;
}

export function createRpcPipeProvider(options: RpcPipeProviderOptions): NamedPipeProvider {
  const base = options.logger ?? createSilentLogger();
  const groups = new AssociationGroupTable(base.child({ component: 'rpc' }), options.maxAssociationGroups);
  const policy = createAuthPolicy({
    ...(options.pipeMinAuthLevel !== undefined && { pipe: options.pipeMinAuthLevel }),
  });
  const acceptor = options.acceptor === undefined ? undefined : serverAcceptors(options.acceptor);
  const spoolss = rprnInterface({
    provider: options.printProvider,
    serverName: options.serverName,
    logger: base.child({ component: 'rpc', pipe: PIPE_SPOOLSS }),
    ...(options.maxHandlesPerPipe !== undefined && { maxHandles: options.maxHandlesPerPipe }),
  });
  const srvsvc = statelessInterface(createSrvsvcInterface({ shares: options.shares, serverName: options.serverName }));
  const pipes = new Map<string, PipeEntry>([
    [PIPE_SPOOLSS, { interfaces: [spoolss], secondaryAddress: '\\PIPE\\spoolss' }],
    [PIPE_SRVSVC, { interfaces: [srvsvc], secondaryAddress: '\\PIPE\\srvsvc' }],
  ]);
  if (options.accounts !== undefined) {
    const lsa = [
      lsarpcInterface({ directory: options.accounts, logger: base.child({ component: 'lsarpc' }) }),
      samrInterface({ directory: options.accounts, logger: base.child({ component: 'samr' }) }),
    ];
    // Windows' LSA process answers on all its pipe names, LSA and SAM alike, with one sec_addr.
    for (const name of [PIPE_LSARPC, PIPE_LSASS, PIPE_SAMR])
      pipes.set(name, { interfaces: lsa, secondaryAddress: '\\PIPE\\lsass' });
  }
  if (options.registry !== undefined) {
    const winreg = winregInterface({ registry: options.registry, logger: base.child({ component: 'winreg' }) });
    pipes.set(PIPE_WINREG, { interfaces: [winreg], secondaryAddress: '\\PIPE\\winreg' });
  }
  let opens = 0;
  return {
    pipeNames: [...pipes.keys()],
    open(
      pipeName: string,
      user: AuthenticatedUser,
      context: { readonly connectionId: string; readonly serverName: string },
    ): NamedPipeInstance | undefined {
      const name = pipeName.replace(/^\\?(pipe\\)?/i, '').toLowerCase();
      const entry = pipes.get(name);
      if (entry === undefined) return undefined;
      const logger = base.child({ component: 'rpc', pipe: name, connId: context.connectionId, open: ++opens });
      return new RpcPipeEndpoint({
        pipeName: name,
        interfaces: entry.interfaces,
        secondaryAddress: entry.secondaryAddress,
        groups,
        policy,
        ...(acceptor !== undefined && { acceptor }),
        user,
        logger,
      });
    },
  };
}
