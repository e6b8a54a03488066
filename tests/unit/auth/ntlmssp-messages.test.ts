// NTLMSSP codecs against the [MS-NLMP] 4.2.4 example messages (annotated below) and a capture
// of Windows' SMB 3.1.1 session setup (Microsoft's key-derivation blog).
import { MalformedPacketError } from '../../../lib/common/errors';
import { MsvAv } from '../../../lib/auth/ntlm-constants';
import {
  decodeAvPairs,
  decodeNtlmAuthenticate,
  decodeNtlmChallenge,
  decodeNtlmNegotiate,
  encodeAvPairs,
  encodeNtlmAuthenticate,
  encodeNtlmChallenge,
  encodeNtlmNegotiate,
  ntlmMessageType,
} from '../../../lib/auth/ntlmssp-messages';

const h = (...parts: string[]): Buffer => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');
const u = (s: string): Buffer => Buffer.from(s, 'utf16le');

// [MS-NLMP] 4.2.4.3 CHALLENGE_MESSAGE
const specChallenge = h(
  '4e544c4d53535000', // Signature "NTLMSSP\0"
  '02000000', // MessageType 2
  '0c000c00 38000000', // TargetNameFields: 12 bytes at 0x38
  '33828ae2', // NegotiateFlags 0xe28a8233
  '0123456789abcdef', // ServerChallenge
  '0000000000000000', // Reserved
  '24002400 44000000', // TargetInfoFields: 36 bytes at 0x44
  '06 00 7017 000000 0f', // Version 6.0.6000, NTLMSSP_REVISION_W2K3
  '530065007200760065007200', // "Server"
  '0200 0c00 44006f006d00610069006e00', // MsvAvNbDomainName "Domain"
  '0100 0c00 530065007200760065007200', // MsvAvNbComputerName "Server"
  '0000 0000', // MsvAvEOL
);

// [MS-NLMP] 4.2.4.3 AUTHENTICATE_MESSAGE (NTLMv2, KEY_EXCH; no MIC: the payload starts at 0x48)
const specAuthenticate = h(
  '4e544c4d53535000 03000000',
  '18001800 6c000000', // LmChallengeResponseFields: 24 at 0x6c
  '54005400 84000000', // NtChallengeResponseFields: 84 at 0x84
  '0c000c00 48000000', // DomainNameFields: 12 at 0x48
  '08000800 54000000', // UserNameFields: 8 at 0x54
  '10001000 5c000000', // WorkstationFields: 16 at 0x5c
  '10001000 d8000000', // EncryptedRandomSessionKeyFields: 16 at 0xd8
  '358288e2', // NegotiateFlags 0xe2888235
  '0501280a0000000f', // Version 5.1.2600
  '44006f006d00610069006e00', // "Domain"
  '5500730065007200', // "User"
  '43004f004d0050005500540045005200', // "COMPUTER"
  '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa', // LMv2 response
  '68cd0ab851e51c96aabc927bebef6a1c', // NTProofStr
  '0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000', // blob header
  '02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000',
  'c5dad2544fc9799094ce1ce90bc9d03e', // EncryptedRandomSessionKey
);

describe('CHALLENGE', () => {
  it('decodes the [MS-NLMP] 4.2.4 example', () => {
    const c = decodeNtlmChallenge(specChallenge);
    expect(c.flags >>> 0).toBe(0xe28a8233);
    expect(c.targetName).toBe('Server');
    expect(c.serverChallenge.toString('hex')).toBe('0123456789abcdef');
    expect(c.targetInfo).toEqual([
      { id: MsvAv.MsvAvNbDomainName, value: u('Domain') },
      { id: MsvAv.MsvAvNbComputerName, value: u('Server') },
    ]);
    expect(c.version).toEqual({
      productMajorVersion: 6,
      productMinorVersion: 0,
      productBuild: 6000,
      ntlmRevisionCurrent: 15,
    });
  });

  it('encodes the same bytes from the same fields', () => {
    const bytes = encodeNtlmChallenge({
      flags: 0xe28a8233,
      targetName: 'Server',
      serverChallenge: h('0123456789abcdef'),
      targetInfo: [
        { id: MsvAv.MsvAvNbDomainName, value: u('Domain') },
        { id: MsvAv.MsvAvNbComputerName, value: u('Server') },
      ],
      version: { productMajorVersion: 6, productMinorVersion: 0, productBuild: 6000, ntlmRevisionCurrent: 15 },
    });
    expect(bytes.toString('hex')).toBe(specChallenge.toString('hex'));
  });

  it('decodes the CHALLENGE Windows sent in the SMB 3.1.1 example, with MsvAvTimestamp', () => {
    const c = decodeNtlmChallenge(
      h(
        '4E544C4D53535000020000000C000C003800000015828AE20D1D8BA31179D008000000000000000050005000440000000A0092270000000F53',
        '005500540033003100310002000C0053005500540033003100310001000C00530055005400330031',
        '00310004000C0053005500540033003100310003000C0053005500540033003100310007000800A1',
        'A1F5ADCBAED00100000000',
      ),
    );
    expect(c.targetName).toBe('SUT311');
    expect(c.targetInfo.map((p) => p.id)).toEqual([2, 1, 4, 3, 7]);
    expect(c.targetInfo[4]?.value.toString('hex')).toBe('a1a1f5adcbaed001');
  });
});

describe('AUTHENTICATE', () => {
  it('decodes the [MS-NLMP] 4.2.4 example (version present, no MIC)', () => {
    const a = decodeNtlmAuthenticate(specAuthenticate);
    expect(a.flags >>> 0).toBe(0xe2888235);
    expect(a.domainName).toBe('Domain');
    expect(a.userName).toBe('User');
    expect(a.workstation).toBe('COMPUTER');
    expect(a.lmChallengeResponse.toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    expect(a.ntChallengeResponse.subarray(0, 16).toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(a.ntChallengeResponse).toHaveLength(84);
    expect(a.encryptedRandomSessionKey.toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(a.version?.productBuild).toBe(2600);
    expect(a.mic).toBeUndefined();
  });

  it('decodes an ntlm@0.1-style message (64-byte header, OEM-less Unicode, no version, no MIC)', () => {
    const msg = h(
      '4e544c4d53535000 03000000',
      '18001800 40000000', // LM at 0x40
      '18001800 58000000', // NT at 0x58
      '00000000 70000000', // domain empty
      '0a000a00 70000000', // user "alice" at 0x70
      '00000000 7a000000', // workstation empty
      '00000000 7a000000', // no session key
      '01820000', // flags 0x8201
      '11'.repeat(24),
      '22'.repeat(24),
      '61006c00690063006500',
    );
    const a = decodeNtlmAuthenticate(msg);
    expect(a.userName).toBe('alice');
    expect(a.version).toBeUndefined();
    expect(a.mic).toBeUndefined();
    expect(a.ntChallengeResponse).toEqual(Buffer.alloc(24, 0x22));
  });

  it('round-trips through the encoder, with the MIC field reserved at 72', () => {
    const bytes = encodeNtlmAuthenticate({
      flags: 0xe2888235,
      lmChallengeResponse: Buffer.alloc(24),
      ntChallengeResponse: Buffer.alloc(60, 7),
      domainName: 'Dom',
      userName: 'Üser',
      workstation: 'WS',
      encryptedRandomSessionKey: Buffer.alloc(16, 9),
      version: { productMajorVersion: 10, productMinorVersion: 0, productBuild: 20348, ntlmRevisionCurrent: 15 },
      withMic: true,
    });
    expect(bytes.readUInt32LE(28 + 4)).toBe(88); // DomainName right after the MIC
    const a = decodeNtlmAuthenticate(bytes);
    expect(a.userName).toBe('Üser');
    expect(a.mic).toEqual(Buffer.alloc(16));
    expect(a.ntChallengeResponse).toEqual(Buffer.alloc(60, 7));
  });
});

describe('NEGOTIATE', () => {
  it('decodes the one Windows sent in the SMB 3.1.1 example', () => {
    const n = decodeNtlmNegotiate(
      h('4E544C4D5353500001000000978208E200000000000000000000000000000000060380250000000F'),
    );
    expect(n.flags >>> 0).toBe(0xe2088297);
    expect(n.version).toEqual({
      productMajorVersion: 6,
      productMinorVersion: 3,
      productBuild: 9600,
      ntlmRevisionCurrent: 15,
    });
  });

  it('decodes a short ntlm@0.1-style NEGOTIATE with OEM domain and workstation', () => {
    const n = decodeNtlmNegotiate(
      h('4e544c4d53535000 01000000 03b20000', '03000300 20000000', '02000200 23000000', '444f4d', '5753'),
    );
    expect(n).toEqual({ flags: 0xb203, domainName: 'DOM', workstation: 'WS' });
  });

  it('round-trips through the encoder', () => {
    const bytes = encodeNtlmNegotiate({ flags: 0x00088207, domainName: 'D', workstation: 'W' });
    expect(ntlmMessageType(bytes)).toBe(1);
    expect(decodeNtlmNegotiate(bytes)).toEqual({ flags: 0x00088207, domainName: 'D', workstation: 'W' });
  });
});

describe('AV pairs', () => {
  it('encode appends MsvAvEOL; decode stops at it', () => {
    const bytes = encodeAvPairs([{ id: MsvAv.MsvAvTimestamp, value: Buffer.alloc(8, 1) }]);
    expect(bytes.toString('hex')).toBe('07000800' + '01'.repeat(8) + '00000000');
    expect(decodeAvPairs(Buffer.concat([bytes, Buffer.from('ffff')]))).toEqual([
      { id: MsvAv.MsvAvTimestamp, value: Buffer.alloc(8, 1) },
    ]);
  });
});

describe('malformed input', () => {
  it.each([
    ['not NTLMSSP', h('4e544c4d53535001 03000000')],
    [
      'wrong message type',
      Buffer.concat([specAuthenticate.subarray(0, 8), h('02000000'), specAuthenticate.subarray(12)]),
    ],
    [
      'field beyond the end',
      Buffer.concat([specAuthenticate.subarray(0, 52), h('10001000 ff000000'), specAuthenticate.subarray(60)]),
    ],
    [
      'payload overlapping the header',
      Buffer.concat([specAuthenticate.subarray(0, 28), h('0c000c00 10000000'), specAuthenticate.subarray(36)]),
    ],
    [
      'odd-length UTF-16 user name',
      Buffer.concat([specAuthenticate.subarray(0, 36), h('07000700 54000000'), specAuthenticate.subarray(44)]),
    ],
  ])('AUTHENTICATE: %s -> MalformedPacketError', (_name, bytes) => {
    expect(() => decodeNtlmAuthenticate(bytes)).toThrow(MalformedPacketError);
  });

  it('every truncation of the example messages throws MalformedPacketError, nothing else', () => {
    for (const [decode, msg] of [
      [decodeNtlmAuthenticate, specAuthenticate],
      [decodeNtlmChallenge, specChallenge],
    ] as const) {
      for (let n = 0; n < msg.length; n++) {
        try {
          decode(msg.subarray(0, n));
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedPacketError);
        }
      }
    }
  });

  it('a truncated AV pair list throws MalformedPacketError', () => {
    expect(() => decodeAvPairs(h('0200 0c00 4400'))).toThrow(MalformedPacketError);
  });
});
