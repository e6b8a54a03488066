// RFC 3961 A.1 (n-fold) and RFC 3962 Appendix B (AES string-to-key and CBC-CTS) test vectors.
import { ctsDecrypt, ctsEncrypt } from '../../../../lib/auth/kerberos/aes-cts';
import { EncryptionType } from '../../../../lib/auth/kerberos/constants';
import { encryptionProfile, type EncryptionProfile } from '../../../../lib/auth/kerberos/enctypes';
import { KerberosIntegrityError } from '../../../../lib/auth/kerberos/errors';
import { nfold } from '../../../../lib/auth/kerberos/nfold';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const profile = (etype: number): EncryptionProfile => {
  const p = encryptionProfile(etype);
  if (!p) throw new Error(`no profile for ${etype}`);
  return p;
};
const aes128 = profile(EncryptionType.AES128_CTS_HMAC_SHA1_96);
const aes256 = profile(EncryptionType.AES256_CTS_HMAC_SHA1_96);
const rc4 = profile(EncryptionType.RC4_HMAC);

describe('n-fold (RFC 3961 A.1)', () => {
  it.each([
    ['012345', 8, 'be072631276b1955'],
    ['password', 7, '78a07b6caf85fa'],
    ['Rough Consensus, and Running Code', 8, 'bb6ed30870b7f0e0'],
    ['password', 21, '59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e'],
    ['MASSACHVSETTS INSTITVTE OF TECHNOLOGY', 24, 'db3b0d8f0b061e603282b308a50841229ad798fab9540c1b'],
    ['Q', 21, '518a54a215a8452a518a54a215a8452a518a54a215'],
    ['ba', 21, 'fb25d531ae8974499f52fd92ea9857c4ba24cf297e'],
    ['kerberos', 8, '6b657262 65726f73'],
    ['kerberos', 16, '6b657262 65726f73 7b9b5b2b 93132b93'],
    ['kerberos', 21, '8372c236 344e5f15 50cd0747 e15d62ca 7a5a3bce a4'],
    ['kerberos', 32, '6b657262 65726f73 7b9b5b2b 93132b93 5c9bdcda d95c9899 c4cae4de e6d6cae4'],
  ])('%s to %d bytes', (input, n, expected) => {
    expect(nfold(Buffer.from(input, 'latin1'), n).toString('hex')).toBe(h(expected).toString('hex'));
  });
});

describe('AES string-to-key (RFC 3962 B)', () => {
  const iter = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  it.each([
    [
      1,
      'password',
      'ATHENA.MIT.EDUraeburn',
      '42263c6e89f4fc28b8df68ee09799f15',
      'fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161',
    ],
    [
      2,
      'password',
      'ATHENA.MIT.EDUraeburn',
      'c651bf29e2300ac27fa469d693bdda13',
      'a2e16d16b36069c135d5e9d2e25f896102685618b95914b467c67622225824ff',
    ],
    [
      1200,
      'password',
      'ATHENA.MIT.EDUraeburn',
      '4c01cd46d632d01e6dbe230a01ed642a',
      '55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a',
    ],
    [
      1200,
      'X'.repeat(64),
      'pass phrase equals block size',
      '59d1bb789a828b1aa54ef9c2883f69ed',
      '89adee3608db8bc71f1bfbfe459486b05618b70cbae22092534e56c553ba4b34',
    ],
    [
      1200,
      'X'.repeat(65),
      'pass phrase exceeds block size',
      'cb8005dc5f90179a7f02104c0018751d',
      'd78c5c9cb872a8c9dad4697f0bb5b2d21496c82beb2caeda2112fceea057401b',
    ],
    [
      50,
      '\u{1d11e}',
      'EXAMPLE.COMpianist',
      'f149c1f2e154a73452d43e7fe62a56e5',
      '4b6d9839f84406df1f09cc166db4b83c571848b784a3d6bdc346589a3e393f9e',
    ],
  ])('%d iterations of %s / %s', (n, password, salt, key128, key256) => {
    expect(aes128.stringToKey(password, salt, iter(n)).toString('hex')).toBe(key128);
    expect(aes256.stringToKey(password, salt, iter(n)).toString('hex')).toBe(key256);
  });

  it('refuses a zero iteration count and malformed parameters', () => {
    expect(() => aes128.stringToKey('p', 's', iter(0))).toThrow(RangeError);
    expect(() => aes128.stringToKey('p', 's', Buffer.alloc(3))).toThrow(RangeError);
  });
});

describe('AES-CBC with ciphertext stealing (RFC 3962 B)', () => {
  const key = Buffer.from('chicken teriyaki', 'latin1');
  const text = "I would like the General Gau's Chicken, please, and wonton soup.";
  it.each([
    [17, 'c6353568f2bf8cb4d8a580362da7ff7f97'],
    [31, 'fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5'],
    [32, '39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584'],
    [47, '97687268d6ecccc0c07b25e25ecfe584 b3fffd940c16a18c1b5549d2f838029e 39312523a78662d5be7fcbcc98ebf5'],
    [48, '97687268d6ecccc0c07b25e25ecfe584 9dad8bbb96c4cdc03bc103e1a194bbd8 39312523a78662d5be7fcbcc98ebf5a8'],
    [
      64,
      '97687268d6ecccc0c07b25e25ecfe584 39312523a78662d5be7fcbcc98ebf5a8 4807efe836ee89a526730dbc2f7bc840 9dad8bbb96c4cdc03bc103e1a194bbd8',
    ],
  ])('%d bytes', (n, expected) => {
    const plain = Buffer.from(text.slice(0, n), 'latin1');
    const cipher = ctsEncrypt(key, plain);
    expect(cipher.toString('hex')).toBe(h(expected).toString('hex'));
    expect(ctsDecrypt(key, cipher).equals(plain)).toBe(true);
  });

  it('needs a whole block', () => {
    expect(() => ctsEncrypt(key, Buffer.alloc(15))).toThrow(RangeError);
    expect(() => ctsDecrypt(key, Buffer.alloc(15))).toThrow(RangeError);
  });
});

describe('encrypt, decrypt, checksum', () => {
  it.each([aes128, aes256, rc4])('$name round-trips every length and refuses a changed byte', (p) => {
    const key = p.randomKey();
    for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 100]) {
      const plain = Buffer.alloc(n, 0x41 + (n % 26));
      const c = p.encrypt(key, 11, plain);
      expect(p.decrypt(key, 11, c).equals(plain)).toBe(true);
      expect(() => p.decrypt(key, 12, c)).toThrow(KerberosIntegrityError);
      const changed = Buffer.from(c);
      changed[changed.length >> 1] = (changed[changed.length >> 1] as number) ^ 1;
      expect(() => p.decrypt(key, 11, changed)).toThrow(KerberosIntegrityError);
    }
    expect(() => p.decrypt(key, 11, Buffer.alloc(5))).toThrow(KerberosIntegrityError);
  });

  it('a fixed confounder gives a fixed ciphertext (AES: CTS of confounder+data, then the HMAC)', () => {
    const key = h('fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161');
    const a = aes256.encrypt(key, 2, Buffer.from('ticket'), Buffer.alloc(16, 7));
    const b = aes256.encrypt(key, 2, Buffer.from('ticket'), Buffer.alloc(16, 7));
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(16 + 6 + 12);
  });

  it('checksums are 12 bytes for AES, 16 for HMAC-MD5, and depend on the usage', () => {
    const data = Buffer.from('req-body');
    expect(aes128.checksum(aes128.randomKey(), 6, data)).toHaveLength(12);
    const k = aes256.randomKey();
    expect(aes256.checksum(k, 6, data).equals(aes256.checksum(k, 10, data))).toBe(false);
    expect(rc4.checksum(rc4.randomKey(), 6, data)).toHaveLength(16);
  });

  it('RC4-HMAC string-to-key is the NT hash (MD4 of UTF-16LE)', () => {
    expect(rc4.stringToKey('password', 'ignored').toString('hex')).toBe('8846f7eaee8fb117ad06bdd830b7586c');
  });
});
