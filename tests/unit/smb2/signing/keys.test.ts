// Key derivation checked against Microsoft's published SMB 3.0 and 3.1.1 examples.
import {
  PreauthIntegrity,
  deriveApplicationKey,
  deriveEncryptionKeys,
  deriveSigningKey,
  smb3Kdf,
} from '../../../../lib/smb2/signing/keys';
import { Smb2Cipher } from '../../../../lib/smb2/signing/encryption';
import * as win from '../../../helpers/windows-311-exchange';

const smb30SessionKey = Buffer.from('7CD451825D0450D235424E44BA6E78CC', 'hex');

describe('SMB 3.0 keys (Microsoft blog, "Key derivation example for SMB 3.0")', () => {
  it('derives SigningKey with "SMB2AESCMAC\\0" / "SmbSign\\0"', () => {
    expect(deriveSigningKey(0x0300, smb30SessionKey).toString('hex')).toBe('0b7e9c5cac36c0f6ea9ab275298cedce');
    expect(deriveSigningKey(0x0302, smb30SessionKey).toString('hex')).toBe('0b7e9c5cac36c0f6ea9ab275298cedce');
  });

  it('derives the cipher keys: the client encrypts with ServerIn, decrypts with ServerOut', () => {
    const { serverIn, serverOut } = deriveEncryptionKeys(0x0300, smb30SessionKey);
    expect(serverIn.toString('hex')).toBe('fad27796665b313ebb578f388632b4f7');
    expect(serverOut.toString('hex')).toBe('b0f0427f7ceb416d1d9dcc0cd4f99447');
  });

  it('derives the ApplicationKey', () => {
    expect(deriveApplicationKey(0x0300, smb30SessionKey).toString('hex')).toBe('bb23a4575aa26c721af525af15a87b4f');
  });

  it('derives the second channel signing key from its own session key', () => {
    expect(deriveSigningKey(0x0300, Buffer.from('4E01A2B313BCF660CC250BEF021AEDE6', 'hex')).toString('hex')).toBe(
      'ba1a17dbbfec349bca105563d598952f',
    );
  });
});

describe('SMB 3.1.1 keys (Microsoft blog, "Key derivation example for SMB 3.1.1")', () => {
  it('derives SigningKey, cipher keys and ApplicationKey over the pre-authentication hash', () => {
    expect(deriveSigningKey(0x0311, win.sessionKey, win.sessionPreauthHash)).toEqual(win.signingKey);
    const { serverIn, serverOut } = deriveEncryptionKeys(0x0311, win.sessionKey, win.sessionPreauthHash);
    expect(serverIn).toEqual(win.clientEncryptionKey);
    expect(serverOut).toEqual(win.clientDecryptionKey);
    expect(deriveApplicationKey(0x0311, win.sessionKey, win.sessionPreauthHash)).toEqual(win.applicationKey);
  });

  it('refuses to derive 3.1.1 keys without a 64-byte hash', () => {
    expect(() => deriveSigningKey(0x0311, win.sessionKey)).toThrow(RangeError);
    expect(() => deriveSigningKey(0x0311, win.sessionKey, Buffer.alloc(32))).toThrow(RangeError);
  });
});

describe('SMB 3.1.1 AES-256 cipher keys ([MS-SMB2] 3.1.4.2: L = 256, the full session key)', () => {
  // Expected values computed independently with Python's hmac and hashlib (SP800-108 counter mode,
  // PRF HMAC-SHA256, r = 32, L = 256) over the Windows exchange's session key and preauth hash.
  it('derives 32-byte ServerIn and ServerOut keys for AES-256-GCM and AES-256-CCM', () => {
    for (const cipher of [Smb2Cipher.AES_256_GCM, Smb2Cipher.AES_256_CCM]) {
      const { serverIn, serverOut } = deriveEncryptionKeys(0x0311, win.sessionKey, win.sessionPreauthHash, cipher);
      expect(serverIn.toString('hex')).toBe('049c27fd8a340262e32c643dea2ba507af7a4c085fd2505aeffcbdeae6d6d8ab');
      expect(serverOut.toString('hex')).toBe('35952fed051bf2471af5f7acc63674b887a54b47af46959f7caff1ce537d7419');
    }
    // AES-128 keeps 16 bytes.
    expect(
      deriveEncryptionKeys(0x0311, win.sessionKey, win.sessionPreauthHash, Smb2Cipher.AES_128_GCM).serverIn,
    ).toEqual(win.clientEncryptionKey);
  });

  it('uses the whole of a 32-byte (Kerberos) session key for AES-256, its first 16 bytes for AES-128', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const wide = deriveEncryptionKeys(0x0311, key, win.sessionPreauthHash, Smb2Cipher.AES_256_GCM);
    expect(wide.serverIn.toString('hex')).toBe('f1a5c66c7c07116904393a1d1c4cb46eeceb7fd384038c510561fbfdba9ae683');
    const narrow = deriveEncryptionKeys(0x0311, key, win.sessionPreauthHash, Smb2Cipher.AES_128_CCM);
    expect(narrow.serverIn.toString('hex')).toBe('f018888a321add00c1732075cd1def2c');
  });

  it('refuses AES-256 outside 3.1.1', () => {
    expect(() => deriveEncryptionKeys(0x0300, win.sessionKey, undefined, Smb2Cipher.AES_256_GCM)).toThrow(RangeError);
  });
});

describe('2.x keys', () => {
  it('uses the session key itself, truncated or padded to 16 bytes', () => {
    expect(deriveSigningKey(0x0202, win.sessionKey)).toEqual(win.sessionKey);
    expect(deriveSigningKey(0x0210, Buffer.concat([win.sessionKey, Buffer.alloc(4, 1)]))).toEqual(win.sessionKey);
    expect(() => deriveEncryptionKeys(0x0210, win.sessionKey)).toThrow(RangeError);
  });
});

describe('smb3Kdf', () => {
  it('produces 32 bytes for L = 256 whose first half differs from the L = 128 output (L is an input)', () => {
    const k128 = smb3Kdf(win.sessionKey, Buffer.from('a\0'), Buffer.from('b\0'), 128);
    const k256 = smb3Kdf(win.sessionKey, Buffer.from('a\0'), Buffer.from('b\0'), 256);
    expect(k128).toHaveLength(16);
    expect(k256).toHaveLength(32);
    expect(k256.subarray(0, 16)).not.toEqual(k128);
  });
});

describe('PreauthIntegrity', () => {
  it('starts at 64 zero bytes', () => {
    expect(new PreauthIntegrity().value).toEqual(Buffer.alloc(64));
  });

  it('reproduces the Windows chain: connection over NEGOTIATE, then the session fork over SESSION_SETUP', () => {
    const connection = new PreauthIntegrity();
    connection.update(win.negotiateRequest);
    expect(connection.value).toEqual(win.hashAfterNegotiateRequest);
    connection.update(win.negotiateResponse);
    expect(connection.value).toEqual(win.hashAfterNegotiateResponse);

    const session = connection.fork();
    session.update(win.sessionSetupRequest1);
    expect(session.value).toEqual(win.hashAfterSessionSetupRequest1);
    session.update(win.sessionSetupResponse1);
    expect(session.value).toEqual(win.hashAfterSessionSetupResponse1);
    session.update(win.sessionSetupRequest2);
    expect(session.value).toEqual(win.sessionPreauthHash);

    // The fork is independent: the connection's value did not move.
    expect(connection.value).toEqual(win.hashAfterNegotiateResponse);
  });

  it('returns copies of its value', () => {
    const p = new PreauthIntegrity();
    p.value.fill(1);
    expect(p.value).toEqual(Buffer.alloc(64));
  });
});
