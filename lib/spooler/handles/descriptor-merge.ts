/**
 * SetPrinter with a security descriptor that does not carry every part ([MS-RPRN] 3.1.4.2.5
 * RpcSetPrinter, PRINTER_INFO_3 2.2.1.10.4 / PRINTER_INFO_2's pSecurityDescriptor): the parts the
 * client's descriptor has replace the stored ones, the others are kept from the stored descriptor.
 * A part is carried when ([MS-DTYP] 2.4.6):
 *   owner  OffsetOwner != 0                    group  OffsetGroup != 0
 *   DACL   SE_DACL_PRESENT (OffsetDacl 0 = a NULL DACL, which replaces the stored one as such)
 *   SACL   SE_SACL_PRESENT and OffsetSacl != 0 (a NULL SACL leaves the stored one)
 * as Microsoft documents it for a printer's descriptor (Win32_Printer.SetSecurityDescriptor:
 * SE_DACL_PRESENT / SE_SACL_PRESENT say whether the DACL / SACL are updated, a non-NULL owner or
 * group is set, a NULL SACL leaves the SACL unchanged). Each part carries its own Control bits
 * (DEFAULTED, AUTO_INHERIT_REQ, AUTO_INHERITED, PROTECTED); the rest of Control is the client's.
 * Samba's sec_desc_merge takes owner, group and DACL the same way (docs/spooler-decisions.md) but
 * drops the SACL; DEVIATION from Samba: the SACL is applied here, as documented for Windows.
 *
 * The parts are copied as bytes (ACEs of every type, their order and flags stay), laid out as
 *   Revision 1 | Sbz1 1 | Control 2 | OffsetOwner 4 | OffsetGroup 4 | OffsetSacl 4 | OffsetDacl 4
 *   then SACL, DACL, Owner SID, Group SID
 * A client descriptor with every part, or whose missing parts the stored one lacks too, is kept
 * byte for byte.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { SE_DACL_PRESENT, SE_SACL_PRESENT, SE_SELF_RELATIVE } from '../../common/security-descriptor';

/** [MS-DTYP] 2.4.6 Control bits that belong to one part. */
const SE_OWNER_DEFAULTED = 0x0001;
const SE_GROUP_DEFAULTED = 0x0002;
const SE_DACL_DEFAULTED = 0x0008;
const SE_SACL_DEFAULTED = 0x0020;
const SE_DACL_AUTO_INHERIT_REQ = 0x0100;
const SE_SACL_AUTO_INHERIT_REQ = 0x0200;
const SE_DACL_AUTO_INHERITED = 0x0400;
const SE_SACL_AUTO_INHERITED = 0x0800;
const SE_DACL_PROTECTED = 0x1000;
const SE_SACL_PROTECTED = 0x2000;

const HEADER_SIZE = 20;

type PartName = 'owner' | 'group' | 'sacl' | 'dacl';
/** MakeSelfRelativeSD's order, as Windows stores a printer's descriptor. */
const PART_ORDER: readonly PartName[] = ['sacl', 'dacl', 'owner', 'group'];

const PART_CONTROL: Readonly<Record<PartName, number>> = {
  owner: SE_OWNER_DEFAULTED,
  group: SE_GROUP_DEFAULTED,
  sacl: SE_SACL_PRESENT | SE_SACL_DEFAULTED | SE_SACL_AUTO_INHERIT_REQ | SE_SACL_AUTO_INHERITED | SE_SACL_PROTECTED,
  dacl: SE_DACL_PRESENT | SE_DACL_DEFAULTED | SE_DACL_AUTO_INHERIT_REQ | SE_DACL_AUTO_INHERITED | SE_DACL_PROTECTED,
};

interface Part {
  /** The part's bytes; empty for a NULL DACL (present, offset 0). */
  readonly bytes: Buffer;
  readonly control: number;
}

interface DescriptorParts {
  readonly control: number;
  readonly parts: Partial<Record<PartName, Part>>;
}

/** A SID's length: 8 + 4 per sub-authority ([MS-DTYP] 2.4.2.2). */
function sidAt(buf: Buffer, at: number): Buffer {
  const count = new BufferReader(buf, at + 1).u8('Sid.SubAuthorityCount');
  return Buffer.from(new BufferReader(buf, at).bytes(8 + 4 * count, 'Sid'));
}

/** An ACL's bytes: AclSize from its header ([MS-DTYP] 2.4.5). */
function aclAt(buf: Buffer, at: number): Buffer {
  const size = new BufferReader(buf, at + 2).u16('Acl.AclSize');
  return Buffer.from(new BufferReader(buf, at).bytes(size, 'Acl'));
}

/** The parts of a self-relative descriptor that decoded (parseClientDescriptor checked it). */
function splitDescriptor(buf: Buffer): DescriptorParts {
  const r = new BufferReader(buf, 2);
  const control = r.u16('Control');
  const ownerAt = r.u32('OffsetOwner');
  const groupAt = r.u32('OffsetGroup');
  const saclAt = r.u32('OffsetSacl');
  const daclAt = r.u32('OffsetDacl');
  const parts: Partial<Record<PartName, Part>> = {};
  const own = (name: PartName): number => control & PART_CONTROL[name];
  if (ownerAt !== 0) parts.owner = { bytes: sidAt(buf, ownerAt), control: own('owner') };
  if (groupAt !== 0) parts.group = { bytes: sidAt(buf, groupAt), control: own('group') };
  if ((control & SE_SACL_PRESENT) !== 0 && saclAt !== 0)
    parts.sacl = { bytes: aclAt(buf, saclAt), control: own('sacl') };
  if ((control & SE_DACL_PRESENT) !== 0)
    parts.dacl = { bytes: daclAt === 0 ? Buffer.alloc(0) : aclAt(buf, daclAt), control: own('dacl') };
  return { control, parts };
}

function joinDescriptor(control: number, parts: Partial<Record<PartName, Part>>): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  const body: Buffer[] = [];
  let offset = HEADER_SIZE;
  const offsets: Record<PartName, number> = { owner: 0, group: 0, sacl: 0, dacl: 0 };
  for (const name of PART_ORDER) {
    const part = parts[name];
    if (part === undefined || part.bytes.length === 0) continue;
    offsets[name] = offset;
    body.push(part.bytes);
    offset += part.bytes.length;
  }
  header.writeUInt8(1, 0);
  header.writeUInt16LE(control, 2);
  header.writeUInt32LE(offsets.owner, 4);
  header.writeUInt32LE(offsets.group, 8);
  header.writeUInt32LE(offsets.sacl, 12);
  header.writeUInt32LE(offsets.dacl, 16);
  return Buffer.concat([header, ...body]);
}

/**
 * The descriptor a printer (or the server) keeps after SetPrinter sent `client`: the client's parts
 * over the `stored` ones. Both have been decoded first (parseClientDescriptor, the store's reading).
 */
export function mergeSecurityDescriptor(client: Buffer, stored: Buffer): Buffer {
  const next = splitDescriptor(client);
  const old = splitDescriptor(stored);
  let control = next.control & ~(PART_CONTROL.owner | PART_CONTROL.group | PART_CONTROL.sacl | PART_CONTROL.dacl);
  const parts: Partial<Record<PartName, Part>> = {};
  let kept = false;
  for (const name of PART_ORDER) {
    const part = next.parts[name] ?? old.parts[name];
    if (part === undefined) continue;
    if (next.parts[name] === undefined) kept = true;
    parts[name] = part;
    control |= part.control;
  }
  return kept ? joinDescriptor((control | SE_SELF_RELATIVE) & 0xffff, parts) : client;
}
