/**
 * The client's KDC exchanges — RFC 4120 3.1 (AS, with PA-ENC-TIMESTAMP from a keytab key) and 3.3
 * (TGS: a service ticket for cifs/<server> with the TGT). Credentials come from an MIT ccache
 * (KRB5CCNAME, what kinit wrote) or a keytab. A service ticket already in the ccache is reused.
 */
import { randomBytes } from 'node:crypto';
import { AuthenticationError } from '../../common/errors';
import { encodeApReq, encodeAuthenticator } from './ap-messages';
import { readCcacheFile } from './ccache';
import { KdcOption, KeyUsage, KrbMessageType, KrbNameType, PaDataType } from './constants';
import { applicationTag, der, flagBits, parseDer } from './der';
import { SUPPORTED_ENCTYPES, encryptionProfile, enctypeName } from './enctypes';
import { KerberosError } from './errors';
import { type KdcAddress, sendToKdc } from './kdc-transport';
import {
  type EncKdcRepPart,
  type KdcRep,
  decodeEncKdcRepPart,
  decodeKdcRep,
  encodeKdcReq,
  encodeKdcReqBody,
  encodePaEncTsEnc,
} from './kdc-messages';
import { type KeytabEntry, readKeytabFile } from './keytab';
import { decodeKrbError } from './krb-error';
import {
  type EncryptionKey,
  type PrincipalName,
  encodeEncryptedData,
  principalToString,
  samePrincipalName,
} from './krb-types';
import { findKdcs } from './krb5-conf';

export interface KerberosPrincipal {
  readonly realm: string;
  readonly name: PrincipalName;
}

/** A ticket and its session key, for the client that holds it. */
export interface ServiceTicket {
  readonly client: KerberosPrincipal;
  readonly server: KerberosPrincipal;
  /** The Ticket's DER bytes. */
  readonly ticket: Buffer;
  readonly sessionKey: EncryptionKey;
  readonly endtime: Date;
}

export interface KerberosClientOptions {
  /** KRB5CCNAME ("FILE:/tmp/krb5cc_0" or a path). */
  readonly ccache?: string;
  /** A keytab (path or entries) and the principal whose key it holds ("alice@EXAMPLE.COM"). */
  readonly keytab?: string | readonly KeytabEntry[];
  readonly principal?: string;
  /** The KDC; otherwise the realm's `kdc` lines in KRB5_CONFIG or /etc/krb5.conf. */
  readonly kdc?: KdcAddress;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
  /** Where KRB5_CONFIG is read when no `kdc` is given; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

const TGS_OPTIONS = flagBits(KdcOption.FORWARDABLE, KdcOption.CANONICALIZE);

export function parsePrincipal(text: string, defaultRealm?: string): KerberosPrincipal {
  const at = text.lastIndexOf('@');
  const realm = at >= 0 ? text.slice(at + 1) : defaultRealm;
  if (realm === undefined || realm === '') throw new AuthenticationError(`principal "${text}" has no realm`);
  const nameString = (at >= 0 ? text.slice(0, at) : text).split('/');
  const nameType = nameString.length > 1 ? KrbNameType.NT_SRV_INST : KrbNameType.NT_PRINCIPAL;
  return { realm, name: { nameType, nameString } };
}

function nowOf(options: KerberosClientOptions): Date {
  return (options.now ?? (() => new Date()))();
}

async function exchange(
  options: KerberosClientOptions,
  realm: string,
  request: Buffer,
  expect: 11 | 13,
): Promise<KdcRep> {
  const kdcs = options.kdc ? [options.kdc] : findKdcs(realm, options.env);
  const kdc = kdcs[0];
  if (kdc === undefined) throw new AuthenticationError(`no KDC known for realm ${realm} (krb5.conf [realms])`);
  const reply = await sendToKdc(kdc, request, options.timeoutMs);
  const top = parseDer(reply, 'KDC reply');
  if (applicationTag(top) === KrbMessageType.KRB_ERROR) {
    const e = decodeKrbError(top);
    throw new KerberosError(e.errorCode, `the KDC refused: ${e.eText ?? 'no text'}`);
  }
  return decodeKdcRep(top, expect);
}

function decryptRepPart(rep: KdcRep, key: EncryptionKey, usage: number, nonce: number): EncKdcRepPart {
  const profile = encryptionProfile(rep.encPart.etype);
  if (!profile || rep.encPart.etype !== key.keytype)
    throw new AuthenticationError(
      `the KDC answered in ${enctypeName(rep.encPart.etype)} for a ${enctypeName(key.keytype)} key`,
    );
  const part = decodeEncKdcRepPart(profile.decrypt(key.keyvalue, usage, rep.encPart.cipher));
  if (part.nonce !== nonce) throw new AuthenticationError('the KDC reply does not carry our nonce');
  return part;
}

function nonce(): number {
  return randomBytes(4).readUInt32BE(0) & 0x7fffffff;
}

/** AS exchange with a long-term key from a keytab: a TGT for krbtgt/REALM. */
export async function requestTgtWithKey(
  client: KerberosPrincipal,
  key: EncryptionKey,
  options: KerberosClientOptions,
): Promise<ServiceTicket> {
  const profile = encryptionProfile(key.keytype);
  if (!profile) throw new AuthenticationError(`keytab key of ${enctypeName(key.keytype)}`);
  const now = nowOf(options);
  const tgs: KerberosPrincipal = {
    realm: client.realm,
    name: { nameType: KrbNameType.NT_SRV_INST, nameString: ['krbtgt', client.realm] },
  };
  const n = nonce();
  const body = encodeKdcReqBody({
    kdcOptions: flagBits(KdcOption.FORWARDABLE),
    cname: client.name,
    realm: client.realm,
    sname: tgs.name,
    till: new Date(now.getTime() + 10 * 3600 * 1000),
    nonce: n,
    etypes: [key.keytype],
  });
  const timestamp = profile.encrypt(
    key.keyvalue,
    KeyUsage.AS_REQ_PA_ENC_TIMESTAMP,
    encodePaEncTsEnc(new Date(Math.floor(now.getTime() / 1000) * 1000), (now.getTime() % 1000) * 1000),
  );
  const padata = [
    {
      padataType: PaDataType.PA_ENC_TIMESTAMP,
      padataValue: der(encodeEncryptedData({ etype: key.keytype, cipher: timestamp })),
    },
  ];
  const rep = await exchange(
    options,
    client.realm,
    encodeKdcReq(KrbMessageType.KRB_AS_REQ, padata, body),
    KrbMessageType.KRB_AS_REP,
  );
  const part = decryptRepPart(rep, key, KeyUsage.AS_REP_ENC_PART, n);
  return {
    client: { realm: rep.crealm, name: rep.cname },
    server: tgs,
    ticket: rep.ticket.der,
    sessionKey: part.key,
    endtime: part.endtime,
  };
}

/** TGS exchange: a ticket for `service` ("cifs/ntprint.example.com") with the TGT. */
export async function requestServiceTicket(
  tgt: ServiceTicket,
  service: string,
  options: KerberosClientOptions,
): Promise<ServiceTicket> {
  const profile = encryptionProfile(tgt.sessionKey.keytype);
  if (!profile) throw new AuthenticationError(`TGT session key of ${enctypeName(tgt.sessionKey.keytype)}`);
  const now = nowOf(options);
  const server = parsePrincipal(service, tgt.client.realm);
  const n = nonce();
  const bodyDer = encodeKdcReqBody({
    kdcOptions: TGS_OPTIONS,
    realm: server.realm,
    sname: { nameType: KrbNameType.NT_SRV_INST, nameString: server.name.nameString },
    till: tgt.endtime,
    nonce: n,
    etypes: SUPPORTED_ENCTYPES,
  });
  const cksum = {
    cksumtype: profile.checksumType,
    checksum: profile.checksum(tgt.sessionKey.keyvalue, KeyUsage.TGS_REQ_AP_REQ_AUTH_CKSUM, bodyDer),
  };
  const authenticator = encodeAuthenticator({
    crealm: tgt.client.realm,
    cname: tgt.client.name,
    cksum,
    cusec: (now.getTime() % 1000) * 1000,
    ctime: new Date(Math.floor(now.getTime() / 1000) * 1000),
  });
  const apReq = der(
    encodeApReq({
      apOptions: 0,
      ticket: { der: tgt.ticket },
      authenticator: {
        etype: tgt.sessionKey.keytype,
        cipher: profile.encrypt(tgt.sessionKey.keyvalue, KeyUsage.TGS_REQ_AP_REQ_AUTH, authenticator),
      },
    }),
  );
  const request = encodeKdcReq(
    KrbMessageType.KRB_TGS_REQ,
    [{ padataType: PaDataType.PA_TGS_REQ, padataValue: apReq }],
    bodyDer,
  );
  const rep = await exchange(options, server.realm, request, KrbMessageType.KRB_TGS_REP);
  const part = decryptRepPart(rep, tgt.sessionKey, KeyUsage.TGS_REP_ENC_PART_SESSION_KEY, n);
  return {
    client: { realm: rep.crealm, name: rep.cname },
    server: { realm: part.srealm, name: part.sname },
    ticket: rep.ticket.der,
    sessionKey: part.key,
    endtime: part.endtime,
  };
}

function strongestKey(entries: readonly KeytabEntry[], who: KerberosPrincipal): EncryptionKey {
  const mine = entries.filter(
    (e) => e.realm === who.realm && samePrincipalName({ nameType: 0, nameString: e.components }, who.name),
  );
  for (const etype of SUPPORTED_ENCTYPES) {
    const best = mine.filter((e) => e.enctype === etype).sort((a, b) => b.kvno - a.kvno)[0];
    if (best) return { keytype: best.enctype, keyvalue: best.key };
  }
  throw new AuthenticationError(`the keytab has no usable key for ${principalToString(who.name, who.realm)}`);
}

/**
 * A service ticket for `service`: from the ccache when it holds a valid one, else through the
 * TGS with the ccache's TGT, or with a TGT got from the keytab's key.
 */
export async function acquireServiceTicket(service: string, options: KerberosClientOptions): Promise<ServiceTicket> {
  const now = nowOf(options);
  if (options.ccache !== undefined) {
    const cc = readCcacheFile(options.ccache);
    const client = cc.defaultPrincipal;
    const wanted = parsePrincipal(service, client.realm);
    const valid = cc.credentials.filter((c) => c.endtime > now && samePrincipalName(c.client.name, client.name));
    const cached = valid.find((c) => c.server.realm === wanted.realm && samePrincipalName(c.server.name, wanted.name));
    const asTicket = (c: (typeof valid)[number]): ServiceTicket => ({
      client: c.client,
      server: c.server,
      ticket: c.ticket,
      sessionKey: { keytype: c.enctype, keyvalue: c.key },
      endtime: c.endtime,
    });
    if (cached) return asTicket(cached);
    const tgt = valid.find(
      (c) => c.server.name.nameString[0] === 'krbtgt' && c.server.name.nameString[1] === client.realm,
    );
    if (!tgt)
      throw new AuthenticationError(
        `no valid TGT for ${principalToString(client.name, client.realm)} in ${options.ccache}`,
      );
    return requestServiceTicket(asTicket(tgt), service, options);
  }
  if (options.keytab !== undefined && options.principal !== undefined) {
    const entries = typeof options.keytab === 'string' ? readKeytabFile(options.keytab) : options.keytab;
    const client = parsePrincipal(options.principal);
    const tgt = await requestTgtWithKey(client, strongestKey(entries, client), options);
    return requestServiceTicket(tgt, service, options);
  }
  throw new AuthenticationError('Kerberos needs a credential cache (KRB5CCNAME) or a keytab and a principal');
}
