/**
 * The least authentication level a call needs, per interface and transport — [MS-RPCE]
 * 3.3.1.5.2.1 (a server may refuse calls below the level an interface asks for), [MS-PAR] 2.1 and
 * 3.1.3 (IRemoteWinspool: RPC_C_AUTHN_LEVEL_PKT_PRIVACY, enforced by Windows since the
 * CVE-2021-1678 hardening, KB4599464), [MS-RPRN] 2.1 (\pipe\spoolss: no RPC authentication
 * required; the SMB session is the caller).
 *
 * A call below the level faults with RPC_S_ACCESS_DENIED (the fault Samba's dcesrv_request sends
 * for its min_auth_level; what Windows sends for IRemoteWinspool is UNCONFIRMED by a capture).
 */
import { EPMAPPER_SYNTAX } from '../epm/epm-constants';
import { RpcAuthnLevel, type SyntaxId } from '../constants';
import type { RpcTransport } from './rpc-interface';

export interface RpcAuthPolicy {
  minAuthLevel(iface: SyntaxId, transport: RpcTransport): number;
}

export interface RpcAuthPolicyOptions {
  /**
   * Least level on named pipes (\pipe\spoolss, \pipe\srvsvc). RPC_C_AUTHN_LEVEL_NONE by default:
   * unauthenticated binds are accepted, as Windows does; a higher level refuses them.
   */
  readonly pipe?: number;
  /**
   * Least level over TCP for the print interfaces (MS-PAR and MS-RPRN). PKT_PRIVACY by default.
   * DEVIATION: Windows' level for MS-RPRN over TCP is not documented; we hold it to MS-PAR's.
   */
  readonly tcp?: number;
}

export function createAuthPolicy(options: RpcAuthPolicyOptions = {}): RpcAuthPolicy {
  const pipe = options.pipe ?? RpcAuthnLevel.RPC_C_AUTHN_LEVEL_NONE;
  const tcp = options.tcp ?? RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY;
  return {
    minAuthLevel(iface, transport) {
      if (transport === 'ncacn_np') return pipe;
      // The endpoint mapper answers anyone ([MS-RPCE] 2.1.1.1: clients map anonymously).
      if (iface.uuid.toLowerCase() === EPMAPPER_SYNTAX.uuid) return RpcAuthnLevel.RPC_C_AUTHN_LEVEL_NONE;
      return tcp;
    },
  };
}

/** `none|connect|integrity|privacy` (the CLI's and the settings' names) -> the level. */
export const AUTH_LEVEL_NAMES: Readonly<Record<string, number>> = {
  none: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_NONE,
  connect: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_CONNECT,
  integrity: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
  privacy: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
};
