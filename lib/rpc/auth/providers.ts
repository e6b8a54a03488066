/**
 * The security providers pointprint serves and speaks over DCE/RPC: SPNEGO (auth_type 9) and raw
 * NTLMSSP (auth_type 10) over the one NTLM implementation of lib/auth, and with a keytab Kerberos
 * (auth_type 16, and inside SPNEGO) over lib/auth/kerberos.
 */
import type { AcceptorOptions } from '../../auth/gss-acceptor';
import { RpcAuthnType } from '../constants';
import { kerberosAcceptorMechanism } from './kerberos-mechanism';
import { ntlmAcceptorMechanism } from './ntlm-mechanism';
import type { RpcAcceptorMechanism } from './security-provider';
import { spnegoAcceptorMechanism } from './spnego-mechanism';

/** RpcServerSecurityOptions.acceptor for a server whose accounts `options` describe. */
export function serverAcceptors(options: AcceptorOptions): (authType: number) => RpcAcceptorMechanism | undefined {
  return (authType) => {
    switch (authType) {
      case RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE:
        return spnegoAcceptorMechanism(options);
      case RpcAuthnType.RPC_C_AUTHN_WINNT:
        return ntlmAcceptorMechanism(options);
      case RpcAuthnType.RPC_C_AUTHN_GSS_KERBEROS:
        return options.kerberos && kerberosAcceptorMechanism(options.kerberos, options.lookupUser);
      default:
        return undefined;
    }
  };
}
