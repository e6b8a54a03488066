/**
 * The Kerberos mechanism of the server's GSS acceptor: one GSS token in (the InitialContextToken
 * carrying an AP-REQ, RFC 4121 4.1), one out — the AP-REP ([MS-KILE] 3.4.5.1, mutual
 * authentication) or, when the AP-REQ is refused, the KRB-ERROR Windows sends back in the
 * session setup response so the client can tell why (and, for KRB_AP_ERR_SKEW, retry with the
 * server's time from stime/susec).
 *
 * The server-wide part (keytab, replay cache, principal map) is a KerberosAcceptorSettings made
 * once per server; the per-exchange part is this class.
 */
import { ConfigError, MalformedPacketError } from '../../common/errors';
import type { UserAccount } from '../../common/identity';
import { decodeApReqBytes } from './ap-messages';
import { ApReqVerifier, type VerifiedApReq } from './ap-req-verifier';
import { der } from './der';
import { encryptionProfile } from './enctypes';
import { KerberosError } from './errors';
import { KerberosGssContext } from './gss-cfx';
import { GssTokenId, KRB5_OID, decodeGssKrb5Token, encodeGssKrb5Token } from './gss-token';
import { type KeytabEntry, readKeytabFile } from './keytab';
import { encodeKrbError } from './krb-error';
import { groupsFromPac } from './pac';
import { ReplayCache } from './replay-cache';

/** The first byte of a DER AP-REQ: [APPLICATION 14], constructed. */
const BARE_AP_REQ_TAG = 0x6e;

export interface KerberosAcceptorSettings {
  readonly verifier: ApReqVerifier;
  /** Realm of the keytab's first entry: the realm named in KRB-ERRORs about undecodable tickets. */
  readonly realm: string;
  /** "alice@EXAMPLE.COM" or "alice" -> account name; by default a one-component name is the account name. */
  readonly principalMap: ReadonlyMap<string, string>;
  /** PAC group SID -> group name, beside the well-known ones (pac.ts groupsFromPac). */
  readonly sidGroups: Readonly<Record<string, string>>;
}

export interface KerberosSettingsOptions {
  readonly keytab: readonly KeytabEntry[] | string;
  readonly principalMap?: Readonly<Record<string, string>>;
  readonly sidGroups?: Readonly<Record<string, string>>;
  readonly hostNames?: readonly string[];
  readonly services?: readonly string[];
  readonly clockSkewMs?: number;
  readonly replayCacheSize?: number;
  readonly now?: () => Date;
}

function loadKeytab(file: string): KeytabEntry[] {
  try {
    return readKeytabFile(file);
  } catch (e) {
    if (e instanceof MalformedPacketError)
      throw new ConfigError(`${file} is not an MIT keytab: ${e.message}`, { cause: e });
    throw new ConfigError(`cannot read the keytab ${file}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

/** Server-wide Kerberos settings: reads the keytab once, owns the one replay cache. */
export function createKerberosAcceptorSettings(options: KerberosSettingsOptions): KerberosAcceptorSettings {
  const keytab = typeof options.keytab === 'string' ? loadKeytab(options.keytab) : options.keytab;
  const realm = keytab[0]?.realm;
  if (realm === undefined) throw new ConfigError('the keytab holds no keys');
  for (const e of keytab) {
    const expected = encryptionProfile(e.enctype)?.keyLength;
    if (expected !== undefined && e.key.length !== expected)
      throw new ConfigError(
        `keytab entry ${e.components.join('/')}@${e.realm} kvno ${e.kvno}: ${e.key.length}-byte ${encryptionProfile(e.enctype)?.name ?? ''} key`,
      );
  }
  const skewMs = options.clockSkewMs ?? 5 * 60 * 1000;
  const verifier = new ApReqVerifier({
    keytab,
    clockSkewMs: skewMs,
    replayCache: new ReplayCache({
      skewMs,
      ...(options.replayCacheSize !== undefined && { maxEntries: options.replayCacheSize }),
    }),
    ...(options.hostNames && { hostNames: options.hostNames }),
    ...(options.services && { services: options.services }),
    ...(options.now && { now: options.now }),
  });
  const principalMap = new Map(Object.entries(options.principalMap ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { verifier, realm, principalMap, sidGroups: options.sidGroups ?? {} };
}

/** The configured account a Kerberos client maps to, or undefined. */
export function mapKerberosPrincipal(
  settings: KerberosAcceptorSettings,
  verified: Pick<VerifiedApReq, 'clientName' | 'clientRealm' | 'client'>,
  lookupUser: (userName: string, domain: string) => UserAccount | undefined,
): UserAccount | undefined {
  const short = verified.clientName.nameString.join('/');
  const mapped =
    settings.principalMap.get(verified.client.toLowerCase()) ?? settings.principalMap.get(short.toLowerCase());
  if (mapped !== undefined) return lookupUser(mapped, verified.clientRealm);
  if (verified.clientName.nameString.length !== 1) return undefined;
  return lookupUser(short, verified.clientRealm);
}

export interface KerberosUser {
  readonly userName: string;
  readonly domain: string;
  readonly groups: readonly string[];
}

/**
 * Who the client is on this server: the mapped account with its groups plus the PAC's, or, with
 * no account but a PAC, the domain user the PAC describes (a domain member's view). Undefined
 * when neither says.
 */
export function mapKerberosUser(
  settings: KerberosAcceptorSettings,
  verified: Pick<VerifiedApReq, 'clientName' | 'clientRealm' | 'client' | 'pac'>,
  lookupUser: (userName: string, domain: string) => UserAccount | undefined,
): KerberosUser | undefined {
  const info = verified.pac?.logonInfo;
  const pacGroups = info ? groupsFromPac(info, settings.sidGroups) : [];
  const account = mapKerberosPrincipal(settings, verified, lookupUser);
  if (account) {
    return {
      userName: account.name,
      domain: verified.clientRealm,
      groups: [...new Set([...account.groups, ...pacGroups])],
    };
  }
  if (!info) return undefined;
  return {
    userName: info.effectiveName || verified.clientName.nameString.join('/'),
    domain: info.logonDomainName || verified.clientRealm,
    groups: pacGroups,
  };
}

export type KerberosAcceptResult =
  | {
      readonly ok: true;
      readonly mechOid: string;
      /** GSS-framed AP-REP (empty when the client did not ask for mutual authentication). */
      readonly responseToken: Buffer;
      readonly verified: VerifiedApReq;
      readonly context: KerberosGssContext | undefined;
    }
  | { readonly ok: false; readonly mechOid: string; readonly error: KerberosError; readonly responseToken: Buffer };

/** Accepts one GSS krb5 token (or a bare AP-REQ). Throws MalformedPacketError for bytes that are no AP-REQ at all. */
export function acceptKerberosToken(
  settings: KerberosAcceptorSettings,
  token: Buffer,
  options: { readonly acceptorSubkey?: boolean } = {},
): KerberosAcceptResult {
  // A DCE-style initiator sends the AP-REQ bare ([APPLICATION 14], as Heimdal's and MIT's do), and
  // gets its answers bare too.
  const bare = token[0] === BARE_AP_REQ_TAG;
  const gss = bare ? { mechOid: KRB5_OID, tokenId: GssTokenId.KRB_AP_REQ, message: token } : decodeGssKrb5Token(token);
  const frame = (tokenId: GssTokenId, message: Buffer): Buffer =>
    bare ? message : encodeGssKrb5Token(gss.mechOid, tokenId, message);
  if (gss.tokenId !== GssTokenId.KRB_AP_REQ)
    throw new MalformedPacketError(`GSS krb5 token 0x${gss.tokenId.toString(16)} is not an AP-REQ`, {
      field: 'TOK_ID',
    });
  const req = decodeApReqBytes(gss.message);
  try {
    const verified = settings.verifier.verify(req, options);
    const responseToken = verified.apRep ? frame(GssTokenId.KRB_AP_REP, verified.apRep) : Buffer.alloc(0);
    // RFC 4121 tokens need an AES key; an RC4 context still authenticates (SMB2 uses only its key).
    const aes = (encryptionProfile(verified.contextKey.keytype)?.checksumType ?? -1) > 0;
    const context = aes
      ? new KerberosGssContext(
          'acceptor',
          verified.acceptorSubkey ?? verified.contextKey,
          verified.acceptorSeq,
          verified.initiatorSeq,
          verified.acceptorSubkey !== undefined,
        )
      : undefined;
    return { ok: true, mechOid: gss.mechOid, responseToken, verified, context };
  } catch (e) {
    if (!(e instanceof KerberosError)) throw e;
    const now = settings.verifier.now();
    const krbError = encodeKrbError({
      stime: new Date(Math.floor(now.getTime() / 1000) * 1000),
      susec: (now.getTime() % 1000) * 1000,
      errorCode: e.krbCode,
      realm: req.ticket.realm || settings.realm,
      sname: req.ticket.sname,
    });
    return {
      ok: false,
      mechOid: gss.mechOid,
      error: e,
      responseToken: frame(GssTokenId.KRB_ERROR, der(krbError)),
    };
  }
}
