// [MS-NLMP] 4.2.2.4, 4.2.3.4 and 4.2.4.4 GSS_WrapEx examples: "Plaintext" in UTF-16LE, SeqNum 0,
// RandomSessionKey 55 x 16; then the rules of 3.4 (directions, sequence numbers, failures).
import { createHash } from 'node:crypto';
import { NtlmNegotiateFlag as F } from '../../../lib/auth/ntlm-constants';
import {
  NtlmSessionSecurity,
  NtlmSessionSecurityError,
  type NtlmSessionSecurityFailure,
  type SecurityBuffer,
} from '../../../lib/auth/ntlm-session-security';
import { Rc4 } from '../../../lib/auth/rc4';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const plaintext = Buffer.from('Plaintext', 'utf16le');
const randomSessionKey = Buffer.alloc(16, 0x55);
const sealed = (data: Buffer): SecurityBuffer[] => [{ data, sign: true, seal: true }];

// 4.2.4: KEY_EXCH, 56, 128, VERSION, TARGET_INFO, ESS, TARGET_TYPE_SERVER, ALWAYS_SIGN, NTLM, SEAL, SIGN, OEM, UNICODE.
const V2_FLAGS = 0xe28a8233;
// 4.2.2: the same without TARGET_INFO and ESS.
const V1_FLAGS = 0xe2028233;
// 4.2.3: 56, VERSION, ESS, TARGET_TYPE_SERVER, ALWAYS_SIGN, NTLM, SEAL, SIGN, OEM, UNICODE (no KEY_EXCH, no 128).
const V1_ESS_FLAGS = 0x820a8233;

function failure(fn: () => unknown): NtlmSessionSecurityFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof NtlmSessionSecurityError) return e.reason;
    throw e;
  }
  throw new Error('expected an NtlmSessionSecurityError');
}

describe('[MS-NLMP] 4.2.4.4 NTLMv2 (extended session security, KEY_EXCH, 128-bit)', () => {
  it('seals "Plaintext" and signs it with the RC4-sealed HMAC checksum', () => {
    const client = new NtlmSessionSecurity({ flags: V2_FLAGS, exportedSessionKey: randomSessionKey, role: 'client' });
    const out = client.wrap(sealed(plaintext));
    expect(out.buffers[0]!.toString('hex')).toBe('54e50165bf1936dc996020c1811b0f06fb5f');
    expect(out.signature.toString('hex')).toBe('010000007fb38ec5c55d497600000000');
  });

  it('the server unseals it with the client-to-server keys', () => {
    const client = new NtlmSessionSecurity({ flags: V2_FLAGS, exportedSessionKey: randomSessionKey, role: 'client' });
    const server = new NtlmSessionSecurity({ flags: V2_FLAGS, exportedSessionKey: randomSessionKey, role: 'server' });
    const out = client.wrap(sealed(plaintext));
    expect(server.unwrap(sealed(out.buffers[0]!), out.signature)[0]).toEqual(plaintext);
  });
});

describe('[MS-NLMP] 4.2.2.4 NTLMv1 without extended session security', () => {
  it('seals with the one RC4 handle, then RC4s RandomPad, CRC32 and SeqNum', () => {
    const client = new NtlmSessionSecurity({ flags: V1_FLAGS, exportedSessionKey: randomSessionKey, role: 'client' });
    const out = client.wrap(sealed(plaintext));
    expect(out.buffers[0]!.toString('hex')).toBe('56fe04d861f9319af0d7238a2e3b4d457fb8');
    expect(out.signature.toString('hex')).toBe('0100000045c844e509dcd1df2e459d36');
  });

  it('is half duplex: one handle and one sequence number for both directions', () => {
    const client = new NtlmSessionSecurity({ flags: V1_FLAGS, exportedSessionKey: randomSessionKey, role: 'client' });
    const server = new NtlmSessionSecurity({ flags: V1_FLAGS, exportedSessionKey: randomSessionKey, role: 'server' });
    const request = client.wrap(sealed(plaintext));
    expect(server.unwrap(sealed(request.buffers[0]!), request.signature)[0]).toEqual(plaintext);
    const answer = Buffer.from('answer');
    const response = server.wrap(sealed(answer));
    expect(response.signature.subarray(12).equals(request.signature.subarray(12))).toBe(false);
    expect(client.unwrap(sealed(response.buffers[0]!), response.signature)[0]).toEqual(answer);
  });

  it('checks only the buffers marked sign (3.4.6.1)', () => {
    const client = new NtlmSessionSecurity({ flags: V1_FLAGS, exportedSessionKey: randomSessionKey, role: 'client' });
    const server = new NtlmSessionSecurity({ flags: V1_FLAGS, exportedSessionKey: randomSessionKey, role: 'server' });
    const header = Buffer.from('header');
    const sig = client.getMic([
      { data: header, sign: false },
      { data: plaintext, sign: true },
    ]);
    expect(() =>
      server.verifyMic(
        [
          { data: Buffer.from('HEADER'), sign: false },
          { data: plaintext, sign: true },
        ],
        sig,
      ),
    ).not.toThrow();
  });
});

describe('[MS-NLMP] 4.2.3.4 NTLMv1 with client challenge (extended session security, 56-bit, no KEY_EXCH)', () => {
  // Without KEY_EXCH the exported session key is the KeyExchangeKey of 4.2.3.1.3.
  const kxKey = h('eb93429a8bd952f8b89c55b87f475edc');

  it('seals with MD5(key[0..6] || magic) and leaves the HMAC checksum unsealed', () => {
    const client = new NtlmSessionSecurity({ flags: V1_ESS_FLAGS, exportedSessionKey: kxKey, role: 'client' });
    const out = client.wrap(sealed(plaintext));
    expect(out.buffers[0]!.toString('hex')).toBe('a02372f6530273f3aa1eb90190ce5200c99d');
    expect(out.signature.toString('hex')).toBe('01000000ff2aeb52f681793a00000000');
  });

  // The expected key streams come from SEALKEY written out here and the RC4 primitive (checked
  // against the published RC4 vectors in ntlm-crypto.test.ts).
  it('40-bit sealing (neither 56 nor 128) keeps 5 bytes of the key before MD5', () => {
    const flags = (V1_ESS_FLAGS & ~F.NTLMSSP_NEGOTIATE_56) >>> 0;
    const key = createHash('md5')
      .update(kxKey.subarray(0, 5))
      .update('session key to client-to-server sealing key magic constant\0', 'latin1')
      .digest();
    const client = new NtlmSessionSecurity({ flags, exportedSessionKey: kxKey, role: 'client' });
    expect(client.wrap(sealed(plaintext)).buffers[0]).toEqual(new Rc4(key).update(plaintext));
  });

  it('without ESS, LM_KEY weakens the key to 56 bits (key[0..6] || A0) or 40 bits (key[0..4] || E5 38 B0)', () => {
    for (const [flags, tail] of [
      [V1_FLAGS | F.NTLMSSP_NEGOTIATE_LM_KEY, 'a0'],
      [(V1_FLAGS | F.NTLMSSP_NEGOTIATE_LM_KEY) & ~F.NTLMSSP_NEGOTIATE_56, 'e538b0'],
    ] as const) {
      const keep = tail.length === 2 ? 7 : 5;
      const key = Buffer.concat([randomSessionKey.subarray(0, keep), h(tail)]);
      const client = new NtlmSessionSecurity({
        flags: flags >>> 0,
        exportedSessionKey: randomSessionKey,
        role: 'client',
      });
      expect(client.wrap(sealed(plaintext)).buffers[0]).toEqual(new Rc4(key).update(plaintext));
    }
  });
});

describe('session security rules ([MS-NLMP] 3.4)', () => {
  const pair = (flags = V2_FLAGS): [NtlmSessionSecurity, NtlmSessionSecurity] => [
    new NtlmSessionSecurity({ flags, exportedSessionKey: randomSessionKey, role: 'client' }),
    new NtlmSessionSecurity({ flags, exportedSessionKey: randomSessionKey, role: 'server' }),
  ];
  const message = (text: string): SecurityBuffer[] => [{ data: Buffer.from(text), sign: true }];

  it('keeps separate handles and sequence numbers per direction with ESS', () => {
    const [client, server] = pair();
    for (let i = 0; i < 3; i++) {
      const request = client.getMic(message(`request ${i}`));
      expect(request.readUInt32LE(12)).toBe(i);
      server.verifyMic(message(`request ${i}`), request);
      const response = server.wrap(sealed(Buffer.from(`response ${i}`)));
      expect(response.signature.readUInt32LE(12)).toBe(i);
      expect(client.unwrap(sealed(response.buffers[0]!), response.signature)[0]!.toString()).toBe(`response ${i}`);
    }
  });

  it('signs every buffer with ESS, sign flag or not (3.4.6.1)', () => {
    const [client, server] = pair();
    const sig = client.getMic([
      { data: Buffer.from('header'), sign: false },
      { data: plaintext, sign: true },
    ]);
    const tampered = [
      { data: Buffer.from('HEADER'), sign: false },
      { data: plaintext, sign: true },
    ];
    expect(failure(() => server.verifyMic(tampered, sig))).toBe('checksum-mismatch');
  });

  it('refuses a replayed message, then refuses everything', () => {
    const [client, server] = pair();
    const first = client.getMic(message('one'));
    server.verifyMic(message('one'), first);
    expect(failure(() => server.verifyMic(message('one'), first))).toBe('sequence-mismatch');
    const second = client.getMic(message('two'));
    expect(failure(() => server.verifyMic(message('two'), second))).toBe('context-broken');
  });

  it('refuses a message sent out of order', () => {
    const [client, server] = pair();
    client.getMic(message('lost'));
    const second = client.getMic(message('second'));
    expect(failure(() => server.verifyMic(message('second'), second))).toBe('sequence-mismatch');
  });

  it('refuses tampered data and tampered signatures', () => {
    const [client, server] = pair();
    const out = client.wrap(sealed(plaintext));
    const data = Buffer.from(out.buffers[0]!);
    data[0]! ^= 1;
    expect(failure(() => server.unwrap(sealed(data), out.signature))).toBe('checksum-mismatch');
    const [c2, s2] = pair();
    const sig = Buffer.from(c2.getMic(message('x')));
    sig[0] = 2;
    expect(failure(() => s2.verifyMic(message('x'), sig))).toBe('bad-signature-version');
    const [c3, s3] = pair();
    expect(failure(() => s3.verifyMic(message('x'), c3.getMic(message('x')).subarray(0, 12)))).toBe(
      'bad-signature-length',
    );
  });

  it('starts each direction at the sequence number SPNEGO left it (firstSeqNum)', () => {
    const after = { outgoing: 1, incoming: 1 };
    const client = new NtlmSessionSecurity({
      flags: V2_FLAGS,
      exportedSessionKey: randomSessionKey,
      role: 'client',
      firstSeqNum: after,
    });
    const server = new NtlmSessionSecurity({
      flags: V2_FLAGS,
      exportedSessionKey: randomSessionKey,
      role: 'server',
      firstSeqNum: after,
    });
    const sig = client.getMic(message('first call'));
    expect(sig.readUInt32LE(12)).toBe(1);
    server.verifyMic(message('first call'), sig);
    const fresh = new NtlmSessionSecurity({ flags: V2_FLAGS, exportedSessionKey: randomSessionKey, role: 'server' });
    expect(failure(() => fresh.verifyMic(message('first call'), sig))).toBe('sequence-mismatch');
  });

  it('refuses a wrong sequence number without ESS too', () => {
    const [client, server] = pair(V1_FLAGS);
    client.getMic(message('lost'));
    expect(failure(() => server.verifyMic(message('x'), client.getMic(message('x'))))).toBe('sequence-mismatch');
  });

  it('refuses what was not negotiated, and contexts without a key', () => {
    const signOnly = (V2_FLAGS & ~F.NTLMSSP_NEGOTIATE_SEAL) >>> 0;
    const client = new NtlmSessionSecurity({ flags: signOnly, exportedSessionKey: randomSessionKey, role: 'client' });
    expect(failure(() => client.wrap(sealed(plaintext)))).toBe('not-negotiated');
    expect(client.getMic(message('ok')).length).toBe(16);
    expect(
      failure(() => new NtlmSessionSecurity({ flags: V2_FLAGS, exportedSessionKey: Buffer.alloc(0), role: 'client' })),
    ).toBe('no-session-key');
    expect(
      failure(
        () =>
          new NtlmSessionSecurity({
            flags: V2_FLAGS | F.NTLMSSP_NEGOTIATE_DATAGRAM,
            exportedSessionKey: randomSessionKey,
            role: 'client',
          }),
      ),
    ).toBe('datagram-not-supported');
  });
});
