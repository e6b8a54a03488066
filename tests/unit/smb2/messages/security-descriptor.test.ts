import { encodeSecurityDescriptor } from '../../../../lib/smb2/messages/security-descriptor';
import { hex } from '../fixtures';

describe('self-relative security descriptor ([MS-DTYP] 2.4.6)', () => {
  it('lays out owner, group and a DACL with offsets from the descriptor start', () => {
    const sd = encodeSecurityDescriptor({
      owner: 'S-1-5-32-544',
      group: 'S-1-5-18',
      dacl: [{ sid: 'S-1-1-0', mask: 0x001200a9, flags: 0 }],
    });
    expect(sd).toEqual(
      hex(`
        01 00 0480                       # Revision 1, Sbz1, Control SE_SELF_RELATIVE|SE_DACL_PRESENT
        14000000 24000000 00000000 30000000  # OffsetOwner 20, OffsetGroup 36, OffsetSacl 0, OffsetDacl 48
        01 02 000000000005 20000000 20020000 # S-1-5-32-544
        01 01 000000000005 12000000          # S-1-5-18
        02 00 1c00 0100 0000                 # ACL revision 2, AclSize 28, AceCount 1
        00 00 1400 a9001200                  # ACCESS_ALLOWED_ACE, AceSize 20, Mask
        01 01 000000000001 00000000          # S-1-1-0
      `),
    );
  });

  it('leaves out the parts not asked for', () => {
    expect(encodeSecurityDescriptor({ owner: 'S-1-1-0' })).toEqual(
      hex('01 00 0080 14000000 00000000 00000000 00000000 01 01 000000000001 00000000'),
    );
  });
});
