/**
 * The NTLM half of the client's session setup — [MS-NLMP] 3.1 (client): NEGOTIATE, then an
 * NTLMv2 AUTHENTICATE computed from the server's CHALLENGE (3.1.5.1.2): NTProofStr over the
 * server's target info, KEY_EXCH with a random session key, and the MIC when the server sent
 * MsvAvTimestamp. Anonymous when user and password are both empty.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { dateToFiletime } from '../common/binary/filetime';
import { AuthenticationError } from '../common/errors';
import { MsvAv, MsvAvFlagBits, NTLM_VERSION, NtlmNegotiateFlag as F, hasNtlmFlag } from './ntlm-constants';
import { computeMic, lmV2Response, ntProofStr, ntlmV2ClientBlob, ntowfV2, sessionBaseKeyV2 } from './ntlm-crypto';
import {
  AUTHENTICATE_MIC_OFFSET,
  type AvPair,
  decodeNtlmChallenge,
  encodeAvPairs,
  encodeNtlmAuthenticate,
  encodeNtlmNegotiate,
  findAvPair,
} from './ntlmssp-messages';
import { rc4k } from './rc4';

export interface NtlmInitiatorOptions {
  readonly user: string;
  readonly password: string;
  readonly domain: string;
  readonly workstation: string;
  readonly now?: () => Date;
  readonly randomBytes?: (n: number) => Buffer;
}

/** What we ask for: Windows' usual set (Unicode, signing and sealing, ESS, 128-bit, key exchange). */
export const INITIATOR_NEGOTIATE_FLAGS =
  (F.NTLMSSP_NEGOTIATE_UNICODE |
    F.NTLM_NEGOTIATE_OEM |
    F.NTLMSSP_REQUEST_TARGET |
    F.NTLMSSP_NEGOTIATE_SIGN |
    F.NTLMSSP_NEGOTIATE_SEAL |
    F.NTLMSSP_NEGOTIATE_NTLM |
    F.NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
    F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
    F.NTLMSSP_NEGOTIATE_VERSION |
    F.NTLMSSP_NEGOTIATE_128 |
    F.NTLMSSP_NEGOTIATE_KEY_EXCH |
    F.NTLMSSP_NEGOTIATE_56) >>>
  0;

/** The flags the client uses after CHALLENGE: the server's, limited to what we asked for. */
export function initiatorFlagsInForce(challengeFlags: number): number {
  return (challengeFlags & (INITIATOR_NEGOTIATE_FLAGS | F.NTLMSSP_NEGOTIATE_TARGET_INFO)) >>> 0;
}

export interface NtlmAuthenticateResult {
  readonly token: Buffer;
  /** Flags in force (the CHALLENGE's, limited to what we asked for). */
  readonly flags: number;
  /** Exported session key; empty for an anonymous logon. */
  readonly sessionKey: Buffer;
  /** The AUTHENTICATE carries a MIC (the server sent MsvAvTimestamp). */
  readonly withMic: boolean;
}

export class NtlmInitiator {
  private negotiateBytes: Buffer | undefined;

  constructor(private readonly options: NtlmInitiatorOptions) {}

  private random(n: number): Buffer {
    return (this.options.randomBytes ?? cryptoRandomBytes)(n);
  }

  negotiate(): Buffer {
    this.negotiateBytes = encodeNtlmNegotiate({
      flags: INITIATOR_NEGOTIATE_FLAGS,
      domainName: '',
      workstation: '',
      version: NTLM_VERSION,
    });
    return this.negotiateBytes;
  }

  authenticate(challengeToken: Buffer): NtlmAuthenticateResult {
    if (!this.negotiateBytes) throw new AuthenticationError('NTLM CHALLENGE before NEGOTIATE');
    const challenge = decodeNtlmChallenge(challengeToken);
    if (!hasNtlmFlag(challenge.flags, F.NTLMSSP_NEGOTIATE_UNICODE))
      throw new AuthenticationError('the server did not agree to Unicode NTLM');
    const flags = initiatorFlagsInForce(challenge.flags);
    const { user, password, domain, workstation } = this.options;
    const version = hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_VERSION) ? NTLM_VERSION : undefined;

    if (user === '' && password === '') {
      const token = encodeNtlmAuthenticate({
        flags: (flags | F.NTLMSSP_ANONYMOUS) & ~F.NTLMSSP_NEGOTIATE_KEY_EXCH,
        lmChallengeResponse: Buffer.alloc(1),
        ntChallengeResponse: Buffer.alloc(0),
        domainName: '',
        userName: '',
        workstation,
        encryptedRandomSessionKey: Buffer.alloc(0),
        ...(version && { version }),
        withMic: false,
      });
      return { token, flags, sessionKey: Buffer.alloc(0), withMic: false };
    }

    const serverTimestamp = findAvPair(challenge.targetInfo, MsvAv.MsvAvTimestamp);
    const withMic = serverTimestamp !== undefined && serverTimestamp.length === 8;
    const timestamp = withMic
      ? serverTimestamp.readBigUInt64LE(0)
      : dateToFiletime((this.options.now ?? (() => new Date()))());
    const pairs: AvPair[] = challenge.targetInfo.filter((p) => p.id !== MsvAv.MsvAvFlags);
    if (withMic) {
      const value = Buffer.alloc(4);
      value.writeUInt32LE(MsvAvFlagBits.MIC_PROVIDED);
      pairs.push({ id: MsvAv.MsvAvFlags, value });
    }
    const clientChallenge = this.random(8);
    const responseKey = ntowfV2(password, user, domain);
    const blob = ntlmV2ClientBlob(timestamp, clientChallenge, encodeAvPairs(pairs));
    const proof = ntProofStr(responseKey, challenge.serverChallenge, blob);
    // With MsvAvTimestamp the client sends Z(24) for LmChallengeResponse ([MS-NLMP] 3.1.5.1.2).
    const lm = withMic ? Buffer.alloc(24) : lmV2Response(responseKey, challenge.serverChallenge, clientChallenge);
    const keyExchangeKey = sessionBaseKeyV2(responseKey, proof);
    let sessionKey: Buffer = keyExchangeKey;
    let encryptedRandomSessionKey: Buffer = Buffer.alloc(0);
    if (hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_KEY_EXCH)) {
      sessionKey = this.random(16);
      encryptedRandomSessionKey = rc4k(keyExchangeKey, sessionKey);
    }
    const token = encodeNtlmAuthenticate({
      flags,
      lmChallengeResponse: lm,
      ntChallengeResponse: Buffer.concat([proof, blob]),
      domainName: domain,
      userName: user,
      workstation,
      encryptedRandomSessionKey,
      ...(version && { version }),
      withMic,
    });
    if (withMic) token.set(computeMic(sessionKey, this.negotiateBytes, challengeToken, token), AUTHENTICATE_MIC_OFFSET);
    return { token, flags, sessionKey, withMic };
  }
}
