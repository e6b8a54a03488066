/**
 * The DCE-style Kerberos context ([MS-KILE] 3.2.5.2 and 3.4.5.1, GSS_C_DCE_STYLE 0x1000 in the
 * authenticator checksum), what DCE/RPC binds use: three legs instead of two, no GSS framing after
 * the first token.
 *
 *   1. client: GSS InitialContextToken with the AP-REQ (DCE flag set)
 *   2. server: the bare AP-REP (DER [APPLICATION 15], no OID, no TOK_ID)
 *   3. client: a bare AP-REP of its own, encrypted with the ticket session key (usage 12), whose
 *      EncAPRepPart echoes the server's sequence number; the client then signs from its own
 *      authenticator sequence number again (Heimdal's acceptor_wait_for_dcestyle and repl_mutual
 *      describe the same). Times in this AP-REP are not checked.
 *
 * KerberosExchangeAcceptor runs the server's side over one context; without the DCE flag it ends
 * after the first leg with a GSS-framed AP-REP (RFC 4121 4.1). KerberosDceInitiator is the client's.
 */
import { AuthenticationError, MalformedPacketError } from '../../common/errors';
import { type AuthenticatedUser, type UserAccount, isAdministratorAccount } from '../../common/identity';
import { decodeApRep, decodeEncApRepPart, encodeApRep, encodeEncApRepPart } from './ap-messages';
import { GssFlag, KeyUsage, KrbErrorCode, KrbMessageType } from './constants';
import { applicationTag, der, parseDer } from './der';
import { encryptionProfile } from './enctypes';
import { KerberosError, KerberosIntegrityError } from './errors';
import { KerberosGssContext } from './gss-cfx';
import type { ServiceTicket } from './kdc-client';
import { type BuiltApReq, buildApReq } from './kerberos-initiator';
import { decodeKrbError } from './krb-error';
import { type KerberosAcceptorSettings, acceptKerberosToken, mapKerberosUser } from './kerberos-acceptor';
import type { EncryptionKey } from './krb-types';

/** The client's third-leg AP-REP: our ctime/cusec, the server's sequence number. */
export function encodeDceApRep(
  sessionKey: EncryptionKey,
  part: { readonly ctime: Date; readonly cusec: number; readonly seqNumber: number },
): Buffer {
  const profile = encryptionProfile(sessionKey.keytype);
  if (!profile) throw new AuthenticationError(`session key of enctype ${sessionKey.keytype}`);
  const cipher = profile.encrypt(sessionKey.keyvalue, KeyUsage.AP_REP_ENC_PART, encodeEncApRepPart(part));
  return der(encodeApRep({ etype: sessionKey.keytype, cipher }));
}

/** Decrypts a bare AP-REP with the ticket session key; throws KerberosError or MalformedPacketError. */
export function openDceApRep(token: Buffer, sessionKey: EncryptionKey): ReturnType<typeof decodeEncApRepPart> {
  const enc = decodeApRep(parseDer(token, 'AP-REP'));
  const profile = encryptionProfile(enc.etype);
  if (!profile || enc.etype !== sessionKey.keytype)
    throw new KerberosError(KrbErrorCode.KRB_AP_ERR_MUT_FAIL, `AP-REP in enctype ${enc.etype}`);
  try {
    return decodeEncApRepPart(profile.decrypt(sessionKey.keyvalue, KeyUsage.AP_REP_ENC_PART, enc.cipher));
  } catch (e) {
    if (e instanceof KerberosIntegrityError)
      throw new KerberosError(KrbErrorCode.KRB_AP_ERR_MUT_FAIL, 'the AP-REP does not decrypt', { cause: e });
    throw e;
  }
}

/** Who a verified Kerberos client is on this server (configured account, PAC, or neither). */
export function kerberosAuthenticatedUser(
  settings: KerberosAcceptorSettings,
  verified: Parameters<typeof mapKerberosUser>[1],
  lookupUser: (userName: string, domain: string) => UserAccount | undefined,
): AuthenticatedUser | undefined {
  const who = mapKerberosUser(settings, verified, lookupUser);
  if (!who) return undefined;
  return {
    ...who,
    groups: [...who.groups],
    isAdministrator: isAdministratorAccount(who),
    isGuest: false,
    isAnonymous: false,
  };
}

export type KerberosExchangeLeg =
  | { readonly state: 'continue'; readonly token: Buffer }
  | {
      readonly state: 'done';
      /** The last token to send (the framed AP-REP without DCE style; empty after leg 3). */
      readonly token: Buffer;
      readonly user: AuthenticatedUser;
      readonly context: KerberosGssContext;
      /** The client's first sequence number for per-message tokens. */
      readonly initiatorSeq: number;
      readonly dceStyle: boolean;
      readonly client: string;
    }
  | { readonly state: 'failed'; readonly reason: string; readonly krbCode?: number };

/** The server's side of one Kerberos context (DCE style or not). */
export class KerberosExchangeAcceptor {
  private phase: 'ap-req' | 'ap-rep' | 'over' = 'ap-req';
  private pending: Extract<KerberosExchangeLeg, { state: 'done' }> | undefined;
  private ticketKey: EncryptionKey | undefined;
  private acceptorSeq = 0;

  constructor(
    private readonly settings: KerberosAcceptorSettings,
    private readonly lookupUser: (userName: string, domain: string) => UserAccount | undefined,
  ) {}

  /** Throws MalformedPacketError for bytes that are no Kerberos token at all. */
  step(token: Buffer): KerberosExchangeLeg {
    switch (this.phase) {
      case 'ap-req':
        return this.apReq(token);
      case 'ap-rep':
        return this.apRep(token);
      case 'over':
        return { state: 'failed', reason: 'the Kerberos exchange is over' };
    }
  }

  private apReq(token: Buffer): KerberosExchangeLeg {
    this.phase = 'over';
    // DCE/RPC contexts get an acceptor subkey in the AP-REP, as Windows gives them.
    const result = acceptKerberosToken(this.settings, token, { acceptorSubkey: true });
    if (!result.ok) return { state: 'failed', reason: result.error.message, krbCode: result.error.krbCode };
    const { verified, context } = result;
    if (!context) return { state: 'failed', reason: `${verified.client}: RFC 4121 tokens need an AES session key` };
    const user = kerberosAuthenticatedUser(this.settings, verified, this.lookupUser);
    if (!user) return { state: 'failed', reason: `no account for ${verified.client} and no PAC` };
    const dceStyle = (verified.gssFlags & GssFlag.GSS_C_DCE_STYLE) !== 0;
    const done = {
      state: 'done',
      token: Buffer.alloc(0),
      user,
      context,
      initiatorSeq: verified.initiatorSeq,
      dceStyle,
      client: verified.client,
    } as const;
    if (!dceStyle) return { ...done, token: result.responseToken };
    if (!verified.apRep) return { state: 'failed', reason: 'a DCE-style AP-REQ without mutual authentication' };
    this.phase = 'ap-rep';
    this.pending = done;
    this.ticketKey = verified.ticket.key;
    this.acceptorSeq = verified.acceptorSeq;
    return { state: 'continue', token: verified.apRep };
  }

  private apRep(token: Buffer): KerberosExchangeLeg {
    this.phase = 'over';
    const pending = this.pending;
    const key = this.ticketKey;
    if (!pending || !key) return { state: 'failed', reason: 'no AP-REQ before the AP-REP' };
    let part;
    try {
      part = openDceApRep(token, key);
    } catch (e) {
      if (e instanceof KerberosError) return { state: 'failed', reason: e.message, krbCode: e.krbCode };
      if (e instanceof MalformedPacketError) return { state: 'failed', reason: `client AP-REP: ${e.message}` };
      throw e;
    }
    if (part.seqNumber !== this.acceptorSeq)
      return {
        state: 'failed',
        reason: `the client's AP-REP echoes sequence number ${part.seqNumber ?? 'none'}, not ${this.acceptorSeq}`,
      };
    return pending;
  }
}

/** The client's side of one DCE-style context: the bare AP-REQ, then the AP-REP answered with ours. */
export class KerberosDceInitiator {
  private sent: BuiltApReq | undefined;
  private gss: KerberosGssContext | undefined;
  private serverSeq = 0;

  constructor(
    private readonly ticket: ServiceTicket,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Leg 1: the bare AP-REQ, mutual authentication and the DCE flag asked for. */
  apReq(): Buffer {
    this.sent = buildApReq(this.ticket, { dceStyle: true, now: this.now() });
    return this.sent.token;
  }

  /**
   * Leg 2 in, leg 3 out: checks the server's AP-REP (a KRB-ERROR becomes a KerberosError with its
   * code) and returns the client's AP-REP. Throws AuthenticationError or MalformedPacketError.
   */
  apRep(token: Buffer): Buffer {
    const sent = this.sent;
    if (!sent) throw new AuthenticationError('AP-REP before the AP-REQ was sent');
    const top = parseDer(token, 'AP-REP');
    if (applicationTag(top) === KrbMessageType.KRB_ERROR)
      throw new KerberosError(decodeKrbError(top).errorCode, 'the server refused the AP-REQ');
    let part;
    try {
      part = openDceApRep(token, this.ticket.sessionKey);
    } catch (e) {
      if (e instanceof KerberosError) throw new AuthenticationError(e.message, { cause: e });
      throw e;
    }
    if (part.ctime.getTime() !== sent.ctime.getTime() || part.cusec !== sent.cusec)
      throw new AuthenticationError('the AP-REP does not echo our authenticator time (mutual authentication failed)');
    const key = part.subkey ?? sent.subkey ?? this.ticket.sessionKey;
    if ((encryptionProfile(key.keytype)?.checksumType ?? -1) <= 0)
      throw new AuthenticationError('RFC 4121 tokens need an AES context key');
    this.serverSeq = part.seqNumber ?? 0;
    this.gss = new KerberosGssContext('initiator', key, sent.seqNumber, this.serverSeq, part.subkey !== undefined);
    return encodeDceApRep(this.ticket.sessionKey, { ctime: sent.ctime, cusec: sent.cusec, seqNumber: this.serverSeq });
  }

  /** The established context (after apRep), and the server's first sequence number. */
  get context(): KerberosGssContext {
    if (!this.gss) throw new AuthenticationError('the Kerberos context is not established');
    return this.gss;
  }

  get acceptorSeq(): number {
    return this.serverSeq;
  }
}
