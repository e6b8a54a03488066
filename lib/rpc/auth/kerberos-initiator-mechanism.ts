/**
 * Kerberos as a DCE/RPC security provider on the client, DCE style ([MS-KILE] 3.2.5.2), with a
 * service ticket for host/<server> (kdc-client.ts acquireServiceTicket):
 *   krb5 (auth_type 16):  bind(AP-REQ) -> bind_ack(AP-REP) -> rpc_auth_3(our AP-REP)
 *   SPNEGO (auth_type 9): bind(NegTokenInit{[MS-KRB5, KRB5], AP-REQ}) -> bind_ack(NegTokenResp{AP-REP})
 *     -> alter_context(NegTokenResp{our AP-REP, mechListMIC}) -> alter_context_resp(NegTokenResp{accept-completed, mechListMIC})
 * What Windows' client sends for a print server in a domain: SPNEGO, Kerberos first.
 */
import { KerberosError } from '../../auth/kerberos/errors';
import type { ServiceTicket } from '../../auth/kerberos/kdc-client';
import { KerberosDceInitiator } from '../../auth/kerberos/kerberos-dce';
import { KerberosIntegrityError } from '../../auth/kerberos/errors';
import {
  KERBEROS_V5_OID,
  MS_KERBEROS_V5_OID,
  NegState,
  decodeSpnegoToken,
  encodeMechTypeList,
  encodeNegTokenInit,
  encodeNegTokenResp,
} from '../../auth/spnego';
import { AuthenticationError, MalformedPacketError } from '../../common/errors';
import { RpcAuthnType } from '../constants';
import { kerberosPacketProtection } from './kerberos-protection';
import type { EstablishedSecurity, InitiatorLeg, RpcInitiatorMechanism } from './security-provider';

function clientError(e: unknown): unknown {
  if (e instanceof KerberosError || e instanceof MalformedPacketError)
    return new AuthenticationError(`Kerberos: ${e.message}`, { cause: e });
  return e;
}

function serverToken(token: Buffer | undefined): Buffer {
  if (token === undefined || token.length === 0) throw new AuthenticationError('the server sent no Kerberos AP-REP');
  return token;
}

export function kerberosInitiatorMechanism(ticket: ServiceTicket, now?: () => Date): RpcInitiatorMechanism {
  const krb = new KerberosDceInitiator(ticket, now);
  let phase: 'ap-req' | 'ap-rep' | 'over' = 'ap-req';
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_KERBEROS,
    step: (token): InitiatorLeg => {
      if (phase === 'ap-req') {
        phase = 'ap-rep';
        return { state: 'continue', token: krb.apReq() };
      }
      if (phase === 'over') throw new AuthenticationError('the Kerberos exchange is over');
      phase = 'over';
      let apRep: Buffer;
      try {
        apRep = krb.apRep(serverToken(token));
      } catch (e) {
        throw clientError(e);
      }
      const security: EstablishedSecurity = {
        protection: kerberosPacketProtection(krb.context, krb.acceptorSeq),
        description: 'Kerberos DCE-style',
      };
      return { state: 'done', token: apRep, expectsReply: false, security };
    },
    finish: (): never => {
      throw new AuthenticationError('DCE-style Kerberos ends with rpc_auth_3');
    },
  };
}

const MECH_TYPES = [MS_KERBEROS_V5_OID, KERBEROS_V5_OID];

export function spnegoKerberosInitiatorMechanism(ticket: ServiceTicket, now?: () => Date): RpcInitiatorMechanism {
  const krb = new KerberosDceInitiator(ticket, now);
  const mechTypesDer = encodeMechTypeList(MECH_TYPES);
  let phase: 'ap-req' | 'ap-rep' | 'final' | 'over' = 'ap-req';
  return {
    authType: RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE,
    step: (token): InitiatorLeg => {
      if (phase === 'ap-req') {
        phase = 'ap-rep';
        return { state: 'continue', token: encodeNegTokenInit({ mechTypes: MECH_TYPES, mechToken: krb.apReq() }) };
      }
      if (phase !== 'ap-rep') throw new AuthenticationError('the SPNEGO exchange is over');
      phase = 'final';
      try {
        const spnego = decodeSpnegoToken(serverToken(token));
        if (spnego.kind !== 'resp') throw new AuthenticationError('expected a NegTokenResp from the server');
        if (spnego.resp.negState === NegState.REJECT) throw new AuthenticationError('the server rejected Kerberos');
        const apRep = krb.apRep(serverToken(spnego.resp.responseToken));
        const mechListMIC = krb.context.getMic(mechTypesDer);
        return { state: 'done', token: encodeNegTokenResp({ responseToken: apRep, mechListMIC }), expectsReply: true };
      } catch (e) {
        throw clientError(e);
      }
    },
    finish: (token): EstablishedSecurity => {
      if (phase !== 'final') throw new AuthenticationError('finish() before the SPNEGO exchange ended');
      phase = 'over';
      try {
        const spnego = decodeSpnegoToken(serverToken(token));
        if (spnego.kind !== 'resp' || spnego.resp.negState !== NegState.ACCEPT_COMPLETED)
          throw new AuthenticationError('the server did not complete the SPNEGO exchange');
        const mic = spnego.resp.mechListMIC;
        if (mic === undefined) throw new AuthenticationError('the server sent no mechListMIC');
        const seq = krb.context.verifyMic(mechTypesDer, mic);
        return {
          protection: kerberosPacketProtection(krb.context, Number(seq) + 1),
          description: 'SPNEGO(Kerberos) DCE-style',
        };
      } catch (e) {
        if (e instanceof KerberosIntegrityError)
          throw new AuthenticationError('the server mechListMIC does not verify', { cause: e });
        throw clientError(e);
      }
    },
  };
}
