/**
 * NTLM session security — [MS-NLMP] 3.4: the signing and sealing an application (DCE/RPC here)
 * asks of an established NTLM context, as GSS_GetMICEx / GSS_VerifyMICEx / GSS_WrapEx /
 * GSS_UnwrapEx (3.4.6-3.4.9) over a list of buffers.
 *
 * With NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (3.4.4.2): one SIGNKEY/SEALKEY/RC4 handle and
 * one sequence number per direction (ClientHandle, ServerHandle, 3.4.1); the checksum is
 * HMAC_MD5(SignKey, SeqNum || every buffer)[0..7], RC4-sealed when KEY_EXCH was negotiated.
 * Without it (3.4.4.1): one RC4 handle over the exported key (weakened per 3.4.5.3) and one
 * sequence number shared by both directions ("half duplex", 3.4); the checksum is the CRC32 of
 * the buffers marked `sign`, and RandomPad, Checksum and SeqNum all go through RC4.
 *
 * SEAL (3.4.3): the checksum is computed over the plaintext, then the sealed buffers are
 * encrypted, then the checksum, in that order on the one handle ([MS-NLMP] 4.2.2.4, 4.2.4.4).
 * Connection-oriented only: NTLMSSP_NEGOTIATE_DATAGRAM (per-message rekeying) is refused.
 *
 * A failed check breaks the receiving side for good: the spec keeps SeqNum unchanged so the
 * application may go on, but every user here (DCE/RPC) drops the connection after such a fault,
 * and a context that refuses further use cannot be probed as an oracle.
 */
import { crc32 } from 'node:zlib';
import { PointPrintError } from '../common/errors';
import { NtlmNegotiateFlag as F, hasNtlmFlag } from './ntlm-constants';
import {
  NTLMSSP_MESSAGE_SIGNATURE_LENGTH,
  NTLMSSP_MESSAGE_SIGNATURE_VERSION,
  type NtlmDirection,
  essChecksum,
  essSignature,
  macEquals,
  sealingKey,
  signingKey,
} from './ntlm-crypto';
import { Rc4 } from './rc4';

/** Which side of the context this object speaks for (the "Mode" of SIGNKEY/SEALKEY). */
export type NtlmRole = 'client' | 'server';

/** One buffer of a GSS_*Ex call: `sign` (NTLMv1 only looks at it) and `seal` (confidentiality). */
export interface SecurityBuffer {
  readonly data: Uint8Array;
  readonly sign: boolean;
  readonly seal?: boolean;
}

export type NtlmSessionSecurityFailure =
  | 'no-session-key'
  | 'not-negotiated'
  | 'datagram-not-supported'
  | 'bad-signature-length'
  | 'bad-signature-version'
  | 'sequence-mismatch'
  | 'checksum-mismatch'
  | 'context-broken';

/** A signature that does not verify, or a context that cannot sign or seal. */
export class NtlmSessionSecurityError extends PointPrintError {
  override readonly code = 'ERR_NTLM_SESSION_SECURITY';
  constructor(
    readonly reason: NtlmSessionSecurityFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface NtlmSessionSecurityOptions {
  /** NegotiateFlags in force after AUTHENTICATE (NtlmAcceptResult.flags, NtlmAuthenticateResult.flags). */
  readonly flags: number;
  /** ExportedSessionKey (16 bytes); guest and anonymous logons have none, hence no session security. */
  readonly exportedSessionKey: Uint8Array;
  readonly role: NtlmRole;
  /**
   * First sequence numbers (ESS only). SPNEGO's mechListMIC signs with sequence number 0 of each
   * direction that made one, and [MS-SPNG] 3.1.5.1 restores only the RC4 handle afterwards, so the
   * first application message of such a direction carries 1 (as Samba's gensec_spnego does).
   */
  readonly firstSeqNum?: { readonly outgoing: number; readonly incoming: number };
}

interface Direction {
  readonly signKey: Buffer | undefined;
  readonly handle: Rc4;
  seqNum: number;
}

export class NtlmSessionSecurity {
  static readonly SIGNATURE_LENGTH = NTLMSSP_MESSAGE_SIGNATURE_LENGTH;

  readonly flags: number;
  private readonly ess: boolean;
  private readonly outgoing: Direction;
  private readonly incoming: Direction;
  private broken = false;

  constructor(options: NtlmSessionSecurityOptions) {
    const { flags, exportedSessionKey, role } = options;
    if (exportedSessionKey.length !== 16)
      throw new NtlmSessionSecurityError('no-session-key', 'no session security without a 16-byte session key');
    if (hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_DATAGRAM))
      throw new NtlmSessionSecurityError('datagram-not-supported', 'connectionless NTLM is not supported');
    this.flags = flags >>> 0;
    this.ess = hasNtlmFlag(flags, F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY);
    const out: NtlmDirection = role === 'client' ? 'client-to-server' : 'server-to-client';
    const into: NtlmDirection = role === 'client' ? 'server-to-client' : 'client-to-server';
    if (this.ess) {
      this.outgoing = this.direction(exportedSessionKey, out, options.firstSeqNum?.outgoing);
      this.incoming = this.direction(exportedSessionKey, into, options.firstSeqNum?.incoming);
    } else {
      // One key, one handle, one sequence number for both directions ([MS-NLMP] 3.4).
      this.outgoing = this.direction(exportedSessionKey, out);
      this.incoming = this.outgoing;
    }
  }

  private direction(key: Uint8Array, direction: NtlmDirection, seqNum = 0): Direction {
    return {
      signKey: this.ess ? signingKey(key, direction) : undefined,
      handle: new Rc4(sealingKey(this.flags, key, direction)),
      seqNum: seqNum >>> 0,
    };
  }

  /** NTLMSSP_NEGOTIATE_SIGN (or SEAL, which implies integrity) was negotiated. */
  get canSign(): boolean {
    return hasNtlmFlag(this.flags, F.NTLMSSP_NEGOTIATE_SIGN) || this.canSeal;
  }

  get canSeal(): boolean {
    return hasNtlmFlag(this.flags, F.NTLMSSP_NEGOTIATE_SEAL);
  }

  /** GSS_GetMICEx ([MS-NLMP] 3.4.8): the signature of the buffers, none of them changed. */
  getMic(buffers: readonly SecurityBuffer[]): Buffer {
    this.usable(this.canSign, 'signing');
    return this.mac(this.outgoing, buffers);
  }

  /** GSS_VerifyMICEx ([MS-NLMP] 3.4.9). Throws NtlmSessionSecurityError when it does not verify. */
  verifyMic(buffers: readonly SecurityBuffer[], signature: Uint8Array): void {
    this.usable(this.canSign, 'signing');
    this.check(buffers, signature);
  }

  /** GSS_WrapEx ([MS-NLMP] 3.4.6): the buffers (sealed ones encrypted) and their signature. */
  wrap(buffers: readonly SecurityBuffer[]): { readonly buffers: Buffer[]; readonly signature: Buffer } {
    this.usable(this.canSeal, 'sealing');
    const dir = this.outgoing;
    const checksum = this.checksum(dir, buffers);
    const out = buffers.map((b) => (b.seal === true ? dir.handle.update(b.data) : Buffer.from(b.data)));
    return { buffers: out, signature: this.finishSignature(dir, checksum) };
  }

  /** GSS_UnwrapEx ([MS-NLMP] 3.4.7): the buffers with the sealed ones decrypted, once the signature verifies. */
  unwrap(buffers: readonly SecurityBuffer[], signature: Uint8Array): Buffer[] {
    this.usable(this.canSeal, 'sealing');
    const dir = this.incoming;
    const plain = buffers.map((b) => (b.seal === true ? dir.handle.update(b.data) : Buffer.from(b.data)));
    this.check(
      plain.map((data, i) => ({ data, sign: buffers[i]?.sign ?? false })),
      signature,
    );
    return plain;
  }

  private usable(negotiated: boolean, what: string): void {
    if (this.broken)
      throw new NtlmSessionSecurityError('context-broken', 'the context failed a check and is no longer usable');
    if (!negotiated) throw new NtlmSessionSecurityError('not-negotiated', `NTLM ${what} was not negotiated`);
  }

  private mac(dir: Direction, buffers: readonly SecurityBuffer[]): Buffer {
    return this.finishSignature(dir, this.checksum(dir, buffers));
  }

  /** ESS: HMAC over every buffer (3.4.6.1, "all of the input data buffers"); NTLMv1: CRC32 of the signed ones. */
  private checksum(dir: Direction, buffers: readonly SecurityBuffer[]): Buffer {
    if (dir.signKey !== undefined)
      return essChecksum(
        dir.signKey,
        dir.seqNum,
        buffers.map((b) => b.data),
      );
    let crc = 0;
    for (const b of buffers) if (b.sign) crc = crc32(b.data, crc);
    const out = Buffer.alloc(4);
    out.writeUInt32LE(crc >>> 0);
    return out;
  }

  /** Applies RC4 as 3.4.4.1/3.4.4.2 say and consumes the sequence number. */
  private finishSignature(dir: Direction, checksum: Buffer): Buffer {
    const seqNum = dir.seqNum;
    dir.seqNum = (dir.seqNum + 1) >>> 0;
    if (this.ess) {
      const sealed = hasNtlmFlag(this.flags, F.NTLMSSP_NEGOTIATE_KEY_EXCH) ? dir.handle.update(checksum) : checksum;
      return essSignature(sealed, seqNum);
    }
    // RandomPad (0) | CRC32 | SeqNum, all through the handle: RC4(0) XOR SeqNum is RC4(SeqNum).
    const plain = Buffer.alloc(12);
    plain.set(checksum, 4);
    plain.writeUInt32LE(seqNum, 8);
    const sig = Buffer.alloc(NTLMSSP_MESSAGE_SIGNATURE_LENGTH);
    sig.writeUInt32LE(NTLMSSP_MESSAGE_SIGNATURE_VERSION, 0);
    sig.set(dir.handle.update(plain), 4);
    return sig;
  }

  private check(buffers: readonly SecurityBuffer[], signature: Uint8Array): void {
    const sig = Buffer.from(signature);
    if (sig.length !== NTLMSSP_MESSAGE_SIGNATURE_LENGTH)
      this.fail('bad-signature-length', `an NTLM signature is 16 bytes, not ${sig.length}`);
    if (sig.readUInt32LE(0) !== NTLMSSP_MESSAGE_SIGNATURE_VERSION)
      this.fail('bad-signature-version', `NTLM signature version ${sig.readUInt32LE(0)}`);
    const dir = this.incoming;
    const expectedSeq = dir.seqNum;
    const expected = this.mac(dir, buffers);
    if (this.ess) {
      if (sig.readUInt32LE(12) !== expectedSeq)
        this.fail('sequence-mismatch', `sequence number ${sig.readUInt32LE(12)}, expected ${expectedSeq}`);
      if (!macEquals(expected, sig)) this.fail('checksum-mismatch', 'the NTLM signature does not verify');
      return;
    }
    // RandomPad is not checked (it is whatever the sender chose); SeqNum then Checksum are.
    // The key stream over SeqNum is expected.SeqNum XOR the expected value; it unmasks the received one.
    const receivedSeq = (sig.readUInt32LE(12) ^ expected.readUInt32LE(12) ^ expectedSeq) >>> 0;
    if (receivedSeq !== expectedSeq)
      this.fail('sequence-mismatch', `sequence number ${receivedSeq}, expected ${expectedSeq}`);
    if (!macEquals(expected.subarray(8, 12), sig.subarray(8, 12)))
      this.fail('checksum-mismatch', 'the NTLM signature does not verify');
  }

  private fail(reason: NtlmSessionSecurityFailure, message: string): never {
    this.broken = true;
    throw new NtlmSessionSecurityError(reason, message);
  }
}
