// Kerberos codecs on annotated bytes written by hand from RFC 4120's ASN.1 (never by our writer):
// decode, encode and the typed errors of bad input.
import { decodeApReqBytes, decodeEncApRepPart, encodeEncApRepPart } from '../../../../lib/auth/kerberos/ap-messages';
import { der, parseDer } from '../../../../lib/auth/kerberos/der';
import {
  decodeGssAuthenticatorChecksum,
  decodeGssKrb5Token,
  encodeGssAuthenticatorChecksum,
  encodeGssKrb5Token,
  GssTokenId,
  KRB5_OID,
  MS_KRB5_OID,
} from '../../../../lib/auth/kerberos/gss-token';
import { decodeKrbError, encodeKrbError } from '../../../../lib/auth/kerberos/krb-error';
import { kdcsFromKrb5Conf } from '../../../../lib/auth/kerberos/krb5-conf';
import { MalformedPacketError } from '../../../../lib/common/errors';

const h = (s: string): Buffer => Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex');

// KRB-ERROR: KRB_AP_ERR_SKEW for cifs/ntprint.pp.test@PP.TEST at 2026-12-04 21:00:00.250 UTC.
const KRB_ERROR = h(`
  7e 5a                                   # [APPLICATION 30], 90 bytes
    30 58                                 # SEQUENCE, 88 bytes
      a0 03 02 01 05                      # pvno [0] INTEGER 5
      a1 03 02 01 1e                      # msg-type [1] INTEGER 30
      a4 11 18 0f 32303236313230343231303030305a   # stime [4] GeneralizedTime "20261204210000Z"
      a5 05 02 03 03 d0 90                # susec [5] INTEGER 250000
      a6 03 02 01 25                      # error-code [6] INTEGER 37 (KRB_AP_ERR_SKEW)
      a9 09 1b 07 50502e54455354          # realm [9] GeneralString "PP.TEST"
      aa 22 30 20                         # sname [10] PrincipalName
        a0 03 02 01 02                    #   name-type [0] NT-SRV-INST
        a1 19 30 17                       #   name-string [1] SEQUENCE OF
          1b 04 63696673                  #     "cifs"
          1b 0f 6e747072696e742e70702e74657374   # "ntprint.pp.test"
`);

describe('KRB-ERROR', () => {
  const message = {
    stime: new Date('2026-12-04T21:00:00Z'),
    susec: 250000,
    errorCode: 37,
    realm: 'PP.TEST',
    sname: { nameType: 2, nameString: ['cifs', 'ntprint.pp.test'] },
  };

  it('decodes the annotated bytes', () => {
    expect(decodeKrbError(parseDer(KRB_ERROR, 'KRB-ERROR'))).toEqual(message);
  });

  it('encodes to the same bytes', () => {
    expect(der(encodeKrbError(message)).toString('hex')).toBe(KRB_ERROR.toString('hex'));
  });

  it('refuses a wrong version, a missing member, members out of order and trailing bytes', () => {
    const wrongPvno = Buffer.from(KRB_ERROR);
    wrongPvno[8] = 4;
    expect(() => decodeKrbError(parseDer(wrongPvno, 'KRB-ERROR'))).toThrow(/version 4/);
    // Without error-code [6]: 5 bytes fewer.
    const noCode = Buffer.concat([h('7e55 3053'), KRB_ERROR.subarray(4, 40), KRB_ERROR.subarray(45)]);
    expect(() => decodeKrbError(parseDer(noCode, 'KRB-ERROR'))).toThrow(/missing error-code/);
    const swapped = Buffer.concat([
      KRB_ERROR.subarray(0, 4),
      KRB_ERROR.subarray(9, 14),
      KRB_ERROR.subarray(4, 9),
      KRB_ERROR.subarray(14),
    ]);
    expect(() => decodeKrbError(parseDer(swapped, 'KRB-ERROR'))).toThrow(/out of order/);
    expect(() => parseDer(Buffer.concat([KRB_ERROR, h('00')]), 'KRB-ERROR')).toThrow(/trailing/);
  });

  it('throws only MalformedPacketError for every truncation and every single-byte change of the header', () => {
    for (let cut = 0; cut < KRB_ERROR.length; cut++) {
      expect(() => decodeKrbError(parseDer(KRB_ERROR.subarray(0, cut), 'KRB-ERROR'))).toThrow(MalformedPacketError);
    }
    for (let i = 0; i < 12; i++) {
      const b = Buffer.from(KRB_ERROR);
      b[i] = b[i]! ^ 0x40;
      try {
        decodeKrbError(parseDer(b, 'KRB-ERROR'));
      } catch (e) {
        expect(e).toBeInstanceOf(MalformedPacketError);
      }
    }
  });
});

describe('EncAPRepPart', () => {
  const BYTES = h(`
    7b 1f 30 1d                           # [APPLICATION 27] SEQUENCE
      a0 11 18 0f 32303236313230343231303030305a   # ctime [0] "20261204210000Z"
      a1 03 02 01 07                      # cusec [1] 7
      a3 03 02 01 2a                      # seq-number [3] 42
  `);
  it('decodes and encodes the annotated bytes', () => {
    const part = { ctime: new Date('2026-12-04T21:00:00Z'), cusec: 7, seqNumber: 42 };
    expect(decodeEncApRepPart(BYTES)).toEqual(part);
    expect(encodeEncApRepPart(part).toString('hex')).toBe(BYTES.toString('hex'));
  });
  it('refuses microseconds out of range and fractional times', () => {
    const badUsec = h('7b 21 30 1f a0 11 18 0f 32303236313230343231303030305a a1 05 02 03 0f4240 a3 03 02 01 2a');
    expect(() => decodeEncApRepPart(badUsec)).toThrow(/out of range/);
    const fraction = h('7b 21 30 1f a0 13 18 11 32303236313230343231303030302e355a a1 03 02 01 07 a3 03 02 01 2a');
    expect(() => decodeEncApRepPart(fraction)).toThrow(/YYYYMMDDHHMMSSZ/);
  });
});

describe('GSS krb5 framing (RFC 1964 1.1)', () => {
  const apRep = h('6f 03 02 01 05'); // stands for a DER message
  const FRAMED = h(`
    60 12                                 # [APPLICATION 0], 18 bytes
      06 09 2a864886f712010202            # thisMech 1.2.840.113554.1.2.2
      02 00                               # TOK_ID KRB_AP_REP
      6f 03 02 01 05                      # the message
  `);
  it('frames and unframes under both OIDs', () => {
    expect(encodeGssKrb5Token(KRB5_OID, GssTokenId.KRB_AP_REP, apRep).toString('hex')).toBe(FRAMED.toString('hex'));
    expect(decodeGssKrb5Token(FRAMED)).toEqual({ mechOid: KRB5_OID, tokenId: 0x0200, message: apRep });
    const ms = encodeGssKrb5Token(MS_KRB5_OID, GssTokenId.KRB_AP_REQ, apRep);
    expect(ms.subarray(4, 13).toString('hex')).toBe('2a864882f712010202');
    expect(decodeGssKrb5Token(ms).mechOid).toBe(MS_KRB5_OID);
  });
  it('refuses another mechanism, a wrong length and a missing message', () => {
    const ntlm = h('60 11 06 0a 2b0601040182370202 0a 0100 6f030201 05');
    expect(() => decodeGssKrb5Token(ntlm)).toThrow(MalformedPacketError);
    expect(() => decodeGssKrb5Token(Buffer.concat([FRAMED, h('00')]))).toThrow(/length/);
    expect(() => decodeGssKrb5Token(h('60 0d 06 09 2a864886f712010202 0200'))).toThrow(/no Kerberos message/);
    expect(() => decodeApReqBytes(apRep)).toThrow(MalformedPacketError);
  });
});

describe('GSS authenticator checksum (RFC 4121 4.1.1)', () => {
  const BYTES = h(`
    10000000                              # Lgth 16 (little-endian)
    00000000000000000000000000000000      # Bnd: no channel bindings
    3e000000                              # Flags MUTUAL|REPLAY|SEQUENCE|CONF|INTEG
  `);
  it('encodes and decodes', () => {
    expect(encodeGssAuthenticatorChecksum(0x3e).toString('hex')).toBe(BYTES.toString('hex'));
    expect(decodeGssAuthenticatorChecksum(BYTES)).toEqual({ channelBindingHash: Buffer.alloc(16), flags: 0x3e });
    expect(() => decodeGssAuthenticatorChecksum(h('0c000000'))).toThrow(/Lgth 12/);
    expect(() => decodeGssAuthenticatorChecksum(BYTES.subarray(0, 20))).toThrow(MalformedPacketError);
  });
});

describe('krb5.conf', () => {
  const conf = `
[libdefaults]
  default_realm = PP.TEST
[realms]
  PP.TEST = {
    kdc = 127.0.0.1:18888
    kdc = kdc2.pp.test  # default port
    admin_server = 127.0.0.1:749
    auth_to_local = {
      kdc = not-a-kdc
    }
  }
  OTHER.TEST = {
    kdc = [::1]:99
  }
`;
  it('lists the realm KDCs, nothing from nested or other blocks', () => {
    expect(kdcsFromKrb5Conf(conf, 'PP.TEST')).toEqual([
      { host: '127.0.0.1', port: 18888 },
      { host: 'kdc2.pp.test', port: 88 },
    ]);
    expect(kdcsFromKrb5Conf(conf, 'OTHER.TEST')).toEqual([{ host: '::1', port: 99 }]);
    expect(kdcsFromKrb5Conf(conf, 'NONE')).toEqual([]);
  });
});
