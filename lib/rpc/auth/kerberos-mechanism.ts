/**
 * Kerberos as a DCE/RPC security provider on the server — RPC_C_AUTHN_GSS_KERBEROS (auth_type 16,
 * [MS-RPCE] 2.2.1.1.7), and Kerberos inside SPNEGO (auth_type 9) when the client puts it first.
 * Clients bind DCE style ([MS-KILE] 3.4.5.1), three legs:
 *   krb5:   bind(AP-REQ) -> bind_ack(AP-REP) -> rpc_auth_3(client AP-REP)
 *   SPNEGO: bind(NegTokenInit{[krb5, ...], AP-REQ}) -> bind_ack(NegTokenResp{accept-incomplete, krb5, AP-REP})
 *           alter_context(NegTokenResp{client AP-REP, mechListMIC}) -> alter_context_resp(NegTokenResp{accept-completed, mechListMIC})
 * The Kerberos work is lib/auth/kerberos (KerberosExchangeAcceptor); this sequences the legs and
 * hands the established context to kerberos-protection.ts. A refused AP-REQ fails the leg: a bind
 * gets bind_nak invalid_checksum ([MS-RPCE] 2.2.2.5: an unrecoverable error of the security
 * package). DEVIATION: whether Windows also returns the KRB-ERROR to an RPC client is UNCONFIRMED;
 * we send none.
 */
import type { AcceptorOptions } from '../../auth/gss-acceptor';
import { KerberosIntegrityError } from '../../auth/kerberos/errors';
import { KerberosExchangeAcceptor, type KerberosExchangeLeg } from '../../auth/kerberos/kerberos-dce';
import type { KerberosAcceptorSettings } from '../../auth/kerberos/kerberos-acceptor';
import {
  KERBEROS_V5_OID,
  MS_KERBEROS_V5_OID,
  NTLMSSP_OID,
  NegState,
  type NegTokenInit,
  decodeSpnegoToken,
  encodeNegTokenResp,
} from '../../auth/spnego';
import { MalformedPacketError } from '../../common/errors';
import { RpcAuthnType } from '../constants';
import { kerberosPacketProtection } from './kerberos-protection';
import type { AcceptorLeg, EstablishedSecurity, RpcAcceptorMechanism } from './security-provider';

type Done = Extract<KerberosExchangeLeg, { state: 'done' }>;

function established(done: Done, mechanism: string, firstIncomingSeq: number): EstablishedSecurity {
  return {
    protection: kerberosPacketProtection(done.context, firstIncomingSeq),
    description: `${mechanism} ${done.client}${done.dceStyle ? ' DCE-style' : ''}`,
  };
}

/** Runs `step`, turning malformed bytes into a refused leg. */
function guarded(step: (token: Buffer) => AcceptorLeg): (token: Buffer) => AcceptorLeg {
  let over = false;
  return (token) => {
    if (over) return { state: 'failed', reason: 'the exchange is over' };
    try {
      const leg = step(token);
      if (leg.state !== 'continue') over = true;
      return leg;
    } catch (e) {
      over = true;
      if (e instanceof MalformedPacketError) return { state: 'failed', reason: e.message };
      throw e;
    }
  };
}

export function kerberosAcceptorMechanism(
  settings: KerberosAcceptorSettings,
  lookupUser: AcceptorOptions['lookupUser'],
): RpcAcceptorMechanism {
  const exchange = new KerberosExchangeAcceptor(settings, lookupUser);
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_KERBEROS,
    step: guarded((token) => {
      const leg = exchange.step(token);
      if (leg.state !== 'done') return leg;
      const security = established(leg, 'Kerberos', leg.initiatorSeq);
      return { state: 'done', token: leg.token, user: leg.user, security };
    }),
  };
}

/** The client's NegTokenInit puts Kerberos first and carries its AP-REQ. */
export function spnegoOffersKerberosFirst(init: NegTokenInit): boolean {
  const krb = init.mechTypes.findIndex((m) => m === MS_KERBEROS_V5_OID || m === KERBEROS_V5_OID);
  const ntlm = init.mechTypes.indexOf(NTLMSSP_OID);
  return krb === 0 && init.mechToken !== undefined && ntlm !== 0;
}

/** SPNEGO carrying Kerberos (the client's first choice), with the mechListMIC of [MS-SPNG] 3.1.5.1. */
export function spnegoKerberosAcceptorMechanism(
  settings: KerberosAcceptorSettings,
  lookupUser: AcceptorOptions['lookupUser'],
): RpcAcceptorMechanism {
  const exchange = new KerberosExchangeAcceptor(settings, lookupUser);
  let mechTypesDer: Buffer = Buffer.alloc(0);
  let supportedMech = KERBEROS_V5_OID;
  const finish = (done: Done, clientMic: Buffer | undefined, supported?: string): AcceptorLeg => {
    let incoming = done.initiatorSeq;
    let mechListMIC: Buffer | undefined;
    if (clientMic !== undefined) {
      try {
        incoming = Number(done.context.verifyMic(mechTypesDer, clientMic)) + 1;
      } catch (e) {
        if (e instanceof KerberosIntegrityError) return { state: 'failed', reason: 'the mechListMIC does not verify' };
        throw e;
      }
      mechListMIC = done.context.getMic(mechTypesDer);
    }
    const token = encodeNegTokenResp({
      negState: NegState.ACCEPT_COMPLETED,
      ...(supported !== undefined && { supportedMech: supported }),
      ...(done.token.length > 0 && { responseToken: done.token }),
      ...(mechListMIC && { mechListMIC }),
    });
    return { state: 'done', token, user: done.user, security: established(done, 'SPNEGO(Kerberos)', incoming) };
  };
  let first = true;
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE,
    step: guarded((token) => {
      const spnego = decodeSpnegoToken(token);
      if (first) {
        first = false;
        if (spnego.kind !== 'init' || spnego.init.mechToken === undefined)
          return { state: 'failed', reason: 'expected a NegTokenInit carrying an AP-REQ' };
        mechTypesDer = spnego.init.mechTypesDer;
        supportedMech = spnego.init.mechTypes[0] ?? KERBEROS_V5_OID;
        const leg = exchange.step(spnego.init.mechToken);
        if (leg.state === 'failed') return leg;
        if (leg.state === 'done') return finish(leg, spnego.init.mechListMIC, supportedMech);
        const resp = { negState: NegState.ACCEPT_INCOMPLETE, supportedMech, responseToken: leg.token };
        return { state: 'continue', token: encodeNegTokenResp(resp) };
      }
      if (spnego.kind !== 'resp' || spnego.resp.responseToken === undefined)
        return { state: 'failed', reason: 'expected a NegTokenResp carrying the client AP-REP' };
      const leg = exchange.step(spnego.resp.responseToken);
      if (leg.state === 'continue') return { state: 'failed', reason: 'the Kerberos exchange did not end' };
      if (leg.state === 'failed') return leg;
      return finish(leg, spnego.resp.mechListMIC);
    }),
  };
}
