/**
 * Raw NTLMSSP as a DCE/RPC security provider — RPC_C_AUTHN_WINNT (auth_type 10, [MS-RPCE]
 * 2.2.1.1.7), three legs: bind(NEGOTIATE) -> bind_ack(CHALLENGE) -> rpc_auth_3(AUTHENTICATE).
 * The NTLM work is lib/auth's NtlmAcceptor and NtlmInitiator; this only sequences the legs.
 */
import { AuthenticationError, MalformedPacketError } from '../../common/errors';
import { NtlmAcceptor, type NtlmAcceptorOptions } from '../../auth/ntlm-acceptor';
import { NtlmInitiator, type NtlmInitiatorOptions } from '../../auth/ntlm-initiator';
import { NtlmSessionSecurityError } from '../../auth/ntlm-session-security';
import { RpcAuthnType } from '../constants';
import { ntlmEstablished } from './ntlm-established';
import type { AcceptorLeg, InitiatorLeg, RpcAcceptorMechanism, RpcInitiatorMechanism } from './security-provider';

export function ntlmAcceptorMechanism(options: NtlmAcceptorOptions): RpcAcceptorMechanism {
  const ntlm = new NtlmAcceptor(options);
  let phase: 'negotiate' | 'authenticate' | 'over' = 'negotiate';
  const step = (token: Buffer): AcceptorLeg => {
    switch (phase) {
      case 'negotiate':
        phase = 'authenticate';
        return { state: 'continue', token: ntlm.processNegotiate(token) };
      case 'authenticate': {
        phase = 'over';
        const result = ntlm.processAuthenticate(token);
        if (!result.ok) return { state: 'failed', reason: result.reason };
        const security = ntlmEstablished(result.flags, result.sessionKey, 'server', `NTLMSSP ${result.kind}`);
        return { state: 'done', token: Buffer.alloc(0), user: result.user, security };
      }
      case 'over':
        return { state: 'failed', reason: 'the NTLM exchange is over' };
    }
  };
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_WINNT,
    step: (token) => {
      try {
        return step(token);
      } catch (e) {
        phase = 'over';
        if (e instanceof MalformedPacketError || e instanceof NtlmSessionSecurityError)
          return { state: 'failed', reason: e.message };
        throw e;
      }
    },
  };
}

export function ntlmInitiatorMechanism(options: NtlmInitiatorOptions): RpcInitiatorMechanism {
  const ntlm = new NtlmInitiator(options);
  let phase: 'negotiate' | 'authenticate' | 'over' = 'negotiate';
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_WINNT,
    step: (serverToken): InitiatorLeg => {
      if (phase === 'negotiate') {
        phase = 'authenticate';
        return { state: 'continue', token: ntlm.negotiate() };
      }
      if (phase === 'over' || serverToken === undefined || serverToken.length === 0)
        throw new AuthenticationError('the server sent no NTLM CHALLENGE');
      phase = 'over';
      let auth;
      try {
        auth = ntlm.authenticate(serverToken);
      } catch (e) {
        if (e instanceof MalformedPacketError)
          throw new AuthenticationError(`bad NTLM CHALLENGE: ${e.message}`, { cause: e });
        throw e;
      }
      const security = ntlmEstablished(auth.flags, auth.sessionKey, 'client', 'NTLMSSP');
      return { state: 'done', token: auth.token, expectsReply: false, security };
    },
    finish: (): never => {
      throw new AuthenticationError('NTLMSSP has no fourth leg');
    },
  };
}
