/**
 * The Kerberos mechanism of the client's GSS initiator — RFC 4121 4.1 and [MS-KILE] 3.2.5.2:
 * the AP-REQ (GSS-framed, mutual authentication asked for, a fresh subkey and sequence number in
 * the authenticator, the 0x8003 checksum with the context flags), then the AP-REP check (its
 * EncAPRepPart echoes our ctime/cusec). The context key is the acceptor's subkey when the AP-REP
 * carries one, else ours.
 */
import { randomBytes } from 'node:crypto';
import { AuthenticationError } from '../../common/errors';
import { decodeApRep, decodeEncApRepPart, encodeApReq, encodeAuthenticator } from './ap-messages';
import { ApOption, ChecksumType, GssFlag, KeyUsage, KrbMessageType } from './constants';
import { applicationTag, der, flagBits, parseDer } from './der';
import { encryptionProfile, enctypeName } from './enctypes';
import { KerberosError } from './errors';
import { KerberosGssContext } from './gss-cfx';
import {
  GssTokenId,
  KRB5_OID,
  decodeGssKrb5Token,
  encodeGssAuthenticatorChecksum,
  encodeGssKrb5Token,
} from './gss-token';
import type { ServiceTicket } from './kdc-client';
import { decodeKrbError } from './krb-error';
import type { EncryptionKey } from './krb-types';

export const DEFAULT_GSS_FLAGS =
  GssFlag.GSS_C_MUTUAL_FLAG |
  GssFlag.GSS_C_REPLAY_FLAG |
  GssFlag.GSS_C_SEQUENCE_FLAG |
  GssFlag.GSS_C_CONF_FLAG |
  GssFlag.GSS_C_INTEG_FLAG;

export interface ApReqOptions {
  readonly now?: Date;
  readonly mechOid?: string;
  readonly gssFlags?: number;
  /** Leave the subkey out: the ticket's session key becomes the context key. */
  readonly noSubkey?: boolean;
  /** This subkey instead of a fresh one. */
  readonly subkey?: EncryptionKey;
  /** DCE style ([MS-KILE] 3.2.5.2): GSS_C_DCE_STYLE in the checksum, and the AP-REQ bare, unframed. */
  readonly dceStyle?: boolean;
}

export interface BuiltApReq {
  /** The GSS InitialContextToken carrying the AP-REQ (the bare AP-REQ in DCE style). */
  readonly token: Buffer;
  readonly ctime: Date;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber: number;
}

/** Builds the GSS-framed AP-REQ for a service ticket. */
export function buildApReq(ticket: ServiceTicket, options: ApReqOptions = {}): BuiltApReq {
  const profile = encryptionProfile(ticket.sessionKey.keytype);
  if (!profile) throw new AuthenticationError(`ticket session key of ${enctypeName(ticket.sessionKey.keytype)}`);
  const now = options.now ?? new Date();
  const ctime = new Date(Math.floor(now.getTime() / 1000) * 1000);
  // Sub-millisecond digits are random: two AP-REQs in one millisecond must not look like a replay.
  const cusec = (now.getTime() % 1000) * 1000 + (randomBytes(2).readUInt16BE(0) % 1000);
  const subkey = options.noSubkey
    ? undefined
    : (options.subkey ?? { keytype: profile.etype, keyvalue: profile.randomKey() });
  const seqNumber = randomBytes(4).readUInt32BE(0) & 0x3fffffff;
  const authenticator = encodeAuthenticator({
    crealm: ticket.client.realm,
    cname: ticket.client.name,
    cksum: {
      cksumtype: ChecksumType.GSS_KRB5_AUTHENTICATOR,
      checksum: encodeGssAuthenticatorChecksum(
        (options.gssFlags ?? DEFAULT_GSS_FLAGS) | (options.dceStyle === true ? GssFlag.GSS_C_DCE_STYLE : 0),
      ),
    },
    cusec,
    ctime,
    ...(subkey && { subkey }),
    seqNumber,
  });
  const apReq = der(
    encodeApReq({
      apOptions: flagBits(ApOption.MUTUAL_REQUIRED),
      ticket: { der: ticket.ticket },
      authenticator: {
        etype: ticket.sessionKey.keytype,
        cipher: profile.encrypt(ticket.sessionKey.keyvalue, KeyUsage.AP_REQ_AUTH, authenticator),
      },
    }),
  );
  return {
    token:
      options.dceStyle === true ? apReq : encodeGssKrb5Token(options.mechOid ?? KRB5_OID, GssTokenId.KRB_AP_REQ, apReq),
    ctime,
    cusec,
    ...(subkey && { subkey }),
    seqNumber,
  };
}

/** One client context: the AP-REQ out, the AP-REP in. */
export class KerberosInitiatorContext {
  private sent: BuiltApReq | undefined;
  private key: EncryptionKey | undefined;
  private gss: KerberosGssContext | undefined;

  constructor(
    private readonly ticket: ServiceTicket,
    private readonly options: Omit<ApReqOptions, 'now'> & { readonly now?: () => Date } = {},
  ) {}

  initialToken(): Buffer {
    this.sent = buildApReq(this.ticket, {
      ...this.options,
      now: (this.options.now ?? (() => new Date()))(),
    });
    return this.sent.token;
  }

  /** Verifies the AP-REP; a KRB-ERROR becomes a KerberosError with the server's code. */
  processReply(token: Buffer): void {
    const sent = this.sent;
    if (!sent) throw new AuthenticationError('AP-REP before the AP-REQ was sent');
    const gss = decodeGssKrb5Token(token);
    const top = parseDer(gss.message, 'AP-REP');
    if (gss.tokenId === GssTokenId.KRB_ERROR || applicationTag(top) === KrbMessageType.KRB_ERROR) {
      const e = decodeKrbError(top);
      throw new KerberosError(e.errorCode, 'the server refused the AP-REQ');
    }
    if (gss.tokenId !== GssTokenId.KRB_AP_REP)
      throw new AuthenticationError(`unexpected GSS token 0x${gss.tokenId.toString(16)}`);
    const encPart = decodeApRep(top);
    const sessionKey = this.ticket.sessionKey;
    const profile = encryptionProfile(encPart.etype);
    if (!profile || encPart.etype !== sessionKey.keytype)
      throw new AuthenticationError('AP-REP in an unexpected enctype');
    let part;
    try {
      part = decodeEncApRepPart(profile.decrypt(sessionKey.keyvalue, KeyUsage.AP_REP_ENC_PART, encPart.cipher));
    } catch (e) {
      throw new AuthenticationError('the AP-REP does not decrypt with the ticket session key', { cause: e });
    }
    if (part.ctime.getTime() !== sent.ctime.getTime() || part.cusec !== sent.cusec)
      throw new AuthenticationError('the AP-REP does not echo our authenticator time (mutual authentication failed)');
    this.key = part.subkey ?? sent.subkey ?? sessionKey;
    if ((encryptionProfile(this.key.keytype)?.checksumType ?? -1) > 0)
      this.gss = new KerberosGssContext(
        'initiator',
        this.key,
        sent.seqNumber,
        part.seqNumber ?? 0,
        part.subkey !== undefined,
      );
  }

  /** The context key before the AP-REP (ours), or after it (the acceptor's subkey when sent). */
  get contextKey(): EncryptionKey {
    const sent = this.sent;
    if (!sent) throw new AuthenticationError('no AP-REQ sent yet');
    return this.key ?? sent.subkey ?? this.ticket.sessionKey;
  }

  /** The RFC 4121 context once the AP-REP verified (AES keys only). */
  get gssContext(): KerberosGssContext | undefined {
    return this.gss;
  }
}
