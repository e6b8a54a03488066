// SPNEGO DER against tokens Windows sent (Microsoft's SMB 3.1.1 key-derivation example) and a
// hand-annotated NegTokenInit2.
import { MalformedPacketError } from '../../../lib/common/errors';
import {
  KERBEROS_V5_OID,
  NTLMSSP_OID,
  NegState,
  decodeSpnegoToken,
  encodeMechTypeList,
  encodeNegTokenInit,
  encodeNegTokenInit2,
  encodeNegTokenResp,
} from '../../../lib/auth/spnego';

const h = (...parts: string[]): Buffer => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');

const windowsNegTokenInit = h(
  '6048 06062B0601050502', // [APPLICATION 0] { OID spnego
  'A03E 303C', // [0] NegTokenInit SEQUENCE
  'A00E 300C 060A2B06010401823702020A', // mechTypes [0] { NTLMSSP }
  'A22A 0428 4E544C4D5353500001000000978208E200000000000000000000000000000000060380250000000F', // mechToken [2]
);
const windowsFinalResp = h(
  'A11B 3019', // [1] NegTokenResp SEQUENCE
  'A003 0A0100', // negState [0] accept-completed
  'A312 0410 010000003B453CDC3524164200000000', // mechListMIC [3]
);

describe('decodeSpnegoToken', () => {
  it('decodes a Windows NegTokenInit and keeps the MechTypeList DER', () => {
    const t = decodeSpnegoToken(windowsNegTokenInit);
    if (t.kind !== 'init') throw new Error('expected init');
    expect(t.init.mechTypes).toEqual([NTLMSSP_OID]);
    expect(t.init.mechTypesDer.toString('hex')).toBe('300c060a2b06010401823702020a');
    expect(t.init.mechToken?.subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(t.init.mechListMIC).toBeUndefined();
  });

  it('decodes a Windows NegTokenResp carrying a CHALLENGE', () => {
    const t = decodeSpnegoToken(
      h(
        'A181B03081ADA0030A0101A10C060A2B06010401823702020AA281970481944E544C4D53535000020000000C000C0038',
        '00000015828AE20D1D8BA31179D008000000000000000050005000440000000A0092270000000F53',
        '005500540033003100310002000C0053005500540033003100310001000C00530055005400330031',
        '00310004000C0053005500540033003100310003000C0053005500540033003100310007000800A1',
        'A1F5ADCBAED00100000000',
      ),
    );
    if (t.kind !== 'resp') throw new Error('expected resp');
    expect(t.resp.negState).toBe(NegState.ACCEPT_INCOMPLETE);
    expect(t.resp.supportedMech).toBe(NTLMSSP_OID);
    expect(t.resp.responseToken).toHaveLength(0x94);
  });

  it('decodes the final accept-completed with its mechListMIC', () => {
    const t = decodeSpnegoToken(windowsFinalResp);
    expect(t).toEqual({ kind: 'resp', resp: { negState: 0, mechListMIC: h('010000003B453CDC3524164200000000') } });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['garbage', h('ffffffff')],
    ['truncated', windowsNegTokenInit.subarray(0, 40)],
    ['trailing bytes', Buffer.concat([windowsFinalResp, h('00')])],
    ['wrong thisMech', h('600d 0606 2b0601050503 a003 3001 00')],
    ['NegTokenInit without mechTypes', h('6010 06062B0601050502 A006 3004 A2020400')],
    ['negState not ENUMERATED', h('A107 3005 A003 020100')],
    ['a bare SEQUENCE', h('3000')],
  ])('%s -> MalformedPacketError', (_name, bytes) => {
    expect(() => decodeSpnegoToken(bytes)).toThrow(MalformedPacketError);
  });

  it('never throws anything but MalformedPacketError on truncations', () => {
    for (let n = 0; n < windowsNegTokenInit.length; n++) {
      try {
        decodeSpnegoToken(windowsNegTokenInit.subarray(0, n));
      } catch (e) {
        expect(e).toBeInstanceOf(MalformedPacketError);
      }
    }
  });
});

describe('encoders', () => {
  it('NegTokenInit2 with the "not_defined_in_RFC4178@please_ignore" hint', () => {
    const hint = Buffer.from('not_defined_in_RFC4178@please_ignore', 'latin1').toString('hex');
    expect(encodeNegTokenInit2([NTLMSSP_OID]).toString('hex')).toBe(
      [
        '6048 06062b0601050502', // [APPLICATION 0] { SPNEGO OID
        'a03e 303c', // [0] NegTokenInit2 SEQUENCE
        'a00e 300c 060a2b06010401823702020a', // mechTypes [0] { NTLMSSP }
        'a32a 3028 a026 1b24', // negHints [3] SEQUENCE { hintName [0] GeneralString(36)
        hint,
      ]
        .join('')
        .replace(/\s+/g, ''),
    );
  });

  it('NegTokenResp accept-completed + mechListMIC is byte-identical to Windows', () => {
    expect(
      encodeNegTokenResp({ negState: NegState.ACCEPT_COMPLETED, mechListMIC: h('010000003B453CDC3524164200000000') }),
    ).toEqual(windowsFinalResp);
  });

  it('NegTokenInit with one mech and a token is byte-identical to Windows', () => {
    const token = h('4E544C4D5353500001000000978208E200000000000000000000000000000000060380250000000F');
    expect(encodeNegTokenInit({ mechTypes: [NTLMSSP_OID], mechToken: token })).toEqual(windowsNegTokenInit);
  });

  it('MechTypeList DER', () => {
    expect(encodeMechTypeList([KERBEROS_V5_OID, NTLMSSP_OID]).toString('hex')).toBe(
      '3017' + '06092a864886f712010202' + '060a2b06010401823702020a',
    );
  });

  it('round-trips a NegTokenResp with every field', () => {
    const resp = {
      negState: NegState.REQUEST_MIC,
      supportedMech: NTLMSSP_OID,
      responseToken: Buffer.alloc(300, 1),
      mechListMIC: Buffer.alloc(16, 2),
    };
    expect(decodeSpnegoToken(encodeNegTokenResp(resp))).toEqual({ kind: 'resp', resp });
  });
});
