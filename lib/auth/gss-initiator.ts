/**
 * The client's GSS-API initiator for SMB2 SESSION_SETUP — [MS-SPNG] 3.1.5 with NTLMSSP, or raw
 * NTLMSSP. Mirrors GssAcceptor:
 *   step(NEGOTIATE security buffer) -> NegTokenInit{mechTypes=[NTLMSSP], mechToken=NEGOTIATE}
 *   step(NegTokenResp{CHALLENGE})   -> NegTokenResp{AUTHENTICATE, mechListMIC}   (done)
 *   finish(NegTokenResp{accept-completed, mechListMIC}) verifies the server's mechListMIC.
 * The mechListMIC is made with the client-to-server NTLM keys at sequence 0 and the server's
 * is checked with the server-to-client keys at sequence 0 ([MS-SPNG] 3.1.5.1).
 *
 * With a Kerberos service ticket (option `kerberos`, from acquireServiceTicket):
 *   step(NEGOTIATE security buffer) -> NegTokenInit{[MS-KRB5, KRB5], mechToken=AP-REQ}   (done)
 *   finish(NegTokenResp{accept-completed, AP-REP}) checks mutual authentication.
 * A KRB-ERROR from the server (with STATUS_MORE_PROCESSING_REQUIRED) fails with its error name.
 */
import { AuthenticationError, MalformedPacketError } from '../common/errors';
import { KerberosError } from './kerberos/errors';
import type { ServiceTicket } from './kerberos/kdc-client';
import { KerberosInitiatorContext } from './kerberos/kerberos-initiator';
import { NtlmSigner } from './ntlm-crypto';
import { NtlmNegotiateFlag, hasNtlmFlag } from './ntlm-constants';
import { NtlmInitiator } from './ntlm-initiator';
import {
  KERBEROS_V5_OID,
  MS_KERBEROS_V5_OID,
  NTLMSSP_OID,
  NegState,
  type NegTokenResp,
  decodeSpnegoToken,
  encodeMechTypeList,
  encodeNegTokenInit,
  encodeNegTokenResp,
} from './spnego';

export interface InitiatorOptions {
  readonly user: string;
  readonly password: string;
  readonly domain: string;
  readonly workstation: string;
  readonly useSpnego: boolean;
  readonly now?: () => Date;
  readonly randomBytes?: (n: number) => Buffer;
  /** Authenticate with this service ticket (Kerberos) instead of the password (NTLM). */
  readonly kerberos?: { readonly ticket: ServiceTicket };
}

const KERBEROS_MECHS = [MS_KERBEROS_V5_OID, KERBEROS_V5_OID];

type Phase = 'start' | 'challenge' | 'sent-authenticate' | 'finished';

export class GssInitiator {
  private readonly ntlm: NtlmInitiator;
  private phase: Phase = 'start';
  private readonly mechTypesDer = encodeMechTypeList([NTLMSSP_OID]);
  private flags = 0;
  private sentMechListMic = false;
  private key: Buffer | undefined;
  private readonly krb: KerberosInitiatorContext | undefined;

  constructor(private readonly options: InitiatorOptions) {
    this.ntlm = new NtlmInitiator(options);
    if (options.kerberos)
      this.krb = new KerberosInitiatorContext(options.kerberos.ticket, { ...(options.now && { now: options.now }) });
  }

  /** Which mechanism this initiator speaks. */
  get mechanism(): 'ntlm' | 'kerberos' {
    return this.krb ? 'kerberos' : 'ntlm';
  }

  /**
   * The exported session key once AUTHENTICATE is built (empty for an anonymous logon); for
   * Kerberos, the first 16 bytes of the context key ([MS-SMB2] 3.2.5.3.1), final after finish().
   */
  get sessionKey(): Buffer | undefined {
    if (this.krb && this.phase !== 'start') {
      const key = Buffer.alloc(16);
      this.krb.contextKey.keyvalue.copy(key, 0, 0, 16);
      return key;
    }
    return this.key;
  }

  step(serverToken: Buffer | undefined): { readonly token: Buffer; readonly done: boolean } {
    try {
      return this.advance(serverToken);
    } catch (e) {
      if (e instanceof MalformedPacketError)
        throw new AuthenticationError(`bad token from the server: ${e.message}`, { cause: e });
      throw e;
    }
  }

  private advance(serverToken: Buffer | undefined): { readonly token: Buffer; readonly done: boolean } {
    switch (this.phase) {
      case 'start': {
        if (this.krb) return this.kerberosStart(this.krb, serverToken);
        if (this.options.useSpnego && serverToken && serverToken.length > 0) {
          const hint = decodeSpnegoToken(serverToken);
          if (hint.kind !== 'init' || !hint.init.mechTypes.includes(NTLMSSP_OID))
            throw new AuthenticationError('the server does not offer NTLMSSP');
        }
        const negotiate = this.ntlm.negotiate();
        this.phase = 'challenge';
        const token = this.options.useSpnego
          ? encodeNegTokenInit({ mechTypes: [NTLMSSP_OID], mechToken: negotiate })
          : negotiate;
        return { token, done: false };
      }
      case 'challenge': {
        if (!serverToken || serverToken.length === 0) throw new AuthenticationError('the server sent no CHALLENGE');
        let challenge = serverToken;
        if (this.options.useSpnego) {
          const resp = this.expectResp(serverToken);
          if (resp.negState === NegState.REJECT)
            throw new AuthenticationError('the server rejected SPNEGO negotiation');
          if (resp.supportedMech !== undefined && resp.supportedMech !== NTLMSSP_OID)
            throw new AuthenticationError(`the server chose ${resp.supportedMech}`);
          if (!resp.responseToken) throw new AuthenticationError('NegTokenResp without an NTLM CHALLENGE');
          challenge = resp.responseToken;
        }
        const auth = this.ntlm.authenticate(challenge);
        this.flags = auth.flags;
        this.key = auth.sessionKey;
        this.phase = 'sent-authenticate';
        if (!this.options.useSpnego) return { token: auth.token, done: true };
        let mechListMIC: Buffer | undefined;
        if (
          auth.withMic &&
          auth.sessionKey.length === 16 &&
          hasNtlmFlag(auth.flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)
        ) {
          mechListMIC = new NtlmSigner(auth.flags, auth.sessionKey, 'client-to-server').sign(this.mechTypesDer);
          this.sentMechListMic = true;
        }
        return {
          token: encodeNegTokenResp({ responseToken: auth.token, ...(mechListMIC && { mechListMIC }) }),
          done: true,
        };
      }
      case 'sent-authenticate':
        // Kerberos: STATUS_MORE_PROCESSING_REQUIRED after the AP-REQ carries a KRB-ERROR.
        if (this.krb && serverToken && serverToken.length > 0) this.kerberosReply(this.krb, serverToken);
        throw new AuthenticationError('the authentication exchange is over');
      case 'finished':
        throw new AuthenticationError('the authentication exchange is over');
    }
  }

  private kerberosStart(
    krb: KerberosInitiatorContext,
    serverToken: Buffer | undefined,
  ): { token: Buffer; done: boolean } {
    if (this.options.useSpnego && serverToken && serverToken.length > 0) {
      const hint = decodeSpnegoToken(serverToken);
      if (hint.kind !== 'init' || !hint.init.mechTypes.some((m) => KERBEROS_MECHS.includes(m)))
        throw new AuthenticationError('the server does not offer Kerberos');
    }
    const apReq = krb.initialToken();
    this.phase = 'sent-authenticate';
    const token = this.options.useSpnego ? encodeNegTokenInit({ mechTypes: KERBEROS_MECHS, mechToken: apReq }) : apReq;
    return { token, done: true };
  }

  /** The server's Kerberos answer (AP-REP or KRB-ERROR), bare or inside a NegTokenResp. */
  private kerberosReply(krb: KerberosInitiatorContext, serverToken: Buffer): NegTokenResp | undefined {
    let resp: NegTokenResp | undefined;
    let inner = serverToken;
    if (this.options.useSpnego) {
      resp = this.expectResp(serverToken);
      if (resp.negState === NegState.REJECT) throw new AuthenticationError('the server rejected Kerberos');
      if (!resp.responseToken) return resp;
      inner = resp.responseToken;
    }
    try {
      krb.processReply(inner);
    } catch (e) {
      if (e instanceof KerberosError) throw new AuthenticationError(e.message, { cause: e });
      throw e;
    }
    return resp;
  }

  private expectResp(token: Buffer): NegTokenResp {
    const spnego = decodeSpnegoToken(token);
    if (spnego.kind !== 'resp') throw new AuthenticationError('expected a NegTokenResp from the server');
    return spnego.resp;
  }

  /** Checks the server's final token (accept-completed and, when due, its mechListMIC). */
  finish(serverToken: Buffer | undefined): void {
    if (this.phase !== 'sent-authenticate') throw new AuthenticationError('finish() before AUTHENTICATE was sent');
    this.phase = 'finished';
    if (this.krb) {
      if (!serverToken || serverToken.length === 0)
        throw new AuthenticationError('the server sent no AP-REP (mutual authentication was asked for)');
      let resp: NegTokenResp | undefined;
      try {
        resp = this.kerberosReply(this.krb, serverToken);
      } catch (e) {
        if (e instanceof MalformedPacketError)
          throw new AuthenticationError(`bad final token from the server: ${e.message}`, { cause: e });
        throw e;
      }
      if (resp && !resp.responseToken) throw new AuthenticationError('the server sent no AP-REP');
      if (resp?.negState !== undefined && resp.negState !== NegState.ACCEPT_COMPLETED)
        throw new AuthenticationError(`the server ended with negState ${resp.negState}`);
      return;
    }
    if (!this.options.useSpnego) return;
    if (!serverToken || serverToken.length === 0) {
      if (this.sentMechListMic)
        throw new AuthenticationError('the server sent no final SPNEGO token (mechListMIC required)');
      return;
    }
    let resp: NegTokenResp;
    try {
      resp = this.expectResp(serverToken);
    } catch (e) {
      if (e instanceof MalformedPacketError)
        throw new AuthenticationError(`bad final token from the server: ${e.message}`, { cause: e });
      throw e;
    }
    if (resp.negState !== undefined && resp.negState !== NegState.ACCEPT_COMPLETED)
      throw new AuthenticationError(`the server ended with negState ${resp.negState}`);
    const key = this.key;
    if (resp.mechListMIC) {
      if (!key || key.length !== 16)
        throw new AuthenticationError('the server sent a mechListMIC for a session without a key');
      const ok = new NtlmSigner(this.flags, key, 'server-to-client').verify(this.mechTypesDer, resp.mechListMIC);
      if (!ok) throw new AuthenticationError('the server mechListMIC does not verify');
    } else if (this.sentMechListMic) {
      throw new AuthenticationError('the server did not send the required mechListMIC');
    }
  }
}
