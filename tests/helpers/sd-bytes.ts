/**
 * A dumb builder of self-relative SECURITY_DESCRIPTOR bytes ([MS-DTYP] 2.4.6) for tests,
 * independent of lib/common/security-descriptor.ts: parts laid out as Windows' MakeSelfRelativeSD
 * does (SACL, DACL, owner, group), any ACE type, any flags.
 */

export interface TestAce {
  readonly type: number;
  readonly flags: number;
  readonly mask: number;
  readonly sid: string;
}

export function sidBytes(sid: string): Buffer {
  const [, rev, auth, ...subs] = sid.split('-');
  const out = Buffer.alloc(8 + 4 * subs.length);
  out[0] = Number(rev);
  out[1] = subs.length;
  out.writeUIntBE(Number(auth), 2, 6);
  subs.forEach((s, i) => out.writeUInt32LE(Number(s), 8 + 4 * i));
  return out;
}

function aclBytes(aces: readonly TestAce[]): Buffer {
  const body = aces.map((a) => {
    const sid = sidBytes(a.sid);
    const ace = Buffer.alloc(8);
    ace[0] = a.type;
    ace[1] = a.flags;
    ace.writeUInt16LE(8 + sid.length, 2);
    ace.writeUInt32LE(a.mask >>> 0, 4);
    return Buffer.concat([ace, sid]);
  });
  const head = Buffer.alloc(8);
  head[0] = 2; // ACL_REVISION
  head.writeUInt16LE(8 + body.reduce((n, b) => n + b.length, 0), 2);
  head.writeUInt16LE(aces.length, 4);
  return Buffer.concat([head, ...body]);
}

export function sdBytes(parts: {
  owner?: string;
  group?: string;
  sacl?: readonly TestAce[];
  dacl?: readonly TestAce[];
}): Buffer {
  const head = Buffer.alloc(20);
  head[0] = 1;
  // SE_SELF_RELATIVE | SE_SACL_PRESENT? | SE_DACL_PRESENT?
  head.writeUInt16LE(0x8000 | (parts.sacl ? 0x10 : 0) | (parts.dacl ? 0x04 : 0), 2);
  const chunks: Buffer[] = [head];
  let at = 20;
  const put = (field: number, bytes: Buffer): void => {
    head.writeUInt32LE(at, field);
    chunks.push(bytes);
    at += bytes.length;
  };
  if (parts.sacl) put(12, aclBytes(parts.sacl));
  if (parts.dacl) put(16, aclBytes(parts.dacl));
  if (parts.owner) put(4, sidBytes(parts.owner));
  if (parts.group) put(8, sidBytes(parts.group));
  return Buffer.concat(chunks);
}
