// SMB3 TRANSFORM_HEADER encryption against Microsoft's published examples: "Encryption in SMB 3.0:
// a protocol perspective" (AES-128-CCM) and "SMB 3.1.1 Encryption in Windows 10" (AES-128-GCM),
// with the keys derived by our KDF from the session keys the articles give.
import { MalformedPacketError, NtStatusError } from '../../../../lib/common/errors';
import {
  GCM_SLICE_SIZE,
  Smb2Cipher,
  decodeTransformHeader,
  decryptMessage,
  encryptMessage,
  encryptMessageParts,
  isTransformMessage,
} from '../../../../lib/smb2/signing/encryption';
import { deriveEncryptionKeys } from '../../../../lib/smb2/signing/keys';

const h = (...parts: string[]): Buffer => Buffer.from(parts.join(''), 'hex');

describe('SMB 3.0, AES-128-CCM', () => {
  const keys = deriveEncryptionKeys(0x0300, h('B4546771B515F766A86735532DD6C4F0'));
  const sessionId = 0x8e40014000011n;

  it('derives the example keys', () => {
    expect(keys.serverIn.toString('hex')).toBe('261b72350558f2e9dcf613070383edbf');
    expect(keys.serverOut.toString('hex')).toBe('8fe2b57ec34d2db5b1a9727f526bbdb5');
  });

  // A signed WRITE request of "Smb3 encryption testing", encrypted by the client (ServerIn key).
  const writeRequest = h(
    'FE534D4240000100000000000900400008000000000000000400000000000000',
    'FFFE0000010000001100001400E4080000000000000000000000000000000000',
    '3100700017000000000000000000000015010000390000020100000039020000',
    '00000000000000007000000000000000536D623320656E6372797074696F6E20',
    '74657374696E67',
  );
  const transformedWrite = h(
    'FD534D42', // ProtocolId
    '81A286535415445DAE393921E44FA42E', // Signature (CCM tag)
    '66E69A111892584FB5ED524A744DA3EE', // Nonce field (CCM uses the first 11 bytes)
    '87000000', // OriginalMessageSize 135
    '0000', // Reserved
    '0100', // EncryptionAlgorithm AES-128-CCM
    '1100001400E40800', // SessionId
    '25C8FEE16605A437832D1CD52DA9F4645333482A175FE5384563F45FCDAFAEF3',
    '8BC62BA4D5C62897996625A44C29BE5658DE2E6117585779E7B59FFD971278D0',
    '8580D7FA899E410E910EABF5AA1DB43050B33B49182637759AC15D84BFCDF5B6',
    'B238993C0F4CF4D6012023F6C627297075D84B7803912D0A9639634453595EF3',
    'E33FFE4E7AC2AB',
  );

  it('encrypts the WRITE request to the published bytes', () => {
    expect(
      encryptMessage(
        Smb2Cipher.AES_128_CCM,
        keys.serverIn,
        sessionId,
        writeRequest,
        h('66E69A111892584FB5ED524A744DA3EE'),
      ),
    ).toEqual(transformedWrite);
  });

  it('decrypts it back, as the server does', () => {
    expect(decryptMessage(Smb2Cipher.AES_128_CCM, keys.serverIn, transformedWrite)).toEqual({
      sessionId,
      message: writeRequest,
    });
  });

  it("decrypts the server's WRITE response with the ServerOut key", () => {
    const transformed = h(
      'FD534D42A6015530A18F6D9AFFE22AFAE8E66484860000000000000011000014',
      '00E4080050000000000001001100001400E40800DBF46435C5F14169293CE079',
      'E344479BF670227E49873F458672C3098DAC467DD5809F369D67409166515787',
      '1483E01F7BECD02064EAC3E235F913668BBC2F097980D4B378F1993EFF6E60D1',
      '77309E5B',
    );
    expect(decryptMessage(Smb2Cipher.AES_128_CCM, keys.serverOut, transformed).message).toEqual(
      h(
        'FE534D4240000100000000000900210009000000000000000400000000000000',
        'FFFE0000010000001100001400E4080000000000000000000000000000000000',
        '11000000170000000000000000000000',
      ),
    );
  });
});

describe('SMB 3.1.1, AES-128-GCM', () => {
  const preauth = h(
    'B23F3CBFD69487D9832B79B1594A367CDD950909B774C3A4C412B4FCEA9EDDDBA7DB256BA2EA30E9',
    '77F11F9B113247578E0E915C6D2A513B8F2FCA5707DC8770',
  );
  const keys = deriveEncryptionKeys(0x0311, h('419FDDF34C1E001909D362AE7FB6AF79'), preauth);
  const sessionId = 0x100000000025n;

  it('derives the example keys', () => {
    expect(keys.serverIn.toString('hex')).toBe('a2f5e80e5d59103034f32e52f698e5ec');
    expect(keys.serverOut.toString('hex')).toBe('748c50868c90f302962a5c35f5f9a8bf');
  });

  it('encrypts the WRITE request to the published bytes and decrypts it back', () => {
    const write = h(
      'FE534D4240000100000000000900010008000000000000000500000000000000FFFE000001000000',
      '25000000001000000000000000000000000000000000000031007000170000000000000000000000',
      '0600000004000000010000000400000000000000000000007000000000000000536D623320656E63',
      '72797074696F6E2074657374696E67',
    );
    const expected = h(
      'FD534D42BD73D97D2BC9001BCAFAC0FDFF5FEEBCC7D6822D269CAF48904C664C0000000087000000',
      '0000010025000000001000006ECDD2A7AFC7B47763057A041B8FD4DAFFE990B70C9E09D36C084E02',
      'D14EF247F8BDE38ACF6256F8B1D3B56F77FBDEB312FEA5E92CBCC1ED8FB2EBBFAA75E49A4A394BB4',
      '4576545567C24D4C014D47C9FBDFDAFD2C4F9B72F8D256452620A299F48E29E53D6B61D1C13A19E9',
      '1AF013F00D17E3ABC2FC3D36C8C1B6B93973253852DBD442E46EE8',
    );
    const transformed = encryptMessage(
      Smb2Cipher.AES_128_GCM,
      keys.serverIn,
      sessionId,
      write,
      h('C7D6822D269CAF48904C664C'),
    );
    expect(transformed).toEqual(expected);
    expect(decryptMessage(Smb2Cipher.AES_128_GCM, keys.serverIn, transformed).message).toEqual(write);
  });

  it("decrypts the server's response with the ServerOut key", () => {
    const transformed = h(
      'FD534D42ACBE1CB7ED343ADF1725EF144D90D4B0E06831DD2E8EB7B4000000000000000050000000',
      '00000100250000000010000026BBBF949983A6C1C796559D0F2C510CB651D1F7B6AC8DED32A2A0B8',
      'F2D793A815C6F6B848D69767A215841A42D400AE6DDB5F0B44173A014973321FDD7950DA6179159B',
      '82E03C9E18A050FF0EA1C967',
    );
    expect(decodeTransformHeader(transformed).sessionId).toBe(sessionId);
    expect(decryptMessage(Smb2Cipher.AES_128_GCM, keys.serverOut, transformed).message).toEqual(
      h(
        'FE534D4240000100000000000900010001000000000000000500000000000000FFFE000001000000',
        '25000000001000000000000000000000000000000000000011000000170000000000000000000000',
      ),
    );
  });
});

describe('failures', () => {
  const key = Buffer.alloc(16, 7);
  const plain = Buffer.concat([h('FE534D42'), Buffer.alloc(70, 1)]);

  it.each([Smb2Cipher.AES_128_CCM, Smb2Cipher.AES_128_GCM])(
    'cipher %i: tampering with the ciphertext, the AAD or the tag is refused',
    (cipher) => {
      const t = encryptMessage(cipher, key, 5n, plain);
      expect(isTransformMessage(t)).toBe(true);
      expect(decryptMessage(cipher, key, t).message).toEqual(plain);
      for (const at of [4, 20, 44, 60]) {
        const bad = Buffer.from(t);
        bad.writeUInt8(bad.readUInt8(at) ^ 1, at);
        expect(() => decryptMessage(cipher, key, bad)).toThrow(NtStatusError);
      }
      expect(() => decryptMessage(cipher, Buffer.alloc(16, 8), t)).toThrow(NtStatusError);
    },
  );

  it('rejects malformed headers with MalformedPacketError', () => {
    const t = encryptMessage(Smb2Cipher.AES_128_GCM, key, 5n, plain);
    expect(() => decryptMessage(Smb2Cipher.AES_128_GCM, key, t.subarray(0, 40))).toThrow(MalformedPacketError);
    expect(() => decryptMessage(Smb2Cipher.AES_128_GCM, key, t.subarray(0, t.length - 1))).toThrow(
      MalformedPacketError,
    );
    expect(() => decryptMessage(Smb2Cipher.AES_128_GCM, key, Buffer.concat([h('FE534D42'), t.subarray(4)]))).toThrow(
      MalformedPacketError,
    );
  });

  it('checks key and nonce sizes', () => {
    expect(() => encryptMessage(Smb2Cipher.AES_128_GCM, Buffer.alloc(32), 1n, plain)).toThrow(RangeError);
    expect(() => encryptMessage(Smb2Cipher.AES_128_CCM, key, 1n, plain, Buffer.alloc(12))).toThrow(RangeError);
  });

  it('supports the AES-256 variants', () => {
    const k = Buffer.alloc(32, 3);
    for (const cipher of [Smb2Cipher.AES_256_CCM, Smb2Cipher.AES_256_GCM]) {
      expect(decryptMessage(cipher, k, encryptMessage(cipher, k, 9n, plain)).message).toEqual(plain);
    }
  });
});

describe("sealing into a caller-supplied buffer (the server's pooled READ responses)", () => {
  // Longer than several GCM slices, and not a multiple of the slice or of the AES block.
  const message = Buffer.alloc(3 * GCM_SLICE_SIZE + 1001);
  for (let i = 0; i < message.length; i++) message[i] = (i * 7 + 3) & 0xff;
  const nonce = h('000102030405060708090A0B');

  it.each([
    ['AES-128-GCM', Smb2Cipher.AES_128_GCM, 16],
    ['AES-256-GCM', Smb2Cipher.AES_256_GCM, 32],
  ] as const)('%s: the same bytes as one update(), written into the buffer', (_, cipher, keyLength) => {
    const key = Buffer.alloc(keyLength, 0x5a);
    const into = Buffer.alloc(message.length + 4096, 0xee);
    const direct = encryptMessageParts(cipher, key, 3n, message, nonce);
    const sealed = encryptMessageParts(cipher, key, 3n, message, nonce, undefined, into);
    expect(sealed.header).toEqual(direct.header);
    expect(sealed.ciphertext.buffer).toBe(into.buffer);
    expect(sealed.ciphertext.equals(direct.ciphertext)).toBe(true);
    expect(into[message.length]).toBe(0xee);
    expect(decryptMessage(cipher, key, Buffer.concat([sealed.header, sealed.ciphertext])).message).toEqual(message);
  });

  it('leaves a too-short buffer, and CCM (one update() only), to a new ciphertext', () => {
    const key = Buffer.alloc(16, 0x5a);
    const short = Buffer.alloc(message.length - 1);
    expect(
      encryptMessageParts(Smb2Cipher.AES_128_GCM, key, 3n, message, nonce, undefined, short).ciphertext.buffer,
    ).not.toBe(short.buffer);
    const into = Buffer.alloc(message.length);
    const ccm = encryptMessageParts(Smb2Cipher.AES_128_CCM, key, 3n, message, nonce.subarray(0, 11), undefined, into);
    expect(ccm.ciphertext.buffer).not.toBe(into.buffer);
    expect(decryptMessage(Smb2Cipher.AES_128_CCM, key, Buffer.concat([ccm.header, ccm.ciphertext])).message).toEqual(
      message,
    );
  });
});

describe("decrypting in place (the client's pooled READ buffers)", () => {
  const message = Buffer.alloc(3 * GCM_SLICE_SIZE + 1001);
  for (let i = 0; i < message.length; i++) message[i] = (i * 11 + 5) & 0xff;
  const nonce = h('0A0B0C0D0E0F101112131415');
  const key = Buffer.alloc(16, 0x3c);

  it('AES-GCM: the plaintext overwrites the ciphertext, in the same buffer', () => {
    const transformed = encryptMessage(Smb2Cipher.AES_128_GCM, key, 9n, message, nonce);
    const { sessionId, message: plain } = decryptMessage(Smb2Cipher.AES_128_GCM, key, transformed, { inPlace: true });
    expect(sessionId).toBe(9n);
    expect(plain.buffer).toBe(transformed.buffer);
    expect(plain.byteOffset).toBe(transformed.byteOffset + 52);
    expect(plain.equals(message)).toBe(true);
  });

  it('AES-GCM: a tampered last slice still fails to authenticate', () => {
    const transformed = encryptMessage(Smb2Cipher.AES_128_GCM, key, 9n, message, nonce);
    const last = transformed.length - 1;
    transformed.writeUInt8(transformed.readUInt8(last) ^ 0x01, last);
    expect(() => decryptMessage(Smb2Cipher.AES_128_GCM, key, transformed, { inPlace: true })).toThrow(NtStatusError);
  });

  it('CCM answers a new buffer', () => {
    const transformed = encryptMessage(Smb2Cipher.AES_128_CCM, key, 9n, message, nonce.subarray(0, 11));
    const plain = decryptMessage(Smb2Cipher.AES_128_CCM, key, transformed, { inPlace: true }).message;
    expect(plain.buffer).not.toBe(transformed.buffer);
    expect(plain.equals(message)).toBe(true);
  });
});
