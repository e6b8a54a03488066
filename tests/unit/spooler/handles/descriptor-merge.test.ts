import { decodeSecurityDescriptor } from '../../../../lib/common/security-descriptor';
import { mergeSecurityDescriptor } from '../../../../lib/spooler/handles/descriptor-merge';
import { sdBytes, type TestAce } from '../../../helpers/sd-bytes';

const SACL: TestAce[] = [{ type: 2, flags: 0x80, mask: 0x000f000c, sid: 'S-1-1-0' }];
const DACL: TestAce[] = [
  { type: 1, flags: 0, mask: 0x8, sid: 'S-1-5-21-1-2-3-1000' },
  { type: 0, flags: 0x09, mask: 0x10000000, sid: 'S-1-3-0' },
  { type: 0, flags: 0, mask: 0x000f000c, sid: 'S-1-5-32-544' },
];
const STORED = sdBytes({ sacl: SACL, dacl: DACL, owner: 'S-1-5-18', group: 'S-1-5-18' });
const control = (sd: Buffer): number => sd.readUInt16LE(2);
const withControl = (sd: Buffer, bits: number): Buffer => {
  const out = Buffer.from(sd);
  out.writeUInt16LE(control(sd) | bits, 2);
  return out;
};

describe('mergeSecurityDescriptor (SetPrinter with a partial descriptor)', () => {
  it('an owner-only descriptor sets the owner and keeps the stored group, SACL and DACL bytes', () => {
    const merged = mergeSecurityDescriptor(sdBytes({ owner: 'S-1-5-32-544' }), STORED);
    expect(merged).toEqual(sdBytes({ sacl: SACL, dacl: DACL, owner: 'S-1-5-32-544', group: 'S-1-5-18' }));
    expect(decodeSecurityDescriptor(merged)).toMatchObject({ owner: 'S-1-5-32-544', group: 'S-1-5-18' });
  });

  it('a DACL-only descriptor replaces the DACL and keeps owner, group and SACL', () => {
    const dacl: TestAce[] = [{ type: 0, flags: 0, mask: 0x20000000, sid: 'S-1-1-0' }];
    const merged = mergeSecurityDescriptor(sdBytes({ dacl }), STORED);
    expect(merged).toEqual(sdBytes({ sacl: SACL, dacl, owner: 'S-1-5-18', group: 'S-1-5-18' }));
  });

  it('a group and SACL descriptor replaces those two only', () => {
    const sacl: TestAce[] = [{ type: 2, flags: 0x40, mask: 0x8, sid: 'S-1-5-11' }];
    const merged = mergeSecurityDescriptor(sdBytes({ sacl, group: 'S-1-5-32-545' }), STORED);
    expect(merged).toEqual(sdBytes({ sacl, dacl: DACL, owner: 'S-1-5-18', group: 'S-1-5-32-545' }));
  });

  it('a complete descriptor is kept as the client sent it, whatever its layout', () => {
    const client = Buffer.from(STORED);
    client.writeUInt32LE(0x11223344, client.readUInt32LE(12) + 12); // another SACL mask
    expect(mergeSecurityDescriptor(client, STORED)).toBe(client);
    // No SACL on either side: nothing is taken from the stored one.
    const noSacl = sdBytes({ dacl: DACL, owner: 'S-1-5-18', group: 'S-1-5-18' });
    const client2 = sdBytes({ dacl: DACL.slice(1), owner: 'S-1-5-32-544', group: 'S-1-5-18' });
    expect(mergeSecurityDescriptor(client2, noSacl)).toBe(client2);
  });

  it("each part keeps its own Control bits: a kept DACL stays protected, the client's DACL bits go with its DACL", () => {
    const SE_DACL_PROTECTED = 0x1000;
    const SE_DACL_AUTO_INHERITED = 0x0400;
    const SE_OWNER_DEFAULTED = 0x0001;
    const stored = withControl(STORED, SE_DACL_PROTECTED | SE_OWNER_DEFAULTED);
    const ownerOnly = mergeSecurityDescriptor(sdBytes({ owner: 'S-1-5-32-544' }), stored);
    expect(control(ownerOnly)).toBe(0x8000 | 0x10 | 0x04 | SE_DACL_PROTECTED);
    const daclOnly = mergeSecurityDescriptor(withControl(sdBytes({ dacl: DACL }), SE_DACL_AUTO_INHERITED), stored);
    expect(control(daclOnly)).toBe(0x8000 | 0x10 | 0x04 | SE_DACL_AUTO_INHERITED | SE_OWNER_DEFAULTED);
  });

  it('a NULL DACL (SE_DACL_PRESENT, no offset) replaces the stored DACL and stays NULL', () => {
    const client = sdBytes({ owner: 'S-1-5-32-544' });
    client.writeUInt16LE(0x8004, 2);
    const merged = mergeSecurityDescriptor(client, STORED);
    expect(merged.readUInt32LE(16)).toBe(0);
    expect(control(merged) & 0x0004).toBe(0x0004);
    const sd = decodeSecurityDescriptor(merged);
    expect(sd.dacl).toBeUndefined();
    expect(sd).toMatchObject({ owner: 'S-1-5-32-544', group: 'S-1-5-18' });
  });

  it('a NULL SACL (SE_SACL_PRESENT, no offset) leaves the stored SACL', () => {
    const client = sdBytes({ dacl: DACL.slice(2), owner: 'S-1-5-32-544', group: 'S-1-5-32-544' });
    client.writeUInt16LE(control(client) | 0x10, 2);
    const merged = mergeSecurityDescriptor(client, STORED);
    expect(merged).toEqual(sdBytes({ sacl: SACL, dacl: DACL.slice(2), owner: 'S-1-5-32-544', group: 'S-1-5-32-544' }));
  });

  it('an empty descriptor over a stored one without a part keeps the part absent', () => {
    const stored = sdBytes({ dacl: DACL });
    const merged = mergeSecurityDescriptor(sdBytes({ owner: 'S-1-5-32-544' }), stored);
    expect(merged).toEqual(sdBytes({ dacl: DACL, owner: 'S-1-5-32-544' }));
  });
});
