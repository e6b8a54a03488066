// [MS-NLMP] 4.2 test vectors: user "User", domain "Domain", password "Password",
// ServerChallenge 0123456789abcdef, ClientChallenge aaaaaaaaaaaaaaaa, RandomSessionKey 55 x 16, Time 0.
import { md4 } from '../../../lib/auth/md4';
import { NtlmNegotiateFlag as F } from '../../../lib/auth/ntlm-constants';
import {
  NtlmSigner,
  desEncrypt,
  keyExchangeKey,
  lmV2Response,
  lmowfV1,
  ntProofStr,
  ntlm2SessionResponse,
  ntlmV1Response,
  ntlmV2ClientBlob,
  ntowfV1,
  ntowfV2,
  sealingKey,
  sessionBaseKeyV1,
  sessionBaseKeyV2,
  signingKey,
} from '../../../lib/auth/ntlm-crypto';
import { Rc4, rc4k } from '../../../lib/auth/rc4';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const serverChallenge = h('0123456789abcdef');
const clientChallenge = h('aaaaaaaaaaaaaaaa');
const randomSessionKey = Buffer.alloc(16, 0x55);

describe('primitives', () => {
  it('MD4 (RFC 1320 A.5) through js-md4', () => {
    expect(md4(Buffer.alloc(0)).toString('hex')).toBe('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(md4(Buffer.from('abc')).toString('hex')).toBe('a448017aaf21d8525fc10ae87aa6729d');
    expect(md4(Buffer.from('message digest')).toString('hex')).toBe('d9130a8164549fe818874806e1c7014b');
  });

  it('RC4 (the classic "Key"/"Plaintext" and "Wiki"/"pedia" vectors), keeping state across calls', () => {
    expect(rc4k(Buffer.from('Key'), Buffer.from('Plaintext')).toString('hex')).toBe('bbf316e8d940af0ad3');
    const rc4 = new Rc4(Buffer.from('Wiki'));
    expect(Buffer.concat([rc4.update(Buffer.from('ped')), rc4.update(Buffer.from('ia'))]).toString('hex')).toBe(
      '1021bf0420',
    );
  });

  it('DES with a 7-byte key (FIPS 81 style vector 133457799bbcdff1 -> 85e813540f0ab405)', () => {
    // 0x13345779 9BBCDFF1 with parity bits dropped is the 56-bit key 12695bc9b7b7f8.
    expect(desEncrypt(h('12695bc9b7b7f8'), h('0123456789abcdef')).toString('hex')).toBe('85e813540f0ab405');
  });
});

describe('[MS-NLMP] 4.2.2 NTLMv1', () => {
  const ntHash = ntowfV1('Password');
  const lmHash = lmowfV1('Password');
  it('NTOWFv1 and LMOWFv1', () => {
    expect(ntHash.toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
    expect(lmHash.toString('hex')).toBe('e52cac67419a9a224a3b108f3fa6cb6d');
  });
  it('NT and LM responses', () => {
    expect(ntlmV1Response(ntHash, serverChallenge).toString('hex')).toBe(
      '67c43011f30298a2ad35ece64f16331c44bdbed927841f94',
    );
    expect(ntlmV1Response(lmHash, serverChallenge).toString('hex')).toBe(
      '98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13',
    );
  });
  it('SessionBaseKey, KXKEY (plain and LM_KEY) and the encrypted session key', () => {
    const lm = h('98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13');
    const base = sessionBaseKeyV1(ntHash);
    expect(base.toString('hex')).toBe('d87262b0cde4b1cb7499becccdf10784');
    const kx = keyExchangeKey(0xe2028233, base, lm, serverChallenge, lmHash, false);
    expect(kx.toString('hex')).toBe('d87262b0cde4b1cb7499becccdf10784');
    expect(rc4k(kx, randomSessionKey).toString('hex')).toBe('518822b1b3f350c8958682ecbb3e3cb7');
    const kxLm = keyExchangeKey(0xe2028233 | F.NTLMSSP_NEGOTIATE_LM_KEY, base, lm, serverChallenge, lmHash, false);
    expect(kxLm.toString('hex')).toBe('b09e379f7fbecb1eaf0afdcb0383c8a0');
  });
});

describe('[MS-NLMP] 4.2.3 NTLMv1 with extended session security', () => {
  it('NTLM2 session response and its KXKEY', () => {
    const ntHash = ntowfV1('Password');
    expect(ntlm2SessionResponse(ntHash, serverChallenge, clientChallenge).toString('hex')).toBe(
      '7537f803ae367128ca458204bde7caf81e97ed2683267232',
    );
    const lm = Buffer.concat([clientChallenge, Buffer.alloc(16)]);
    const kx = keyExchangeKey(
      F.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
      sessionBaseKeyV1(ntHash),
      lm,
      serverChallenge,
      lmowfV1('Password'),
      false,
    );
    expect(kx.toString('hex')).toBe('eb93429a8bd952f8b89c55b87f475edc');
  });
});

describe('[MS-NLMP] 4.2.4 NTLMv2', () => {
  const responseKey = ntowfV2('Password', 'User', 'Domain');
  // 4.2.4.1.3 temp, with the 4.2.4 target info (NbDomainName "Domain", NbComputerName "Server").
  const targetInfo = h('02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000');
  const blob = ntlmV2ClientBlob(0n, clientChallenge, targetInfo);

  it('NTOWFv2 upper-cases the user but not the domain', () => {
    expect(responseKey.toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    expect(ntowfV2('Password', 'USER', 'Domain')).toEqual(responseKey);
    expect(ntowfV2('Password', 'User', 'DOMAIN')).not.toEqual(responseKey);
  });

  it('the client blob, NTProofStr, LMv2 response and SessionBaseKey', () => {
    expect(blob.toString('hex')).toBe(
      '01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000' +
        '02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000',
    );
    const proof = ntProofStr(responseKey, serverChallenge, blob);
    expect(proof.toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(lmV2Response(responseKey, serverChallenge, clientChallenge).toString('hex')).toBe(
      '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa',
    );
    const base = sessionBaseKeyV2(responseKey, proof);
    expect(base.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3');
    expect(rc4k(base, randomSessionKey).toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
  });

  it('4.2.4.4: client signing and sealing keys', () => {
    const flags = 0xe28a8233;
    expect(signingKey(randomSessionKey, 'client-to-server').toString('hex')).toBe('4788dc861b4782f35d43fd98fe1a2d39');
    expect(sealingKey(flags, randomSessionKey, 'client-to-server').toString('hex')).toBe(
      '59f600973cc4960a25480a7c196e4c58',
    );
  });

  it('4.2.4.4: the client and server signatures of "Plaintext" after sealing it (seq 0)', () => {
    const flags = 0xe28a8233 >>> 0;
    const plaintext = Buffer.from('Plaintext', 'utf16le');
    const client = new NtlmSigner(flags, randomSessionKey, 'client-to-server');
    client.skipKeyStream(plaintext.length); // the sealed data used the first 18 bytes of the stream
    expect(client.sign(plaintext).toString('hex')).toBe('010000007fb38ec5c55d497600000000');
    const server = new NtlmSigner(flags, randomSessionKey, 'server-to-client');
    server.skipKeyStream(plaintext.length);
    expect(server.sign(plaintext).toString('hex')).toBe('01000000b298b847ce7c580700000000');
  });

  it('sequence numbers advance with each signature', () => {
    const signer = new NtlmSigner(0xe28a8233 >>> 0, randomSessionKey, 'client-to-server');
    signer.sign(Buffer.from('a'));
    expect(signer.sign(Buffer.from('a')).readUInt32LE(12)).toBe(1);
  });

  it('refuses NTLM signatures without extended session security', () => {
    expect(() => new NtlmSigner(0, randomSessionKey, 'client-to-server')).toThrow(RangeError);
  });
});
