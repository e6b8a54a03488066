/**
 * SPNEGO as a DCE/RPC security provider — RPC_C_AUTHN_GSS_NEGOTIATE (auth_type 9), with NTLMSSP
 * inside (Kerberos inside is kerberos-mechanism.ts) ([MS-SPNG], [MS-RPCE] 2.2.1.1.7: an even number of legs):
 *   bind(NegTokenInit{NEGOTIATE}) -> bind_ack(NegTokenResp{CHALLENGE})
 *   alter_context(NegTokenResp{AUTHENTICATE, mechListMIC}) -> alter_context_resp(NegTokenResp{accept-completed, mechListMIC})
 * A client that does not wait for the server's mechListMIC may send the third leg in an rpc_auth_3
 * instead; the server then drops its last token. (Samba's server refuses that; Windows clients use
 * alter_context for SPNEGO, whose legs are even per [MS-RPCE] 2.2.1.1.7.)
 *
 * Each mechListMIC spends sequence number 0 of its direction, and [MS-SPNG] 3.1.5.1 restores only
 * the RC4 handle, so a direction that carried one starts its RPC signatures at 1 — what Samba's
 * client sends (gensec_spnego keeps the sequence numbers after a MIC check). UNCONFIRMED for the
 * rpc_auth_3 variant, where the server's MIC is made but never delivered; we count it as made.
 *
 * The exchange is lib/auth's GssAcceptor and GssInitiator. They report the session key but not
 * the NTLM flags in force, which session security needs, so this reads the CHALLENGE and the
 * AUTHENTICATE inside the SPNEGO tokens it passes (public decoders) and applies the same rule as
 * NtlmAcceptor/NtlmInitiator (ntlmFlagsInForce, initiatorFlagsInForce). Once the GSS layer
 * reports the flags, that reading goes.
 */
import { AuthenticationError, MalformedPacketError } from '../../common/errors';
import { type AcceptorOptions, GssAcceptor } from '../../auth/gss-acceptor';
import { GssInitiator, type InitiatorOptions } from '../../auth/gss-initiator';
import { ntlmFlagsInForce } from '../../auth/ntlm-acceptor';
import { NtlmMessageType } from '../../auth/ntlm-constants';
import { initiatorFlagsInForce } from '../../auth/ntlm-initiator';
import { NtlmSessionSecurityError } from '../../auth/ntlm-session-security';
import { decodeNtlmAuthenticate, decodeNtlmChallenge, isNtlmssp, ntlmMessageType } from '../../auth/ntlmssp-messages';
import { decodeSpnegoToken } from '../../auth/spnego';
import { RpcAuthnType } from '../constants';
import { spnegoKerberosAcceptorMechanism, spnegoOffersKerberosFirst } from './kerberos-mechanism';
import { ntlmEstablished } from './ntlm-established';
import type { AcceptorLeg, InitiatorLeg, RpcAcceptorMechanism, RpcInitiatorMechanism } from './security-provider';

/** The NTLM message a token carries (raw, or as SPNEGO's mechToken/responseToken), if any. */
function ntlmInside(token: Buffer | undefined): Buffer | undefined {
  if (token === undefined || token.length === 0) return undefined;
  if (isNtlmssp(token)) return token;
  const spnego = decodeSpnegoToken(token);
  return spnego.kind === 'init' ? spnego.init.mechToken : spnego.resp.responseToken;
}

/** The token is a NegTokenResp carrying a mechListMIC (the direction's sequence number 0 is spent). */
function hasMechListMic(token: Buffer | undefined): boolean {
  if (token === undefined || token.length === 0 || isNtlmssp(token)) return false;
  const spnego = decodeSpnegoToken(token);
  return spnego.kind === 'resp' && spnego.resp.mechListMIC !== undefined;
}

function challengeFlags(token: Buffer | undefined): number | undefined {
  const ntlm = ntlmInside(token);
  if (ntlm === undefined || ntlmMessageType(ntlm) !== NtlmMessageType.NtLmChallenge) return undefined;
  return decodeNtlmChallenge(ntlm).flags;
}

/**
 * SPNEGO on the server: Kerberos (kerberos-mechanism.ts) when a keytab is configured and the
 * client's first token puts Kerberos first with its AP-REQ, else NTLMSSP through GssAcceptor.
 */
export function spnegoAcceptorMechanism(options: AcceptorOptions): RpcAcceptorMechanism {
  let chosen: RpcAcceptorMechanism | undefined;
  const choose = (token: Buffer): RpcAcceptorMechanism => {
    const kerberos = options.kerberos;
    if (kerberos !== undefined) {
      try {
        const spnego = decodeSpnegoToken(token);
        if (spnego.kind === 'init' && spnegoOffersKerberosFirst(spnego.init))
          return spnegoKerberosAcceptorMechanism(kerberos, options.lookupUser);
      } catch (e) {
        if (!(e instanceof MalformedPacketError)) throw e;
      }
    }
    return spnegoNtlmAcceptorMechanism(options);
  };
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE,
    step: (token) => {
      chosen ??= choose(token);
      return chosen.step(token);
    },
  };
}

function spnegoNtlmAcceptorMechanism(options: AcceptorOptions): RpcAcceptorMechanism {
  const gss = new GssAcceptor(options);
  let offered: number | undefined;
  const step = (token: Buffer): AcceptorLeg => {
    const result = gss.step(token);
    switch (result.state) {
      case 'continue':
        offered = challengeFlags(result.responseToken) ?? offered;
        return { state: 'continue', token: result.responseToken };
      case 'failed':
        return { state: 'failed', reason: result.reason };
      case 'done': {
        const authenticate = ntlmInside(token);
        if (offered === undefined || authenticate === undefined)
          return { state: 'failed', reason: 'no NTLM CHALLENGE/AUTHENTICATE seen in the SPNEGO exchange' };
        const flags = ntlmFlagsInForce(decodeNtlmAuthenticate(authenticate).flags, offered);
        const mech = `SPNEGO(NTLMSSP${gss.mechanism === 'raw' ? ', raw' : ''})`;
        const security = ntlmEstablished(flags, result.sessionKey, 'server', mech, {
          outgoing: hasMechListMic(result.responseToken) ? 1 : 0,
          incoming: hasMechListMic(token) ? 1 : 0,
        });
        return { state: 'done', token: result.responseToken, user: result.user, security };
      }
    }
  };
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE,
    step: (token) => {
      try {
        return step(token);
      } catch (e) {
        if (e instanceof MalformedPacketError || e instanceof NtlmSessionSecurityError)
          return { state: 'failed', reason: e.message };
        throw e;
      }
    },
  };
}

export function spnegoInitiatorMechanism(options: Omit<InitiatorOptions, 'useSpnego'>): RpcInitiatorMechanism {
  const gss = new GssInitiator({ ...options, useSpnego: true });
  let flags: number | undefined;
  let sentMic = false;
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE,
    step: (serverToken): InitiatorLeg => {
      let offered: number | undefined;
      try {
        offered = challengeFlags(serverToken);
      } catch (e) {
        if (e instanceof MalformedPacketError)
          throw new AuthenticationError(`bad token from the server: ${e.message}`, { cause: e });
        throw e;
      }
      const out = gss.step(serverToken);
      if (!out.done) return { state: 'continue', token: out.token };
      if (offered === undefined) throw new AuthenticationError('the server sent no NTLM CHALLENGE');
      flags = initiatorFlagsInForce(offered);
      sentMic = hasMechListMic(out.token);
      return { state: 'done', token: out.token, expectsReply: true };
    },
    finish: (serverToken) => {
      gss.finish(serverToken);
      if (flags === undefined) throw new AuthenticationError('finish() before the NTLM exchange');
      const incoming = serverToken.length > 0 && hasMechListMic(serverToken) ? 1 : 0;
      return ntlmEstablished(flags, gss.sessionKey ?? Buffer.alloc(0), 'client', 'SPNEGO(NTLMSSP)', {
        outgoing: sentMic ? 1 : 0,
        incoming,
      });
    },
  };
}
