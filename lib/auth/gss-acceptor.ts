/**
 * The server's GSS-API acceptor for SMB2 SESSION_SETUP — [MS-SMB2] 3.3.5.5.3, [MS-SPNG] 3.2.5
 * (SPNEGO with NTLMSSP, NegTokenInit2 hints, mechListMIC both ways) and raw NTLMSSP, which
 * @marsaud/smb2 and node-smb2 put straight in the security buffer. One instance per exchange.
 *
 * Exchanges:
 *   SPNEGO: NegTokenInit{mechTypes, mechToken=NEGOTIATE} -> NegTokenResp{accept-incomplete, NTLMSSP, CHALLENGE}
 *           NegTokenResp{AUTHENTICATE, mechListMIC?}     -> NegTokenResp{accept-completed, mechListMIC?}
 *   raw:    NEGOTIATE -> CHALLENGE; AUTHENTICATE -> (empty)
 * The mechListMIC covers the DER MechTypeList the client sent: the client's is checked with the
 * client-to-server NTLM keys at sequence 0, ours is made with the server-to-client keys at
 * sequence 0 ([MS-SPNG] 3.1.5.1, [MS-NLMP] 3.4.4.2). Samba clients that put a MIC in AUTHENTICATE
 * refuse an accept-completed without it.
 */
import { MalformedPacketError } from '../common/errors';
import type { AuthenticatedUser, UserAccount } from '../common/identity';
import { NtStatus } from '../common/status/ntstatus';
import { NtlmAcceptor, ntlmMechListSigners } from './ntlm-acceptor';
import { NtlmMessageType } from './ntlm-constants';
import { isNtlmssp, ntlmMessageType } from './ntlmssp-messages';
import { NTLMSSP_OID, NegState, decodeSpnegoToken, encodeNegTokenInit2, encodeNegTokenResp } from './spnego';

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
}

export type AcceptorStep =
  | { readonly state: 'continue'; readonly responseToken: Buffer }
  | {
      readonly state: 'done';
      readonly responseToken: Buffer;
      readonly user: AuthenticatedUser;
      /** Exported session key, 16 bytes; empty (length 0) for guest and anonymous sessions. */
      readonly sessionKey: Buffer;
      readonly isGuest: boolean;
      readonly isAnonymous: boolean;
    }
  | { readonly state: 'failed'; readonly status: number; readonly reason: string; readonly responseToken?: Buffer };

type Phase = 'start' | 'await-negotiate' | 'await-authenticate' | 'finished';

export class GssAcceptor {
  private readonly ntlm: NtlmAcceptor;
  private phase: Phase = 'start';
  private wrapping: 'spnego' | 'raw' = 'spnego';
  private mechTypesDer: Buffer | undefined;
  /** NTLMSSP was not the client's first choice: the mech list must be protected by MICs. */
  private mechListChanged = false;

  constructor(options: AcceptorOptions) {
    this.ntlm = new NtlmAcceptor(options);
  }

  /** The NegTokenInit2 for the NEGOTIATE response's security buffer. */
  static negotiateToken(): Buffer {
    return encodeNegTokenInit2([NTLMSSP_OID]);
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
    const spnego = decodeSpnegoToken(token);
    if (spnego.kind !== 'init')
      return this.fail(NtStatus.STATUS_INVALID_PARAMETER, 'first SPNEGO token is not a NegTokenInit');
    const { init } = spnego;
    const ntlmIndex = init.mechTypes.indexOf(NTLMSSP_OID);
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
      return { state: 'done', responseToken, user, sessionKey, isGuest: user.isGuest, isAnonymous: user.isAnonymous };
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
