/**
 * The NTLM half of the server's session setup — [MS-NLMP] 3.2 (server): answer NEGOTIATE with a
 * CHALLENGE ([MS-NLMP] 3.2.5.1.1), then verify AUTHENTICATE ([MS-NLMP] 3.2.5.1.2): NTLMv2
 * (NTProofStr, SessionBaseKey, key exchange, MIC), NTLMv1 and NTLMv1 with extended session
 * security when the configuration allows them, guest and anonymous by policy.
 *
 * Wire-agnostic: SPNEGO wrapping is the GSS acceptor's business. Never throws for a bad
 * AUTHENTICATE: the caller gets a failure with the NTSTATUS to send.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { dateToFiletime } from '../common/binary/filetime';
import { MalformedPacketError } from '../common/errors';
import { type AuthenticatedUser, type UserAccount, isAdministratorAccount } from '../common/identity';
import { NtStatus } from '../common/status/ntstatus';
import { MsvAv, MsvAvFlagBits, NTLM_VERSION, NtlmNegotiateFlag as F, hasNtlmFlag } from './ntlm-constants';
import {
  NtlmSigner,
  computeMic,
  keyExchangeKey,
  lmowfV1,
  macEquals,
  ntlm2SessionResponse,
  ntlmV1Response,
  ntowfV1,
  ntowfV2FromHash,
  ntProofStr,
  sessionBaseKeyV1,
  sessionBaseKeyV2,
} from './ntlm-crypto';
import {
  AUTHENTICATE_MIC_OFFSET,
  type AvPair,
  type NtlmAuthenticateMessage,
  decodeAvPairs,
  decodeNtlmAuthenticate,
  decodeNtlmNegotiate,
  encodeNtlmChallenge,
  findAvPair,
} from './ntlmssp-messages';
import { rc4k } from './rc4';

export interface NtlmAcceptorOptions {
  readonly serverName: string;
  readonly domain: string;
  readonly dnsName?: string;
  readonly lookupUser: (userName: string, domain: string) => UserAccount | undefined;
  readonly allowNtlmV1: boolean;
  readonly allowGuest: boolean;
  readonly allowAnonymous: boolean;
  readonly now?: () => Date;
  readonly randomBytes?: (n: number) => Buffer;
}

export type NtlmResponseKind = 'ntlmv2' | 'ntlmv1' | 'ntlmv1-ess' | 'guest' | 'anonymous';

export type NtlmAcceptResult =
  | {
      readonly ok: true;
      readonly user: AuthenticatedUser;
      /** The exported session key (16 bytes); empty for guest and anonymous sessions. */
      readonly sessionKey: Buffer;
      readonly kind: NtlmResponseKind;
      /** Flags in force after AUTHENTICATE (what the mechListMIC signatures use). */
      readonly flags: number;
      /** The client put a MIC in AUTHENTICATE (MsvAvFlags 0x2), and it verified. */
      readonly micVerified: boolean;
    }
  | { readonly ok: false; readonly status: number; readonly reason: string };

const ANONYMOUS_USER = 'ANONYMOUS LOGON';
const GUEST_USER = 'Guest';

// The flags a server echoes when the client asks for them ([MS-NLMP] 3.2.5.1.1).
const ECHOED_FLAGS = [
  F.NTLMSSP_NEGOTIATE_SIGN,
  F.NTLMSSP_NEGOTIATE_SEAL,
  F.NTLMSSP_NEGOTIATE_ALWAYS_SIGN,
  F.NTLMSSP_NEGOTIATE_IDENTIFY,
  F.NTLMSSP_NEGOTIATE_VERSION,
  F.NTLMSSP_NEGOTIATE_128,
  F.NTLMSSP_NEGOTIATE_KEY_EXCH,
  F.NTLMSSP_NEGOTIATE_56,
] as const;

// Flags that change the cryptography: honoured from AUTHENTICATE only if the CHALLENGE offered them.
const CRYPTO_FLAGS =
  F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
  F.NTLMSSP_NEGOTIATE_LM_KEY |
  F.NTLMSSP_NEGOTIATE_KEY_EXCH |
  F.NTLMSSP_NEGOTIATE_128 |
  F.NTLMSSP_NEGOTIATE_56 |
  F.NTLMSSP_REQUEST_NON_NT_SESSION_KEY;

/**
 * The flags in force after AUTHENTICATE, as the server applies them: what the client sent, except
 * that a cryptographic option counts only if the CHALLENGE offered it. Session security
 * ([MS-NLMP] 3.4) runs on these, on both sides.
 */
export function ntlmFlagsInForce(authenticateFlags: number, challengeFlags: number): number {
  return ((authenticateFlags & ~CRYPTO_FLAGS) | (authenticateFlags & challengeFlags & CRYPTO_FLAGS)) >>> 0;
}

function utf16(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

export class NtlmAcceptor {
  private negotiateBytes: Buffer | undefined;
  private challengeBytes: Buffer | undefined;
  private challengeFlags = 0;
  private serverChallenge: Buffer | undefined;

  constructor(private readonly options: NtlmAcceptorOptions) {}

  private random(n: number): Buffer {
    return (this.options.randomBytes ?? cryptoRandomBytes)(n);
  }

  /** NEGOTIATE in, CHALLENGE out. Throws MalformedPacketError on bad bytes. */
  processNegotiate(token: Buffer): Buffer {
    if (this.challengeBytes)
      throw new MalformedPacketError('second NTLM NEGOTIATE in one exchange', { field: 'MessageType' });
    const negotiate = decodeNtlmNegotiate(token);
    const asked = negotiate.flags;
    let flags: number = F.NTLMSSP_NEGOTIATE_NTLM | F.NTLMSSP_REQUEST_TARGET | F.NTLMSSP_NEGOTIATE_TARGET_INFO;
    flags |=
      hasNtlmFlag(asked, F.NTLMSSP_NEGOTIATE_UNICODE) || !hasNtlmFlag(asked, F.NTLM_NEGOTIATE_OEM)
        ? F.NTLMSSP_NEGOTIATE_UNICODE
        : F.NTLM_NEGOTIATE_OEM;
    for (const f of ECHOED_FLAGS) if (hasNtlmFlag(asked, f)) flags |= f;
    // Extended session security wins over LM_KEY when a client asks for both ([MS-NLMP] 2.2.2.5 P).
    if (hasNtlmFlag(asked, F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY))
      flags |= F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
    else if (hasNtlmFlag(asked, F.NTLMSSP_NEGOTIATE_LM_KEY)) flags |= F.NTLMSSP_NEGOTIATE_LM_KEY;
    const { serverName, domain } = this.options;
    const standalone = serverName.toUpperCase() === domain.toUpperCase();
    flags |= standalone ? F.NTLMSSP_TARGET_TYPE_SERVER : F.NTLMSSP_TARGET_TYPE_DOMAIN;
    flags >>>= 0;

    const dnsComputer = this.options.dnsName ?? serverName.toLowerCase();
    const dot = dnsComputer.indexOf('.');
    const dnsDomain = dot > 0 ? dnsComputer.slice(dot + 1) : dnsComputer;
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64LE(dateToFiletime((this.options.now ?? (() => new Date()))()));
    const targetInfo: AvPair[] = [
      { id: MsvAv.MsvAvNbDomainName, value: utf16(domain) },
      { id: MsvAv.MsvAvNbComputerName, value: utf16(serverName) },
      { id: MsvAv.MsvAvDnsDomainName, value: utf16(dnsDomain) },
      { id: MsvAv.MsvAvDnsComputerName, value: utf16(dnsComputer) },
      { id: MsvAv.MsvAvTimestamp, value: timestamp },
    ];
    this.serverChallenge = this.random(8);
    this.challengeFlags = flags;
    this.negotiateBytes = Buffer.from(token);
    this.challengeBytes = encodeNtlmChallenge({
      flags,
      targetName: domain,
      serverChallenge: this.serverChallenge,
      targetInfo,
      ...(hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_VERSION) && { version: NTLM_VERSION }),
    });
    return this.challengeBytes;
  }

  /** AUTHENTICATE in, verdict out. */
  processAuthenticate(token: Buffer): NtlmAcceptResult {
    const { negotiateBytes, challengeBytes, serverChallenge } = this;
    if (!negotiateBytes || !challengeBytes || !serverChallenge) {
      return { ok: false, status: NtStatus.STATUS_INVALID_PARAMETER, reason: 'AUTHENTICATE before NEGOTIATE' };
    }
    let auth: NtlmAuthenticateMessage;
    try {
      auth = decodeNtlmAuthenticate(token);
    } catch (e) {
      if (e instanceof MalformedPacketError)
        return { ok: false, status: NtStatus.STATUS_INVALID_PARAMETER, reason: e.message };
      throw e;
    }
    const flags = ntlmFlagsInForce(auth.flags, this.challengeFlags);
    const nt = auth.ntChallengeResponse;
    const lm = auth.lmChallengeResponse;
    // An NTLMv2 response whose client challenge does not parse is malformed before it is wrong:
    // STATUS_INVALID_PARAMETER whoever it claims to be, as Samba answers (smbtorture
    // smb2.session.ntlmssp_bug14932) — not LOGON_FAILURE.
    let clientAvPairs: AvPair[] = [];
    if (nt.length > 24) {
      if (nt.length < 16 + 28)
        return { ok: false, status: NtStatus.STATUS_INVALID_PARAMETER, reason: 'NTLMv2 response too short' };
      try {
        clientAvPairs = decodeAvPairs(nt.subarray(16 + 28));
      } catch {
        return {
          ok: false,
          status: NtStatus.STATUS_INVALID_PARAMETER,
          reason: 'NTLMv2 client challenge has malformed AV pairs',
        };
      }
    }
    const base = {
      userName: auth.userName,
      domain: auth.domainName,
      ...(auth.workstation !== '' && { machineName: auth.workstation }),
    };

    const anonymous =
      hasNtlmFlag(auth.flags, F.NTLMSSP_ANONYMOUS) ||
      (auth.userName === '' && nt.length === 0 && (lm.length === 0 || (lm.length === 1 && lm[0] === 0)));
    if (anonymous) {
      if (this.options.allowAnonymous)
        return this.unauthenticated(flags, { ...base, userName: ANONYMOUS_USER, domain: 'NT AUTHORITY' }, 'anonymous');
      if (this.options.allowGuest) return this.unauthenticated(flags, { ...base, userName: GUEST_USER }, 'guest');
      return { ok: false, status: NtStatus.STATUS_LOGON_FAILURE, reason: 'anonymous logon refused' };
    }
    const account = auth.userName === '' ? undefined : this.options.lookupUser(auth.userName, auth.domainName);
    if (!account) {
      if (this.options.allowGuest) return this.unauthenticated(flags, { ...base, userName: GUEST_USER }, 'guest');
      return { ok: false, status: NtStatus.STATUS_LOGON_FAILURE, reason: `unknown user "${auth.userName}"` };
    }

    const ntHash = ntowfV1(account.password);
    let sessionBaseKey: Buffer;
    let kind: NtlmResponseKind;
    let avPairs: AvPair[] = [];
    let isV2 = false;
    if (nt.length > 24) {
      const proof = nt.subarray(0, 16);
      const blob = nt.subarray(16);
      // Like Windows and Samba: the domain as sent, then upper-cased, then empty.
      const domains = [...new Set([auth.domainName, auth.domainName.toUpperCase(), ''])];
      const key = domains
        .map((d) => ntowfV2FromHash(ntHash, auth.userName, d))
        .find((k) => macEquals(ntProofStr(k, serverChallenge, blob), proof));
      if (!key)
        return {
          ok: false,
          status: NtStatus.STATUS_LOGON_FAILURE,
          reason: `wrong password for "${auth.userName}" (NTLMv2)`,
        };
      avPairs = clientAvPairs;
      sessionBaseKey = sessionBaseKeyV2(key, proof);
      kind = 'ntlmv2';
      isV2 = true;
    } else if (nt.length === 24) {
      if (!this.options.allowNtlmV1)
        return {
          ok: false,
          status: NtStatus.STATUS_LOGON_FAILURE,
          reason: `NTLMv1 refused for "${auth.userName}" (allowNtlmV1 is off)`,
        };
      const ess = hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) && lm.length === 24;
      const expected = ess
        ? ntlm2SessionResponse(ntHash, serverChallenge, lm.subarray(0, 8))
        : ntlmV1Response(ntHash, serverChallenge);
      if (!macEquals(expected, nt))
        return {
          ok: false,
          status: NtStatus.STATUS_LOGON_FAILURE,
          reason: `wrong password for "${auth.userName}" (NTLMv1)`,
        };
      sessionBaseKey = sessionBaseKeyV1(ntHash);
      kind = ess ? 'ntlmv1-ess' : 'ntlmv1';
    } else {
      return {
        ok: false,
        status: NtStatus.STATUS_LOGON_FAILURE,
        reason: `no usable NT response (${nt.length} bytes) for "${auth.userName}"`,
      };
    }

    const kxKey = keyExchangeKey(
      flags,
      sessionBaseKey,
      lm,
      serverChallenge,
      isV2 ? Buffer.alloc(16) : lmowfV1(account.password),
      isV2,
    );
    let sessionKey = kxKey;
    if (hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_KEY_EXCH)) {
      if (auth.encryptedRandomSessionKey.length !== 16) {
        return {
          ok: false,
          status: NtStatus.STATUS_LOGON_FAILURE,
          reason: 'KEY_EXCH negotiated without a 16-byte EncryptedRandomSessionKey',
        };
      }
      sessionKey = rc4k(kxKey, auth.encryptedRandomSessionKey);
    }

    let micVerified = false;
    const avFlags = findAvPair(avPairs, MsvAv.MsvAvFlags);
    if (avFlags && avFlags.length >= 4 && (avFlags.readUInt32LE(0) & MsvAvFlagBits.MIC_PROVIDED) !== 0) {
      if (!auth.mic)
        return {
          ok: false,
          status: NtStatus.STATUS_LOGON_FAILURE,
          reason: 'MsvAvFlags announces a MIC the message does not carry',
        };
      const zeroed = Buffer.from(token);
      zeroed.fill(0, AUTHENTICATE_MIC_OFFSET, AUTHENTICATE_MIC_OFFSET + 16);
      if (!macEquals(computeMic(sessionKey, negotiateBytes, challengeBytes, zeroed), auth.mic)) {
        return {
          ok: false,
          status: NtStatus.STATUS_LOGON_FAILURE,
          reason: `AUTHENTICATE MIC mismatch for "${auth.userName}"`,
        };
      }
      micVerified = true;
    }

    const user: AuthenticatedUser = {
      ...base,
      userName: account.name,
      groups: [...account.groups],
      isAdministrator: isAdministratorAccount(account),
      isGuest: false,
      isAnonymous: false,
    };
    return { ok: true, user, sessionKey, kind, flags, micVerified };
  }

  private unauthenticated(
    flags: number,
    who: { readonly userName: string; readonly domain: string; readonly machineName?: string },
    kind: 'guest' | 'anonymous',
  ): NtlmAcceptResult {
    const user: AuthenticatedUser = {
      ...who,
      groups: kind === 'guest' ? ['Guests'] : [],
      isAdministrator: false,
      isGuest: kind === 'guest',
      isAnonymous: kind === 'anonymous',
    };
    return { ok: true, user, sessionKey: Buffer.alloc(0), kind, flags, micVerified: false };
  }
}

/** The signers SPNEGO's mechListMIC needs after a successful NTLM exchange ([MS-SPNG] 3.1.5.1). */
export function ntlmMechListSigners(
  flags: number,
  sessionKey: Buffer,
): { readonly clientToServer: NtlmSigner; readonly serverToClient: NtlmSigner } | undefined {
  if (sessionKey.length !== 16 || !hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) return undefined;
  return {
    clientToServer: new NtlmSigner(flags, sessionKey, 'client-to-server'),
    serverToClient: new NtlmSigner(flags, sessionKey, 'server-to-client'),
  };
}
