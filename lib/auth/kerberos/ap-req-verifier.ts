/**
 * The application server's half of the AP exchange — RFC 4120 3.2.3 (receipt of KRB_AP_REQ) and
 * 3.2.4 (generation of KRB_AP_REP), as [MS-KILE] 3.4.5 applies it:
 *
 *   1. the ticket names one of our services (cifs/<host>, host/<host>) in a realm of the keytab,
 *      else KRB_AP_ERR_NOT_US;
 *   2. a key for the ticket's key version and enctype, else KRB_AP_ERR_BADKEYVER (or ETYPE_NOSUPP);
 *   3. the ticket decrypts, else KRB_AP_ERR_MODIFIED (what Windows sends; RFC 4120 allows BAD_INTEGRITY);
 *   4. the authenticator decrypts with the ticket's session key, else KRB_AP_ERR_BAD_INTEGRITY,
 *      and names the ticket's client, else KRB_AP_ERR_BADMATCH;
 *   5. its ctime is within the clock skew, else KRB_AP_ERR_SKEW; it was not seen before, else
 *      KRB_AP_ERR_REPEAT;
 *   6. the ticket is valid now (starttime - skew <= now <= endtime + skew), else TKT_NYV / TKT_EXPIRED;
 *   7. a PAC in the ticket ([MS-PAC]) must carry a server signature made with the service key,
 *      else KRB_AP_ERR_MODIFIED ([MS-KILE] 3.4.5.3);
 *   8. mutual authentication: an AP-REP whose EncAPRepPart echoes ctime/cusec (usage 12).
 *
 * The context key is the authenticator's subkey when present, else the ticket's session key
 * (RFC 4121 2; no acceptor subkey is sent back, so both sides agree on it without the AP-REP).
 */
import { randomBytes } from 'node:crypto';
import { MalformedPacketError } from '../../common/errors';
import { type ApReq, type Authenticator, decodeAuthenticator, encodeApRep, encodeEncApRepPart } from './ap-messages';
import { ApOption, ChecksumType, DEFAULT_CLOCK_SKEW_MS, KeyUsage, KrbErrorCode, TicketFlag } from './constants';
import { der, hasFlag } from './der';
import { encryptionProfile, enctypeName } from './enctypes';
import { KerberosError, KerberosIntegrityError } from './errors';
import { type GssAuthenticatorChecksum, decodeGssAuthenticatorChecksum } from './gss-token';
import type { KeytabEntry } from './keytab';
import { type EncryptionKey, type PrincipalName, principalToString } from './krb-types';
import { type Pac, decodePac, findPacInAuthorizationData, verifyPacServerSignature } from './pac';
import type { ReplayCache } from './replay-cache';
import { type EncTicketPart, decodeEncTicketPart } from './ticket';

export interface ApReqVerifierOptions {
  readonly keytab: readonly KeytabEntry[];
  /** Service names accepted as the first component (default cifs and host). */
  readonly services?: readonly string[];
  /** When set, the host component must be one of these (case-insensitive). */
  readonly hostNames?: readonly string[];
  readonly clockSkewMs?: number;
  readonly replayCache: ReplayCache;
  readonly now?: () => Date;
}

export interface VerifiedApReq {
  readonly clientRealm: string;
  readonly clientName: PrincipalName;
  /** "alice@EXAMPLE.COM". */
  readonly client: string;
  /** "cifs/ntprint.example.com@EXAMPLE.COM". */
  readonly server: string;
  readonly ticket: EncTicketPart;
  readonly authenticator: Authenticator;
  /** The GSS flags of the 0x8003 checksum (0 when the AP-REQ carried none). */
  readonly gssFlags: number;
  readonly contextKey: EncryptionKey;
  /** The ticket's PAC, its server signature verified. */
  readonly pac?: Pac;
  readonly mutual: boolean;
  /** The DER AP-REP when mutual authentication was asked for. */
  readonly apRep?: Buffer;
  /** Our initial sequence number (in the AP-REP), and the client's (in the authenticator). */
  readonly acceptorSeq: number;
  readonly initiatorSeq: number;
  /** The subkey our AP-REP carried, when asked for: then the context key of RFC 4121 tokens. */
  readonly acceptorSubkey?: EncryptionKey;
}

export const DEFAULT_SERVICES: readonly string[] = ['cifs', 'host'];

export class ApReqVerifier {
  private readonly skewMs: number;
  private readonly services: readonly string[];

  constructor(private readonly options: ApReqVerifierOptions) {
    this.skewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    this.services = (options.services ?? DEFAULT_SERVICES).map((s) => s.toLowerCase());
  }

  now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** The service key for the ticket, or the KRB error that says why there is none. */
  private serviceKey(req: ApReq): KeytabEntry {
    const { sname, realm, encPart } = req.ticket;
    const server = principalToString(sname, realm);
    const [service, host] = sname.nameString;
    const hostNames = this.options.hostNames?.map((h) => h.toLowerCase());
    if (
      sname.nameString.length !== 2 ||
      service === undefined ||
      host === undefined ||
      !this.services.includes(service.toLowerCase()) ||
      (hostNames !== undefined && !hostNames.includes(host.toLowerCase()))
    )
      throw new KerberosError(KrbErrorCode.KRB_AP_ERR_NOT_US, `the ticket is for ${server}`);
    const forPrincipal = this.options.keytab.filter(
      (e) =>
        e.realm.toUpperCase() === realm.toUpperCase() &&
        e.components.length === 2 &&
        e.components[0]?.toLowerCase() === service.toLowerCase() &&
        e.components[1]?.toLowerCase() === host.toLowerCase(),
    );
    if (forPrincipal.length === 0)
      throw new KerberosError(KrbErrorCode.KRB_AP_ERR_NOT_US, `no key for ${server} in the keytab`);
    const forVersion = encPart.kvno === undefined ? forPrincipal : forPrincipal.filter((e) => e.kvno === encPart.kvno);
    if (forVersion.length === 0)
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_BADKEYVER,
        `no key version ${encPart.kvno} for ${server} (keytab has ${[...new Set(forPrincipal.map((e) => e.kvno))].join(', ')})`,
      );
    const newest = forVersion.filter((e) => e.enctype === encPart.etype).sort((a, b) => b.kvno - a.kvno)[0];
    if (newest === undefined)
      throw new KerberosError(
        KrbErrorCode.KDC_ERR_ETYPE_NOSUPP,
        `no ${enctypeName(encPart.etype)} key for ${server} in the keytab`,
      );
    return newest;
  }

  private decrypt(key: EncryptionKey, usage: number, cipher: Buffer, etype: number, failCode: number): Buffer {
    const profile = encryptionProfile(etype);
    if (!profile || key.keytype !== etype)
      throw new KerberosError(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, `cannot decrypt ${enctypeName(etype)}`);
    try {
      return profile.decrypt(key.keyvalue, usage, cipher);
    } catch (e) {
      if (e instanceof KerberosIntegrityError) throw new KerberosError(failCode, e.message, { cause: e });
      throw e;
    }
  }

  private pac(ticket: EncTicketPart, serviceKey: EncryptionKey, client: string): Pac | undefined {
    let pac: Pac | undefined;
    try {
      const raw = findPacInAuthorizationData(ticket.authorizationData);
      pac = raw && decodePac(raw);
    } catch (e) {
      if (e instanceof MalformedPacketError)
        throw new KerberosError(KrbErrorCode.KRB_AP_ERR_MODIFIED, `the PAC of ${client} is malformed: ${e.message}`);
      throw e;
    }
    if (pac && !verifyPacServerSignature(pac, serviceKey))
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_MODIFIED,
        `the PAC server signature of ${client} does not verify`,
      );
    return pac;
  }

  /** Verifies an AP-REQ; throws KerberosError (with the code to send) or MalformedPacketError. */
  /**
   * `acceptorSubkey`: put a fresh subkey in the AP-REP, as Windows, Heimdal and MIT acceptors do for
   * AES contexts (and as impacket's DCE/RPC client requires); SMB2 keeps to the context key.
   */
  verify(req: ApReq, options: { readonly acceptorSubkey?: boolean } = {}): VerifiedApReq {
    if (hasFlag(req.apOptions, ApOption.USE_SESSION_KEY))
      throw new KerberosError(KrbErrorCode.KRB_AP_ERR_NOKEY, 'user-to-user tickets are not accepted');
    const entry = this.serviceKey(req);
    const { ticket } = req;
    const server = principalToString(ticket.sname, ticket.realm);
    const encTicket = decodeEncTicketPart(
      this.decrypt(
        { keytype: entry.enctype, keyvalue: entry.key },
        KeyUsage.KDC_REP_TICKET,
        ticket.encPart.cipher,
        ticket.encPart.etype,
        KrbErrorCode.KRB_AP_ERR_MODIFIED,
      ),
    );
    const authenticator = decodeAuthenticator(
      this.decrypt(
        encTicket.key,
        KeyUsage.AP_REQ_AUTH,
        req.authenticator.cipher,
        req.authenticator.etype,
        KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY,
      ),
    );
    const client = principalToString(encTicket.cname, encTicket.crealm);
    const { subkey } = authenticator;
    if (subkey && subkey.keyvalue.length !== encryptionProfile(subkey.keytype)?.keyLength)
      throw new KerberosError(
        KrbErrorCode.KRB_ERR_GENERIC,
        `authenticator subkey of ${enctypeName(subkey.keytype)} with ${subkey.keyvalue.length} bytes`,
      );
    if (principalToString(authenticator.cname, authenticator.crealm) !== client)
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_BADMATCH,
        `authenticator names ${principalToString(authenticator.cname, authenticator.crealm)}, ticket ${client}`,
      );

    const now = this.now();
    const t = now.getTime();
    const ctime = authenticator.ctime.getTime() + Math.floor(authenticator.cusec / 1000);
    if (Math.abs(ctime - t) > this.skewMs)
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_SKEW,
        `authenticator time ${authenticator.ctime.toISOString()} is ${Math.round((ctime - t) / 1000)} s from ours`,
      );
    const start = (encTicket.starttime ?? encTicket.authtime).getTime();
    if (start - this.skewMs > t || hasFlag(encTicket.flags, TicketFlag.INVALID))
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_TKT_NYV,
        `ticket for ${client} not valid before ${new Date(start).toISOString()}`,
      );
    if (encTicket.endtime.getTime() + this.skewMs < t)
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED,
        `ticket for ${client} expired at ${encTicket.endtime.toISOString()}`,
      );

    let gss: GssAuthenticatorChecksum | undefined;
    if (authenticator.cksum?.cksumtype === ChecksumType.GSS_KRB5_AUTHENTICATOR) {
      try {
        gss = decodeGssAuthenticatorChecksum(authenticator.cksum.checksum);
      } catch (e) {
        if (e instanceof MalformedPacketError)
          throw new KerberosError(KrbErrorCode.KRB_AP_ERR_INAPP_CKSUM, e.message, { cause: e });
        throw e;
      }
    }
    const pac = this.pac(encTicket, { keytype: entry.enctype, keyvalue: entry.key }, client);
    const fresh = this.options.replayCache.checkAndInsert(
      { client, server, ctime: authenticator.ctime, cusec: authenticator.cusec },
      req.authenticator.cipher,
      now,
    );
    if (!fresh)
      throw new KerberosError(
        KrbErrorCode.KRB_AP_ERR_REPEAT,
        `authenticator of ${client} at ${authenticator.ctime.toISOString()}.${authenticator.cusec} replayed`,
      );

    const mutual = hasFlag(req.apOptions, ApOption.MUTUAL_REQUIRED) || ((gss?.flags ?? 0) & 2) !== 0;
    const acceptorSeq = randomBytes(4).readUInt32BE(0) & 0x3fffffff;
    let apRep: Buffer | undefined;
    let acceptorSubkey: EncryptionKey | undefined;
    if (mutual) {
      const profile = encryptionProfile(encTicket.key.keytype);
      if (!profile) throw new KerberosError(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, 'session key enctype');
      const contextProfile = encryptionProfile((authenticator.subkey ?? encTicket.key).keytype);
      if (options.acceptorSubkey === true && contextProfile)
        acceptorSubkey = { keytype: contextProfile.etype, keyvalue: contextProfile.randomKey() };
      const plain = encodeEncApRepPart({
        ctime: authenticator.ctime,
        cusec: authenticator.cusec,
        ...(acceptorSubkey && { subkey: acceptorSubkey }),
        seqNumber: acceptorSeq,
      });
      apRep = der(
        encodeApRep({
          etype: encTicket.key.keytype,
          cipher: profile.encrypt(encTicket.key.keyvalue, KeyUsage.AP_REP_ENC_PART, plain),
        }),
      );
    }
    return {
      clientRealm: encTicket.crealm,
      clientName: encTicket.cname,
      client,
      server,
      ticket: encTicket,
      authenticator,
      gssFlags: gss?.flags ?? 0,
      contextKey: authenticator.subkey ?? encTicket.key,
      ...(pac && { pac }),
      mutual,
      ...(apRep && { apRep }),
      acceptorSeq,
      initiatorSeq: authenticator.seqNumber ?? 0,
      ...(acceptorSubkey && { acceptorSubkey }),
    };
  }
}
