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
 */
import { timingSafeEqual } from 'node:crypto';
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';
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
}
