// DCE-style Wrap tokens ([MS-KILE] 3.4.5.4) and the IOV encryption under them, checked against the
// enctype's plain RFC 3961 encrypt/decrypt (itself checked against RFC 3962 vectors): the 76-byte
// token rotated back by EC + RRC is an ordinary RFC 4121 sealed Wrap token.
import { randomBytes } from 'node:crypto';
import { aesDecryptIov, aesEncryptIov } from '../../../../lib/auth/kerberos/aes-iov';
import { EncryptionType, KeyUsage } from '../../../../lib/auth/kerberos/constants';
import { encryptionProfile } from '../../../../lib/auth/kerberos/enctypes';
import { KerberosIntegrityError } from '../../../../lib/auth/kerberos/errors';
import { DCE_WRAP_TOKEN_LENGTH, KerberosGssContext } from '../../../../lib/auth/kerberos/gss-cfx';

const aes256 = encryptionProfile(EncryptionType.AES256_CTS_HMAC_SHA1_96)!;
const key = { keytype: EncryptionType.AES256_CTS_HMAC_SHA1_96, keyvalue: Buffer.alloc(32, 0x5a) };

function pair(): { initiator: KerberosGssContext; acceptor: KerberosGssContext } {
  return {
    initiator: new KerberosGssContext('initiator', key, 1000, 7000),
    acceptor: new KerberosGssContext('acceptor', key, 7000, 1000),
  };
}

describe('aesEncryptIov', () => {
  it('with one sealed buffer after the confounder is the enctype encrypt()', () => {
    const confounder = randomBytes(16);
    const plaintext = Buffer.from('forty-three bytes of plaintext, not aligned');
    const out = aesEncryptIov(key.keyvalue, 24, [
      { data: confounder, seal: true },
      { data: plaintext, seal: true },
    ]);
    expect(Buffer.concat([...out.buffers, out.mac])).toEqual(aes256.encrypt(key.keyvalue, 24, plaintext, confounder));
  });

  it('signs the sign-only buffers in place: changing one fails the HMAC, the sealed ones decrypt back', () => {
    const header = Buffer.from('header-bytes');
    const iov = [
      { data: randomBytes(16), seal: true },
      { data: header, seal: false },
      { data: Buffer.alloc(32, 7), seal: true },
    ];
    const out = aesEncryptIov(key.keyvalue, 22, iov);
    expect(out.buffers[1]).toBe(header);
    const sealed = out.buffers.map((data, i) => ({ data, seal: iov[i]!.seal }));
    expect(aesDecryptIov(key.keyvalue, 22, sealed, out.mac)[2]).toEqual(Buffer.alloc(32, 7));
    const tampered = sealed.map((b, i) => (i === 1 ? { ...b, data: Buffer.from('header-bytez') } : b));
    expect(() => aesDecryptIov(key.keyvalue, 22, tampered, out.mac)).toThrow(KerberosIntegrityError);
  });
});

describe('DCE-style Wrap tokens', () => {
  it('are 76 bytes: TOK_ID 05 04, Sealed, EC 16, RRC 28, the sender sequence number', () => {
    const { initiator } = pair();
    const { token, buffers } = initiator.wrapDce([{ data: Buffer.alloc(48, 1), seal: true }]);
    expect(token.length).toBe(DCE_WRAP_TOKEN_LENGTH);
    expect(token.subarray(0, 8).toString('hex')).toBe('050402ff0010001c');
    expect(token.readBigUInt64BE(8)).toBe(1000n);
    expect(buffers[0]!.length).toBe(48);
    expect(buffers[0]!.equals(Buffer.alloc(48, 1))).toBe(false);
  });

  it('rotated back by EC + RRC (44), the token and the body are an RFC 4121 sealed Wrap token', () => {
    const { initiator } = pair();
    const body = Buffer.from('0123456789abcdef0123456789abcdef');
    const { token, buffers } = initiator.wrapDce([{ data: body, seal: true }]);
    const rotated = Buffer.concat([token.subarray(16), buffers[0]!]);
    const data = Buffer.concat([rotated.subarray(44), rotated.subarray(0, 44)]);
    const plain = aes256.decrypt(key.keyvalue, KeyUsage.KG_USAGE_INITIATOR_SEAL, data);
    const header = Buffer.from(token.subarray(0, 16));
    header.writeUInt16BE(0, 6);
    expect(plain).toEqual(Buffer.concat([body, Buffer.alloc(16, 0xff), header]));
  });

  it('unwrap in the other direction gives the body back; a changed header or body, or the wrong direction, fails', () => {
    const { initiator, acceptor } = pair();
    const header = Buffer.from('0500000310000000', 'hex');
    const trailer = Buffer.from('0906000001000000', 'hex');
    const body = Buffer.alloc(64, 0x42);
    const iov = (b: Buffer, h = header) => [
      { data: h, seal: false },
      { data: b, seal: true },
      { data: trailer, seal: false },
    ];
    const { token, buffers } = initiator.wrapDce(iov(body));
    const out = acceptor.unwrapDce(token, iov(buffers[1]!));
    expect(out.buffers[1]).toEqual(body);
    expect(out.seq).toBe(1000n);
    expect(() => acceptor.unwrapDce(token, iov(buffers[1]!, Buffer.from('0500000311000000', 'hex')))).toThrow(
      KerberosIntegrityError,
    );
    const flipped = Buffer.from(buffers[1]!);
    flipped[3] = (flipped[3] ?? 0) ^ 1;
    expect(() => acceptor.unwrapDce(token, iov(flipped))).toThrow(KerberosIntegrityError);
    expect(() => initiator.unwrapDce(token, iov(buffers[1]!))).toThrow(KerberosIntegrityError);
  });

  it('a token with another RRC or length is malformed', () => {
    const { initiator, acceptor } = pair();
    const { token, buffers } = initiator.wrapDce([{ data: Buffer.alloc(16), seal: true }]);
    const bad = Buffer.from(token);
    bad.writeUInt16BE(44, 6);
    expect(() => acceptor.unwrapDce(bad, [{ data: buffers[0]!, seal: true }])).toThrow(/RRC 44/);
    expect(() => acceptor.unwrapDce(token.subarray(0, 60), [{ data: buffers[0]!, seal: true }])).toThrow(/60 bytes/);
  });
});
