import { MalformedPacketError } from '../../../lib/common/errors';
import {
  ACCESS_DENIED_ACE_TYPE,
  decodeSecurityDescriptor,
  encodeSecurityDescriptor,
} from '../../../lib/common/security-descriptor';

// Annotated bytes of O:SY G:SY D:(D;;0x20008;;;WD)(A;OIIO;0xf0030;;;S-1-3-0), laid out by hand.
const HEX = [
  '01 00 04 80', // revision 1, sbz1, control SE_SELF_RELATIVE | SE_DACL_PRESENT
  '14 00 00 00', // owner at 20
  '20 00 00 00', // group at 32
  '00 00 00 00', // no SACL
  '2c 00 00 00', // DACL at 44
  '01 01 00 00 00 00 00 05 12 00 00 00', // S-1-5-18
  '01 01 00 00 00 00 00 05 12 00 00 00', // S-1-5-18
  '02 00 30 00 02 00 00 00', // ACL revision 2, size 48, 2 ACEs
  '01 00 14 00 08 00 02 00', // ACCESS_DENIED, no flags, 20 bytes, mask 0x00020008
  '01 01 00 00 00 00 00 01 00 00 00 00', // S-1-1-0
  '00 09 14 00 30 00 0f 00', // ACCESS_ALLOWED, OI|IO, 20 bytes, mask 0x000f0030
  '01 01 00 00 00 00 00 03 00 00 00 00', // S-1-3-0
].join(' ');
const BYTES = Buffer.from(HEX.replace(/ /g, ''), 'hex');

const SD = {
  owner: 'S-1-5-18',
  group: 'S-1-5-18',
  dacl: [
    { type: ACCESS_DENIED_ACE_TYPE, flags: 0, mask: 0x20008, sid: 'S-1-1-0' },
    { type: 0, flags: 0x09, mask: 0xf0030, sid: 'S-1-3-0' },
  ],
};

describe('security descriptor codec ([MS-DTYP] 2.4.6)', () => {
  it('encodes allow and deny ACEs as laid out by hand', () => {
    expect(encodeSecurityDescriptor(SD).toString('hex')).toBe(BYTES.toString('hex'));
  });

  it('decodes the hand-laid bytes', () => {
    expect(decodeSecurityDescriptor(BYTES)).toEqual(SD);
  });

  it('decodes a domain SID with large sub-authorities', () => {
    const sd = { owner: 'S-1-5-21-4000000000-1-4294967295-1000' };
    expect(decodeSecurityDescriptor(encodeSecurityDescriptor(sd))).toEqual(sd);
  });

  it.each([
    ['truncated', BYTES.subarray(0, 30)],
    [
      'an ACL larger than the buffer',
      Buffer.concat([BYTES.subarray(0, 46), Buffer.from([0xff, 0x00]), BYTES.subarray(48)]),
    ],
    ['an ACE size below 8', Buffer.concat([BYTES.subarray(0, 54), Buffer.from([0x04, 0x00]), BYTES.subarray(56)])],
    ['an absolute descriptor', Buffer.concat([Buffer.from([1, 0, 4, 0]), BYTES.subarray(4)])],
  ])('refuses %s with MalformedPacketError', (_what, bytes) => {
    expect(() => decodeSecurityDescriptor(bytes)).toThrow(MalformedPacketError);
  });

  it('refuses to encode a non-SID', () => {
    expect(() => encodeSecurityDescriptor({ owner: 'S-1-x' })).toThrow(MalformedPacketError);
  });
});
