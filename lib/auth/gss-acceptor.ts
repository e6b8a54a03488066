/**
 * The server's GSS-API acceptor for SMB2 SESSION_SETUP — [MS-SMB2] 3.3.5.5.3, [MS-SPNG] 3.2.5
 * (SPNEGO with NTLMSSP, NegTokenInit2 hints, mechListMIC both ways) and raw NTLMSSP, which
 * @marsaud/smb2 and node-smb2 put straight in the security buffer. With a keytab configured,
 * Kerberos too ([MS-KILE] 3.4.5, RFC 4121), under both of its OIDs. One instance per exchange.
 *
 * Exchanges:
 *   SPNEGO: NegTokenInit{mechTypes, mechToken=NEGOTIATE} -> NegTokenResp{accept-incomplete, NTLMSSP, CHALLENGE}
 *           NegTokenResp{AUTHENTICATE, mechListMIC?}     -> NegTokenResp{accept-completed, mechListMIC?}
 *   raw:    NEGOTIATE -> CHALLENGE; AUTHENTICATE -> (empty)
 *   Kerberos (the client's first choice): NegTokenInit{[MS-KRB5, KRB5, ...], mechToken=AP-REQ}
 *           -> NegTokenResp{accept-completed, supportedMech, AP-REP} in one round trip; a refused
 *           AP-REQ gets NegTokenResp{accept-incomplete, KRB-ERROR} and STATUS_MORE_PROCESSING_REQUIRED,
 *           as Windows answers, and the client may send another AP-REQ (bounded).
 * The mechListMIC covers the DER MechTypeList the client sent: the client's is checked with the
 * client-to-server NTLM keys at sequence 0, ours is made with the server-to-client keys at
 * sequence 0 ([MS-SPNG] 3.1.5.1, [MS-NLMP] 3.4.4.2). Samba clients that put a MIC in AUTHENTICATE
 * refuse an accept-completed without it.
 */
import { MalformedPacketError } from '../common/errors';
import { type AuthenticatedUser, type UserAccount, isAdministratorAccount } from '../common/identity';
import { NtStatus } from '../common/status/ntstatus';
import { NtlmAcceptor, ntlmMechListSigners } from './ntlm-acceptor';
import { NtlmMessageType } from './ntlm-constants';
import { isNtlmssp, ntlmMessageType } from './ntlmssp-messages';
import type { KerberosGssContext } from './kerberos/gss-cfx';
import { isGssKrb5Token } from './kerberos/gss-token';
import { type KerberosAcceptorSettings, acceptKerberosToken, mapKerberosUser } from './kerberos/kerberos-acceptor';
import {
  KERBEROS_V5_OID,
  MS_KERBEROS_V5_OID,
  NTLMSSP_OID,
  NegState,
  decodeSpnegoToken,
  encodeNegTokenInit2,
  encodeNegTokenResp,
} from './spnego';

export interface AcceptorOptions {
  readonly serverName: string;
  readonly domain: string;
  readonly dnsName?: string;
  /** Case-insensitive lookup of a configured account. */
  readonly lookupUser: (userName: string, domain: string) => UserAccount | undefined;
  readonly allowNtlmV1: boolean;
  /** Unknown users (and null sessions, when anonymous is off) become guests. */
  readonly allowGuest: boolean;
  /** Null sessions (empty user, empty responses). */
  readonly allowAnonymous: boolean;
  readonly now?: () => Date;
  readonly randomBytes?: (n: number) => Buffer;
  /** Server-wide Kerberos settings (keytab, replay cache); Kerberos is offered only with them. */
  readonly kerberos?: KerberosAcceptorSettings;
}

export type AcceptorStep =
  | {
      readonly state: 'continue';
      readonly responseToken: Buffer;
      /** Why a Kerberos AP-REQ was refused (the response carries the KRB-ERROR). */
      readonly reason?: string;
    }
  | {
      readonly state: 'done';
      readonly responseToken: Buffer;
      readonly user: AuthenticatedUser;
      /**
       * The session key, 16 bytes; empty (length 0) for guest and anonymous sessions. For
       * Kerberos, the first 16 bytes of the context key ([MS-SMB2] 3.3.5.5.3).
       */
      readonly sessionKey: Buffer;
      readonly isGuest: boolean;
      readonly isAnonymous: boolean;
      readonly mechanism: 'ntlm' | 'kerberos';
      /** Kerberos only: the RFC 4121 context (MIC and Wrap tokens) when the key is AES. */
      readonly kerberosContext?: KerberosGssContext;
    }
  | { readonly state: 'failed'; readonly status: number; readonly reason: string; readonly responseToken?: Buffer };

type Phase = 'start' | 'await-negotiate' | 'await-authenticate' | 'await-ap-req' | 'finished';

/** AP-REQs one exchange may try (a client retries after KRB_AP_ERR_SKEW with corrected time). */
const MAX_AP_REQ_ATTEMPTS = 3;

export class GssAcceptor {
  private readonly ntlm: NtlmAcceptor;
  private phase: Phase = 'start';
  private wrapping: 'spnego' | 'raw' = 'spnego';
  private mechTypesDer: Buffer | undefined;
  /** NTLMSSP was not the client's first choice: the mech list must be protected by MICs. */
  private mechListChanged = false;
  /** The Kerberos OID the client chose (MS-KRB5 or KRB5), once it chose Kerberos. */
  private kerberosMech: string | undefined;
  private apReqAttempts = 0;

  constructor(private readonly options: AcceptorOptions) {
    this.ntlm = new NtlmAcceptor(options);
  }

  /**
   * The NegTokenInit2 for the NEGOTIATE response's security buffer: NTLMSSP, and with Kerberos
   * the two Kerberos OIDs first, in Windows' order.
   */
  static negotiateToken(kerberos = false): Buffer {
    return encodeNegTokenInit2(kerberos ? [MS_KERBEROS_V5_OID, KERBEROS_V5_OID, NTLMSSP_OID] : [NTLMSSP_OID]);
  }

  /** Which wrapping the client chose ('spnego' until a raw NTLMSSP token is seen). */
  get mechanism(): 'spnego' | 'raw' {
    return this.wrapping;
  }

  step(token: Buffer): AcceptorStep {
    try {
      return this.advance(token);
    } catch (e) {
      if (e instanceof MalformedPacketError) return this.fail(NtStatus.STATUS_INVALID_PARAMETER, e.message);
      throw e;
    }
  }

  private fail(status: number, reason: string, responseToken?: Buffer): AcceptorStep {
    this.phase = 'finished';
    return { state: 'failed', status, reason, ...(responseToken && { responseToken }) };
  }

  private advance(token: Buffer): AcceptorStep {
    switch (this.phase) {
      case 'start':
        return this.first(token);
      case 'await-negotiate':
        return this.negotiateInResp(token);
      case 'await-authenticate':
        return this.authenticate(token);
      case 'await-ap-req':
        return this.apReqInResp(token);
      case 'finished':
        return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'the authentication exchange is over');
    }
  }

  private challenge(negotiate: Buffer): Buffer {
    if (ntlmMessageType(negotiate) !== NtlmMessageType.NtLmNegotiate)
      throw new MalformedPacketError('expected an NTLM NEGOTIATE', { field: 'MessageType' });
    const challenge = this.ntlm.processNegotiate(negotiate);
    this.phase = 'await-authenticate';
    return challenge;
  }

  private first(token: Buffer): AcceptorStep {
    if (isNtlmssp(token)) {
      this.wrapping = 'raw';
      return { state: 'continue', responseToken: this.challenge(token) };
    }
    if (this.options.kerberos && isGssKrb5Token(token)) {
      this.wrapping = 'raw';
      return this.kerberos(token);
    }
    const spnego = decodeSpnegoToken(token);
    if (spnego.kind !== 'init')
      return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'first SPNEGO token is not a NegTokenInit');
    const { init } = spnego;
    const ntlmIndex = init.mechTypes.indexOf(NTLMSSP_OID);
    const krbIndex = this.options.kerberos
      ? init.mechTypes.findIndex((m) => m === MS_KERBEROS_V5_OID || m === KERBEROS_V5_OID)
      : -1;
    if (krbIndex >= 0 && (ntlmIndex < 0 || krbIndex < ntlmIndex)) {
      this.kerberosMech = init.mechTypes[krbIndex];
      this.mechTypesDer = init.mechTypesDer;
      this.mechListChanged = krbIndex !== 0;
      if (krbIndex === 0 && init.mechToken) return this.kerberos(init.mechToken);
      this.phase = 'await-ap-req';
      return {
        state: 'continue',
        responseToken: encodeNegTokenResp({
          negState: this.mechListChanged ? NegState.REQUEST_MIC : NegState.ACCEPT_INCOMPLETE,
          supportedMech: this.kerberosMech,
        }),
      };
    }
    if (ntlmIndex < 0) {
      return this.fail(
        NtStatus.STATUS_LOGON_FAILURE,
        `no common mechanism in ${init.mechTypes.join(', ')}`,
        encodeNegTokenResp({ negState: NegState.REJECT }),
      );
    }
    this.mechTypesDer = init.mechTypesDer;
    if (ntlmIndex === 0 && init.mechToken && isNtlmssp(init.mechToken)) {
      const challenge = this.challenge(init.mechToken);
      return {
        state: 'continue',
        responseToken: encodeNegTokenResp({
          negState: NegState.ACCEPT_INCOMPLETE,
          supportedMech: NTLMSSP_OID,
          responseToken: challenge,
        }),
      };
    }
    // The optimistic token (if any) was for another mechanism: pick NTLMSSP and ask for its
    // first token; the mech list now differs from the client's choice, so MICs become mandatory.
    this.mechListChanged = ntlmIndex !== 0;
    this.phase = 'await-negotiate';
    return {
      state: 'continue',
      responseToken: encodeNegTokenResp({
        negState: this.mechListChanged ? NegState.REQUEST_MIC : NegState.ACCEPT_INCOMPLETE,
        supportedMech: NTLMSSP_OID,
      }),
    };
  }

  private apReqInResp(token: Buffer): AcceptorStep {
    const spnego = decodeSpnegoToken(token);
    if (spnego.kind !== 'resp' || !spnego.resp.responseToken)
      return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'expected a NegTokenResp carrying a Kerberos AP-REQ');
    return this.kerberos(spnego.resp.responseToken, spnego.resp.mechListMIC);
  }

  /** One AP-REQ: done with the AP-REP, or the KRB-ERROR and another try. */
  private kerberos(gssToken: Buffer, clientMechListMic?: Buffer): AcceptorStep {
    const settings = this.options.kerberos;
    if (!settings) return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'Kerberos is not configured');
    const spnego = this.wrapping === 'spnego';
    const firstReply = this.apReqAttempts === 0 && this.phase === 'start';
    this.apReqAttempts++;
    const result = acceptKerberosToken(settings, gssToken);
    const wrap = (negState: number, responseToken: Buffer, mechListMIC?: Buffer): Buffer =>
      spnego
        ? encodeNegTokenResp({
            negState,
            ...(firstReply && this.kerberosMech !== undefined && { supportedMech: this.kerberosMech }),
            ...(responseToken.length > 0 && { responseToken }),
            ...(mechListMIC && { mechListMIC }),
          })
        : responseToken;
    if (!result.ok) {
      if (this.apReqAttempts >= MAX_AP_REQ_ATTEMPTS)
        return this.fail(NtStatus.STATUS_LOGON_FAILURE, `${result.error.message} (attempt ${this.apReqAttempts})`);
      this.phase = 'await-ap-req';
      return {
        state: 'continue',
        responseToken: wrap(NegState.ACCEPT_INCOMPLETE, result.responseToken),
        reason: result.error.message,
      };
    }
    const { verified, context } = result;
    const who = mapKerberosUser(settings, verified, this.options.lookupUser);
    if (!who) return this.fail(NtStatus.STATUS_LOGON_FAILURE, `no account for ${verified.client} and no PAC`);
    const mechTypesDer = this.mechTypesDer ?? Buffer.alloc(0);
    if (clientMechListMic && context) {
      try {
        context.verifyMic(mechTypesDer, clientMechListMic);
      } catch {
        return this.fail(NtStatus.STATUS_LOGON_FAILURE, `mechListMIC from ${verified.client} does not verify`);
      }
    }
    const mechListMIC = spnego && this.mechListChanged && context ? context.getMic(mechTypesDer) : undefined;
    const sessionKey = Buffer.alloc(16);
    verified.contextKey.keyvalue.copy(sessionKey, 0, 0, 16);
    const user: AuthenticatedUser = {
      ...who,
      groups: [...who.groups],
      isAdministrator: isAdministratorAccount(who),
      isGuest: false,
      isAnonymous: false,
    };
    this.phase = 'finished';
    return {
      state: 'done',
      responseToken: wrap(NegState.ACCEPT_COMPLETED, result.responseToken, mechListMIC),
      user,
      sessionKey,
      isGuest: false,
      isAnonymous: false,
      mechanism: 'kerberos',
      ...(context && { kerberosContext: context }),
    };
  }

  private negotiateInResp(token: Buffer): AcceptorStep {
    const spnego = decodeSpnegoToken(token);
    if (spnego.kind !== 'resp' || !spnego.resp.responseToken)
      return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'expected a NegTokenResp carrying NTLM NEGOTIATE');
    const challenge = this.challenge(spnego.resp.responseToken);
    return {
      state: 'continue',
      responseToken: encodeNegTokenResp({ negState: NegState.ACCEPT_INCOMPLETE, responseToken: challenge }),
    };
  }

  private authenticate(token: Buffer): AcceptorStep {
    let ntlmToken: Buffer;
    let clientMechListMic: Buffer | undefined;
    if (this.wrapping === 'raw') {
      if (!isNtlmssp(token)) return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'expected a raw NTLM AUTHENTICATE');
      ntlmToken = token;
    } else {
      const spnego = decodeSpnegoToken(token);
      if (spnego.kind !== 'resp') return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'expected a NegTokenResp');
      if (spnego.resp.negState === NegState.REJECT)
        return this.fail(NtStatus.STATUS_LOGON_FAILURE, 'client rejected the negotiation');
      if (!spnego.resp.responseToken)
        return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'NegTokenResp without NTLM AUTHENTICATE');
      ntlmToken = spnego.resp.responseToken;
      clientMechListMic = spnego.resp.mechListMIC;
    }
    if (ntlmMessageType(ntlmToken) !== NtlmMessageType.NtLmAuthenticate)
      return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'expected an NTLM AUTHENTICATE');
    const result = this.ntlm.processAuthenticate(ntlmToken);
    if (!result.ok) return this.fail(result.status, result.reason);
    const { user, sessionKey } = result;
    const done = (responseToken: Buffer): AcceptorStep => {
      this.phase = 'finished';
      return {
        state: 'done',
        responseToken,
        user,
        sessionKey,
        isGuest: user.isGuest,
        isAnonymous: user.isAnonymous,
        mechanism: 'ntlm',
      };
    };
    if (this.wrapping === 'raw') return done(Buffer.alloc(0));

    const mechTypesDer = this.mechTypesDer ?? Buffer.alloc(0);
    const signers = ntlmMechListSigners(result.flags, sessionKey);
    if (clientMechListMic && signers && !signers.clientToServer.verify(mechTypesDer, clientMechListMic)) {
      return this.fail(NtStatus.STATUS_LOGON_FAILURE, `mechListMIC from "${user.userName}" does not verify`);
    }
    if (this.mechListChanged && signers && !clientMechListMic) {
      return this.fail(NtStatus.STATUS_LOGON_FAILURE, 'the mechanism list changed and the client sent no mechListMIC');
    }
    const wantMic = clientMechListMic !== undefined || result.micVerified || this.mechListChanged;
    const mechListMIC = wantMic && signers ? signers.serverToClient.sign(mechTypesDer) : undefined;
    return done(encodeNegTokenResp({ negState: NegState.ACCEPT_COMPLETED, ...(mechListMIC && { mechListMIC }) }));
  }
}
