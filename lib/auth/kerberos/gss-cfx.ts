/**
 * RFC 4121 per-message tokens (the "CFX" tokens of AES enctypes), for DCE/RPC integrity and
 * privacy over a Kerberos context:
 *
 *   MIC token  (4.2.6.1): 04 04 | Flags | FF FF FF FF FF | SND_SEQ (8, BE) | SGN_CKSUM
 *   Wrap token (4.2.6.2): 05 04 | Flags | FF | EC (2, BE) | RRC (2, BE) | SND_SEQ (8, BE) | Data
 *   Flags: 0x01 SentByAcceptor, 0x02 Sealed, 0x04 AcceptorSubkey
 *
 * MIC: checksum(key, usage SIGN) over message || the first 16 bytes of the token.
 * Wrap, sealed: Data = encrypt(key, usage SEAL, plaintext || EC filler bytes || header with RRC 0),
 *   then rotated right by RRC bytes. Wrap, integrity only: Data = plaintext || checksum over
 *   plaintext || header with EC and RRC 0; EC is the checksum length.
 * Usages: MIC tokens KG-USAGE-INITIATOR-SIGN 25 / ACCEPTOR-SIGN 23; Wrap tokens, sealed or not,
 * KG-USAGE-INITIATOR-SEAL 24 / ACCEPTOR-SEAL 22 (RFC 4121 2; MIT agrees, see the interop test).
 *
 * DCE style (GSS_WrapEx over the segments of a DCE/RPC PDU, [MS-KILE] 3.4.5.4, what Windows,
 * Heimdal and MIT send): the body is encrypted in place, header and sec_trailer are only signed,
 * and everything else travels in the 76-byte token of the auth verifier:
 *   Header (16, EC 16, RRC 28) | E(EC filler FF*16 | Header with RRC 0) (32) | HMAC (12) | E(confounder) (16)
 * i.e. the RFC 4121 token rotated right by EC + RRC = 44 bytes (RRC names 28: Windows counts EC
 * apart), with the encrypted body cut out. EC is one AES block so that CBC-CTS's swapped last two
 * blocks fall in the filler and the header copy, never in the body.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';
import { type IovBuffer, aesDecryptIov, aesEncryptIov } from './aes-iov';
import { KeyUsage } from './constants';
import { type EncryptionProfile, encryptionProfile } from './enctypes';
import { KerberosIntegrityError } from './errors';
import type { EncryptionKey } from './krb-types';

const TOK_MIC = 0x0404;
const TOK_WRAP = 0x0504;
const FLAG_SENT_BY_ACCEPTOR = 0x01;
const FLAG_SEALED = 0x02;
const FLAG_ACCEPTOR_SUBKEY = 0x04;
const HEADER = 16;
/** DCE style: one AES block of filler, and the RRC Windows writes (the header copy and the HMAC). */
const DCE_EC = 16;
const DCE_RRC = 28;
const AES_CONFOUNDER = 16;
const AES_HMAC = 12;
/** The auth_length of a DCE-style sealed PDU. */
export const DCE_WRAP_TOKEN_LENGTH = HEADER + DCE_EC + HEADER + AES_HMAC + AES_CONFOUNDER;
/** The auth_length of a signed PDU (a MIC token). */
export const MIC_TOKEN_LENGTH = HEADER + AES_HMAC;

export type GssRole = 'initiator' | 'acceptor';

function rotateLeft(data: Buffer, n: number): Buffer {
  if (data.length === 0) return data;
  const k = n % data.length;
  return Buffer.concat([data.subarray(k), data.subarray(0, k)]);
}

function rotateRight(data: Buffer, n: number): Buffer {
  if (data.length === 0) return data;
  return rotateLeft(data, data.length - (n % data.length));
}

function malformed(message: string): MalformedPacketError {
  return new MalformedPacketError(`RFC 4121 token: ${message}`, { field: 'GSS token' });
}

/** One side of an established context: its key, role and send sequence number. */
export class KerberosGssContext {
  private readonly profile: EncryptionProfile;
  private sendSeq: bigint;

  constructor(
    readonly role: GssRole,
    readonly key: EncryptionKey,
    initialSendSeq: number,
    /** The peer's initial sequence number (kept for callers that check ordering). */
    readonly peerInitialSeq: number,
    /** True when the AP-REP carried an acceptor subkey (the AcceptorSubkey flag). */
    private readonly acceptorSubkey = false,
  ) {
    const p = encryptionProfile(key.keytype);
    if (!p || p.checksumType < 0) throw new RangeError(`RFC 4121 tokens need an AES key, not enctype ${key.keytype}`);
    this.profile = p;
    this.sendSeq = BigInt(initialSendSeq);
  }

  private usage(sender: GssRole, kind: 'sign' | 'seal'): number {
    if (sender === 'initiator')
      return kind === 'sign' ? KeyUsage.KG_USAGE_INITIATOR_SIGN : KeyUsage.KG_USAGE_INITIATOR_SEAL;
    return kind === 'sign' ? KeyUsage.KG_USAGE_ACCEPTOR_SIGN : KeyUsage.KG_USAGE_ACCEPTOR_SEAL;
  }

  private flags(sealed: boolean): number {
    return (
      (this.role === 'acceptor' ? FLAG_SENT_BY_ACCEPTOR : 0) |
      (sealed ? FLAG_SEALED : 0) |
      (this.acceptorSubkey ? FLAG_ACCEPTOR_SUBKEY : 0)
    );
  }

  private nextSeq(): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(this.sendSeq);
    this.sendSeq = (this.sendSeq + 1n) & 0xffffffffffffffffn;
    return b;
  }

  private checkPeerFlags(flags: number): void {
    const peerIsAcceptor = this.role === 'initiator';
    if (((flags & FLAG_SENT_BY_ACCEPTOR) !== 0) !== peerIsAcceptor)
      throw new KerberosIntegrityError('token direction flag does not match the sender');
  }

  private peer(): GssRole {
    return this.role === 'initiator' ? 'acceptor' : 'initiator';
  }

  getMic(message: Buffer): Buffer {
    const header = Buffer.alloc(HEADER, 0xff);
    header.writeUInt16BE(TOK_MIC, 0);
    header[2] = this.flags(false);
    this.nextSeq().copy(header, 8);
    const cksum = this.profile.checksum(
      this.key.keyvalue,
      this.usage(this.role, 'sign'),
      Buffer.concat([message, header]),
    );
    return Buffer.concat([header, cksum]);
  }

  /** Throws KerberosIntegrityError when the MIC does not verify; returns the peer's sequence number. */
  verifyMic(message: Buffer, token: Buffer): bigint {
    const r = new BufferReader(token);
    if (r.u16be('TOK_ID') !== TOK_MIC) throw malformed('not a MIC token');
    const flags = r.u8('Flags');
    if (!r.bytes(5, 'Filler').equals(Buffer.alloc(5, 0xff))) throw malformed('MIC filler is not FF');
    const seq = r.bytes(8, 'SND_SEQ').readBigUInt64BE(0);
    this.checkPeerFlags(flags);
    const expected = this.profile.checksum(
      this.key.keyvalue,
      this.usage(this.peer(), 'sign'),
      Buffer.concat([message, token.subarray(0, HEADER)]),
    );
    const got = r.bytes(r.remaining, 'SGN_CKSUM');
    if (got.length !== expected.length || !timingSafeEqual(got, expected))
      throw new KerberosIntegrityError('MIC token does not verify');
    return seq;
  }

  wrap(
    plaintext: Buffer,
    options: { readonly confidential: boolean; readonly rrc?: number } = { confidential: true },
  ): Buffer {
    const header = Buffer.alloc(HEADER);
    header.writeUInt16BE(TOK_WRAP, 0);
    header[2] = this.flags(options.confidential);
    header[3] = 0xff;
    this.nextSeq().copy(header, 8);
    const rrc = options.rrc ?? 0;
    if (options.confidential) {
      // EC 0: AES-CTS needs no padding.
      const sealed = this.profile.encrypt(
        this.key.keyvalue,
        this.usage(this.role, 'seal'),
        Buffer.concat([plaintext, header]),
      );
      header.writeUInt16BE(rrc, 6);
      return Buffer.concat([header, rotateRight(sealed, rrc)]);
    }
    const cksum = this.profile.checksum(
      this.key.keyvalue,
      this.usage(this.role, 'seal'),
      Buffer.concat([plaintext, header]),
    );
    header.writeUInt16BE(cksum.length, 4);
    header.writeUInt16BE(rrc, 6);
    return Buffer.concat([header, rotateRight(Buffer.concat([plaintext, cksum]), rrc)]);
  }

  /** Returns the plaintext; throws KerberosIntegrityError when the token does not verify. */
  unwrap(token: Buffer): { readonly plaintext: Buffer; readonly confidential: boolean; readonly seq: bigint } {
    const r = new BufferReader(token);
    if (r.u16be('TOK_ID') !== TOK_WRAP) throw malformed('not a Wrap token');
    const flags = r.u8('Flags');
    if (r.u8('Filler') !== 0xff) throw malformed('Wrap filler is not FF');
    const ec = r.u16be('EC');
    const rrc = r.u16be('RRC');
    const seq = r.bytes(8, 'SND_SEQ').readBigUInt64BE(0);
    this.checkPeerFlags(flags);
    const data = rotateLeft(Buffer.from(r.bytes(r.remaining, 'Data')), rrc);
    const sealed = (flags & FLAG_SEALED) !== 0;
    const header = Buffer.from(token.subarray(0, HEADER));
    if (sealed) {
      const plain = this.profile.decrypt(this.key.keyvalue, this.usage(this.peer(), 'seal'), data);
      if (plain.length < HEADER + ec) throw new KerberosIntegrityError('sealed Wrap token too short');
      const inner = plain.subarray(plain.length - HEADER);
      header.writeUInt16BE(0, 6); // the encrypted copy has RRC 0
      if (!inner.equals(header)) throw new KerberosIntegrityError('sealed Wrap header does not match');
      return { plaintext: plain.subarray(0, plain.length - HEADER - ec), confidential: true, seq };
    }
    if (data.length < ec) throw malformed('Wrap token shorter than its checksum');
    const plaintext = data.subarray(0, data.length - ec);
    header.writeUInt16BE(0, 4);
    header.writeUInt16BE(0, 6);
    const expected = this.profile.checksum(
      this.key.keyvalue,
      this.usage(this.peer(), 'seal'),
      Buffer.concat([plaintext, header]),
    );
    const got = data.subarray(data.length - ec);
    if (got.length !== expected.length || !timingSafeEqual(got, expected))
      throw new KerberosIntegrityError('Wrap token checksum does not verify');
    return { plaintext, confidential: false, seq };
  }

  /**
   * DCE-style GSS_WrapEx: `buffers` in PDU order, the body `seal`ed; returns the verifier token
   * and the buffers as sent (sealed ones encrypted, sign-only ones unchanged).
   */
  wrapDce(buffers: readonly IovBuffer[]): { readonly token: Buffer; readonly buffers: Buffer[] } {
    const header = Buffer.alloc(HEADER);
    header.writeUInt16BE(TOK_WRAP, 0);
    header[2] = this.flags(true);
    header[3] = 0xff;
    header.writeUInt16BE(DCE_EC, 4);
    this.nextSeq().copy(header, 8);
    const tail = Buffer.concat([Buffer.alloc(DCE_EC, 0xff), header]);
    const out = aesEncryptIov(this.key.keyvalue, this.usage(this.role, 'seal'), [
      { data: randomBytes(AES_CONFOUNDER), seal: true },
      ...buffers,
      { data: tail, seal: true },
    ]);
    const confounder = out.buffers[0] ?? Buffer.alloc(0);
    const sealedTail = out.buffers[out.buffers.length - 1] ?? Buffer.alloc(0);
    header.writeUInt16BE(DCE_RRC, 6);
    return {
      token: Buffer.concat([header, sealedTail, out.mac, confounder]),
      buffers: out.buffers.slice(1, -1),
    };
  }

  /** DCE-style GSS_UnwrapEx: the buffers in plaintext and the peer's sequence number. */
  unwrapDce(token: Buffer, buffers: readonly IovBuffer[]): { readonly buffers: Buffer[]; readonly seq: bigint } {
    const r = new BufferReader(token);
    if (r.u16be('TOK_ID') !== TOK_WRAP) throw malformed('not a Wrap token');
    const flags = r.u8('Flags');
    if (r.u8('Filler') !== 0xff) throw malformed('Wrap filler is not FF');
    const ec = r.u16be('EC');
    const rrc = r.u16be('RRC');
    const seq = r.bytes(8, 'SND_SEQ').readBigUInt64BE(0);
    this.checkPeerFlags(flags);
    if ((flags & FLAG_SEALED) === 0) throw new KerberosIntegrityError('the DCE Wrap token is not sealed');
    if (rrc !== HEADER + AES_HMAC) throw malformed(`DCE Wrap token with RRC ${rrc}`);
    if (token.length !== HEADER + ec + HEADER + AES_HMAC + AES_CONFOUNDER)
      throw malformed(`DCE Wrap token of ${token.length} bytes with EC ${ec}`);
    const tail = Buffer.from(r.bytes(ec + HEADER, 'E(Header)'));
    const mac = Buffer.from(r.bytes(AES_HMAC, 'HMAC'));
    const confounder = Buffer.from(r.bytes(AES_CONFOUNDER, 'confounder'));
    const plain = aesDecryptIov(
      this.key.keyvalue,
      this.usage(this.peer(), 'seal'),
      [{ data: confounder, seal: true }, ...buffers, { data: tail, seal: true }],
      mac,
    );
    const inner = Buffer.from((plain[plain.length - 1] ?? Buffer.alloc(0)).subarray(ec));
    inner.writeUInt16BE(rrc, 6);
    if (!inner.equals(token.subarray(0, HEADER))) throw new KerberosIntegrityError('sealed Wrap header does not match');
    return { buffers: plain.slice(1, -1), seq };
  }
}
