/**
 * NTLM cryptography — [MS-NLMP] 3.3.1 (NTLMv1: NTOWFv1, LMOWFv1, DESL, NTLM2 session response),
 * 3.3.2 (NTLMv2: NTOWFv2, NTProofStr, SessionBaseKey), 3.4.5.1 (KXKEY), 3.4.5.2 (SIGNKEY),
 * 3.4.5.3 (SEALKEY), 3.1.5.1.2 (MIC), 3.4.4 (message signature, used by SPNEGO's mechListMIC).
 *
 * node:crypto provides MD5/HMAC-MD5 and, through 3DES with K1=K2=K3, single DES (plain DES-ECB is
 * only in OpenSSL 3's legacy provider); MD4 comes from js-md4 and RC4 from ./rc4.
 */
import { createCipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  CLIENT_SEALING_MAGIC,
  CLIENT_SIGNING_MAGIC,
  LM_MAGIC,
  NtlmNegotiateFlag,
  SERVER_SEALING_MAGIC,
  SERVER_SIGNING_MAGIC,
  hasNtlmFlag,
} from './ntlm-constants';
import { md4 } from './md4';
import { Rc4 } from './rc4';

export function hmacMd5(key: Uint8Array, ...data: readonly Uint8Array[]): Buffer {
  const h = createHmac('md5', key);
  for (const d of data) h.update(d);
  return h.digest();
}

export function md5(...data: readonly Uint8Array[]): Buffer {
  const h = createHash('md5');
  for (const d of data) h.update(d);
  return h.digest();
}

/** Constant-time comparison of two MACs (false when the lengths differ). */
export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Spreads 56 key bits over 8 bytes (7 bits each; the parity bit is ignored by DES). */
function expandDesKey(key7: Uint8Array): Buffer {
  const k = Buffer.alloc(8);
  const b = (i: number): number => key7[i] ?? 0;
  k[0] = b(0) & 0xfe;
  k[1] = ((b(0) << 7) | (b(1) >> 1)) & 0xfe;
  k[2] = ((b(1) << 6) | (b(2) >> 2)) & 0xfe;
  k[3] = ((b(2) << 5) | (b(3) >> 3)) & 0xfe;
  k[4] = ((b(3) << 4) | (b(4) >> 4)) & 0xfe;
  k[5] = ((b(4) << 3) | (b(5) >> 5)) & 0xfe;
  k[6] = ((b(5) << 2) | (b(6) >> 6)) & 0xfe;
  k[7] = (b(6) << 1) & 0xfe;
  return k;
}

/** DES(K, D) with a 7-byte key, one 8-byte block ([MS-NLMP] 6, "DES"). */
export function desEncrypt(key7: Uint8Array, block: Uint8Array): Buffer {
  if (key7.length !== 7 || block.length !== 8) throw new RangeError('DES needs a 7-byte key and an 8-byte block');
  const k = expandDesKey(key7);
  // EDE with three equal keys is single DES; des-ede3 is in OpenSSL 3's default provider.
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([k, k, k]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** DESL(K, D): K (16 bytes) zero-padded to 21, three DES keys of 7 bytes. */
export function desl(key16: Uint8Array, data8: Uint8Array): Buffer {
  const k = Buffer.alloc(21);
  k.set(key16.subarray(0, 16));
  return Buffer.concat([
    desEncrypt(k.subarray(0, 7), data8),
    desEncrypt(k.subarray(7, 14), data8),
    desEncrypt(k.subarray(14, 21), data8),
  ]);
}

/** NTOWFv1 = MD4(UNICODE(Password)) — the NT hash. */
export function ntowfV1(password: string): Buffer {
  return md4(Buffer.from(password, 'utf16le'));
}

/** LMOWFv1: DES of "KGS!@#$%" under the two halves of the upper-cased, 14-byte OEM password. */
export function lmowfV1(password: string): Buffer {
  const p = Buffer.alloc(14);
  p.set(Buffer.from(password.toUpperCase(), 'latin1').subarray(0, 14));
  return Buffer.concat([desEncrypt(p.subarray(0, 7), LM_MAGIC), desEncrypt(p.subarray(7, 14), LM_MAGIC)]);
}

/** NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(User) || UserDom)): the domain keeps its case. */
export function ntowfV2(password: string, user: string, domain: string): Buffer {
  return ntowfV2FromHash(ntowfV1(password), user, domain);
}

export function ntowfV2FromHash(ntHash: Uint8Array, user: string, domain: string): Buffer {
  return hmacMd5(ntHash, Buffer.from(user.toUpperCase() + domain, 'utf16le'));
}

// ---- NTLMv1 -----------------------------------------------------------------------------

/** The NTLMv1 NtChallengeResponse (or LM response with the LM hash): DESL(hash, ServerChallenge). */
export function ntlmV1Response(hash: Uint8Array, serverChallenge: Uint8Array): Buffer {
  return desl(hash, serverChallenge);
}

/** NTLMv1 with extended session security ("NTLM2 session response"). */
export function ntlm2SessionResponse(
  ntHash: Uint8Array,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array,
): Buffer {
  return desl(ntHash, md5(serverChallenge, clientChallenge).subarray(0, 8));
}

/** NTLMv1 SessionBaseKey = MD4(NTOWFv1). */
export function sessionBaseKeyV1(ntHash: Uint8Array): Buffer {
  return md4(ntHash);
}

// ---- NTLMv2 -----------------------------------------------------------------------------

/**
 * The client blob ("temp"): RespType 1 | HiRespType 1 | Z(6) | Time u64 | ClientChallenge[8] | Z(4)
 * | AV pairs (ending in MsvAvEOL) | Z(4).
 */
export function ntlmV2ClientBlob(timestamp: bigint, clientChallenge: Uint8Array, avPairs: Uint8Array): Buffer {
  const head = Buffer.alloc(28);
  head[0] = 1;
  head[1] = 1;
  head.writeBigUInt64LE(timestamp, 8);
  head.set(clientChallenge.subarray(0, 8), 16);
  return Buffer.concat([head, avPairs, Buffer.alloc(4)]);
}

export function ntProofStr(responseKeyNt: Uint8Array, serverChallenge: Uint8Array, blob: Uint8Array): Buffer {
  return hmacMd5(responseKeyNt, serverChallenge, blob);
}

/** LMv2 response = HMAC_MD5(ResponseKeyLM, ServerChallenge || ClientChallenge) || ClientChallenge. */
export function lmV2Response(
  responseKeyLm: Uint8Array,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array,
): Buffer {
  return Buffer.concat([hmacMd5(responseKeyLm, serverChallenge, clientChallenge), clientChallenge]);
}

/** NTLMv2 SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr). */
export function sessionBaseKeyV2(responseKeyNt: Uint8Array, proof: Uint8Array): Buffer {
  return hmacMd5(responseKeyNt, proof);
}

// ---- keys -------------------------------------------------------------------------------

/**
 * KXKEY ([MS-NLMP] 3.4.5.1). For NTLMv2 it is the SessionBaseKey; the NTLMv1 variants depend on
 * the negotiated flags.
 */
export function keyExchangeKey(
  flags: number,
  sessionBaseKey: Uint8Array,
  lmChallengeResponse: Uint8Array,
  serverChallenge: Uint8Array,
  lmowf: Uint8Array,
  isV2: boolean,
): Buffer {
  if (isV2) return Buffer.from(sessionBaseKey);
  if (hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    return hmacMd5(sessionBaseKey, serverChallenge, lmChallengeResponse.subarray(0, 8));
  }
  if (hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_LM_KEY)) {
    const lm8 = lmChallengeResponse.subarray(0, 8);
    const k2 = Buffer.alloc(7, 0xbd);
    k2[0] = lmowf[7] ?? 0;
    return Buffer.concat([desEncrypt(lmowf.subarray(0, 7), lm8), desEncrypt(k2, lm8)]);
  }
  if (hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_REQUEST_NON_NT_SESSION_KEY)) {
    return Buffer.concat([lmowf.subarray(0, 8), Buffer.alloc(8)]);
  }
  return Buffer.from(sessionBaseKey);
}

export type NtlmDirection = 'client-to-server' | 'server-to-client';

/** SIGNKEY (extended session security only). */
export function signingKey(exportedSessionKey: Uint8Array, direction: NtlmDirection): Buffer {
  return md5(exportedSessionKey, direction === 'client-to-server' ? CLIENT_SIGNING_MAGIC : SERVER_SIGNING_MAGIC);
}

/** SEALKEY: weakened to 56 or 40 bits unless 128-bit was negotiated. */
export function sealingKey(flags: number, exportedSessionKey: Uint8Array, direction: NtlmDirection): Buffer {
  if (hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    const len = hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_128)
      ? 16
      : hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_56)
        ? 7
        : 5;
    return md5(
      exportedSessionKey.subarray(0, len),
      direction === 'client-to-server' ? CLIENT_SEALING_MAGIC : SERVER_SEALING_MAGIC,
    );
  }
  if (hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_LM_KEY)) {
    const weak = hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_56)
      ? Buffer.from([0xa0])
      : Buffer.from([0xe5, 0x38, 0xb0]);
    const keep = hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_56) ? 7 : 5;
    return Buffer.concat([exportedSessionKey.subarray(0, keep), weak]);
  }
  return Buffer.from(exportedSessionKey);
}

/** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with the MIC zeroed). */
export function computeMic(
  exportedSessionKey: Uint8Array,
  negotiate: Uint8Array,
  challenge: Uint8Array,
  authenticateMicZeroed: Uint8Array,
): Buffer {
  return hmacMd5(exportedSessionKey, negotiate, challenge, authenticateMicZeroed);
}

/** NTLMSSP_MESSAGE_SIGNATURE.Version ([MS-NLMP] 2.2.2.9). */
export const NTLMSSP_MESSAGE_SIGNATURE_VERSION = 1;
/** An NTLMSSP_MESSAGE_SIGNATURE is 16 bytes in both forms ([MS-NLMP] 2.2.2.9.1, 2.2.2.9.2). */
export const NTLMSSP_MESSAGE_SIGNATURE_LENGTH = 16;

/**
 * The checksum with extended session security ([MS-NLMP] 3.4.4.2), before any RC4:
 * HMAC_MD5(SigningKey, SeqNum || Message)[0..7]; the message may come in several buffers.
 */
export function essChecksum(signKey: Uint8Array, seqNum: number, message: readonly Uint8Array[]): Buffer {
  const seq = Buffer.alloc(4);
  seq.writeUInt32LE(seqNum >>> 0);
  return hmacMd5(signKey, seq, ...message).subarray(0, 8);
}

/** NTLMSSP_MESSAGE_SIGNATURE with extended session security ([MS-NLMP] 2.2.2.9.2): Version | Checksum | SeqNum. */
export function essSignature(checksum: Uint8Array, seqNum: number): Buffer {
  const sig = Buffer.alloc(NTLMSSP_MESSAGE_SIGNATURE_LENGTH);
  sig.writeUInt32LE(NTLMSSP_MESSAGE_SIGNATURE_VERSION, 0);
  sig.set(checksum.subarray(0, 8), 4);
  sig.writeUInt32LE(seqNum >>> 0, 12);
  return sig;
}

/**
 * One direction of NTLM session security with extended session security ([MS-NLMP] 3.4.4.2):
 * Version 1 | Checksum = HMAC_MD5(SignKey, SeqNum || Message)[0..8], RC4-sealed when KEY_EXCH
 * was negotiated | SeqNum. The RC4 handle and the sequence number carry across messages.
 */
export class NtlmSigner {
  private readonly signKey: Buffer;
  private readonly sealHandle: Rc4;
  private seqNum = 0;

  constructor(
    private readonly flags: number,
    exportedSessionKey: Uint8Array,
    direction: NtlmDirection,
  ) {
    if (!hasNtlmFlag(flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
      // DEVIATION: the NTLMv1 CRC32 signature (3.4.4.1) is not implemented; only SPNEGO's
      // mechListMIC uses signatures here, and no client pairs it with NTLM without ESS.
      throw new RangeError('NTLM signatures need extended session security');
    }
    this.signKey = signingKey(exportedSessionKey, direction);
    this.sealHandle = new Rc4(sealingKey(flags, exportedSessionKey, direction));
  }

  /** Advances the RC4 handle as sealing `n` bytes would (to replay [MS-NLMP] 4.2.4.4 in tests). */
  skipKeyStream(n: number): void {
    this.sealHandle.update(Buffer.alloc(n));
  }

  sign(message: Uint8Array): Buffer {
    let checksum = essChecksum(this.signKey, this.seqNum, [message]);
    if (hasNtlmFlag(this.flags, NtlmNegotiateFlag.NTLMSSP_NEGOTIATE_KEY_EXCH))
      checksum = this.sealHandle.update(checksum);
    const sig = essSignature(checksum, this.seqNum);
    this.seqNum = (this.seqNum + 1) >>> 0;
    return sig;
  }

  /** Verifies the next signature from the peer (consumes one sequence number). */
  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return macEquals(this.sign(message), signature);
  }
}
