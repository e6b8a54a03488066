/**
 * Turns the end of an NTLM exchange (flags in force, exported session key) into the protection
 * DCE/RPC uses. Guest and anonymous logons have no session key, hence no protection: such a
 * context is usable at RPC_C_AUTHN_LEVEL_CONNECT only.
 */
import { ntlmFlagNames } from '../../auth/ntlm-constants';
import { NtlmSessionSecurity, type NtlmRole } from '../../auth/ntlm-session-security';
import { ntlmPacketProtection } from './ntlm-protection';
import type { EstablishedSecurity } from './security-provider';

/** Throws NtlmSessionSecurityError for flags NTLM session security refuses (NTLMSSP_NEGOTIATE_DATAGRAM). */
export function ntlmEstablished(
  flags: number,
  exportedSessionKey: Buffer,
  role: NtlmRole,
  mechanism: string,
  firstSeqNum?: { readonly outgoing: number; readonly incoming: number },
): EstablishedSecurity {
  const description = `${mechanism} ${ntlmFlagNames(flags).join('|')}`;
  if (exportedSessionKey.length === 0)
    return { protection: undefined, description: `${mechanism} without a session key` };
  const session = new NtlmSessionSecurity({ flags, exportedSessionKey, role, ...(firstSeqNum && { firstSeqNum }) });
  return { protection: ntlmPacketProtection(session), description };
}
