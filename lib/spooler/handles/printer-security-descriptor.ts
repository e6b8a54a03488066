/**
 * A printer's ACL (printer-security.ts) as the self-relative SECURITY_DESCRIPTOR of
 * PRINTER_INFO_2/3 pSecurityDescriptor ([MS-RPRN] 2.2.1.10.3/2.2.1.10.4, [MS-DTYP] 2.4.6).
 *
 * ACEs per permission ([MS-RPRN] 2.2.3.1 access values; Windows' default printer DACL):
 *   Print            -> PRINTER_EXECUTE (PRINTER_ACCESS_USE | READ_CONTROL), no inheritance
 *   Manage Printer   -> PRINTER_ALL_ACCESS, no inheritance
 *   Manage Documents -> JOB_ALL_ACCESS, OBJECT_INHERIT | INHERIT_ONLY (applies to the jobs), and
 *                       READ_CONTROL, CONTAINER_INHERIT | INHERIT_ONLY
 * Deny ACEs come first (canonical order). Owner and group are LocalSystem, as on Windows.
 *
 * SIDs: Everyone S-1-1-0, CREATOR OWNER S-1-3-0, BUILTIN\Administrators S-1-5-32-544,
 * BUILTIN\Users S-1-5-32-545; the server's own accounts S-1-5-21-<a>-<b>-<c>-<rid>, the machine
 * part derived from the server name (SHA-256), RID 1000 + position in server.json for users,
 * then the other groups the users name, then any other trustee, in order of appearance.
 */
import { createHash } from 'node:crypto';
import {
  ACCESS_ALLOWED_ACE_TYPE,
  ACCESS_DENIED_ACE_TYPE,
  AceFlag,
  WellKnownSid,
  encodeSecurityDescriptor,
  type Ace,
  type SecurityDescriptor,
} from '../../common/security-descriptor';
import { AccessMask } from '../../spoolss/constants';
import { PrinterPermission, WellKnownTrustee, type PrinterAcl } from './printer-security';

export interface SecurityAccount {
  readonly name: string;
  readonly groups: readonly string[];
}

/** The machine SID of a server: S-1-5-21 and three 32-bit numbers from its (upper-cased) name. */
export function machineSid(serverName: string): string {
  const h = createHash('sha256').update(serverName.toUpperCase(), 'utf8').digest();
  return `S-1-5-21-${h.readUInt32LE(0)}-${h.readUInt32LE(4)}-${h.readUInt32LE(8)}`;
}

const FIRST_RID = 1000;

/** Resolves trustee names to SIDs for one server (case-insensitive). */
export class SidResolver {
  private readonly sids = new Map<string, string>();
  /** SID -> the trustee name as first declared. */
  private readonly names = new Map<string, string>();
  private nextRid: number;
  private readonly machine: string;

  constructor(serverName: string, accounts: readonly SecurityAccount[]) {
    this.machine = machineSid(serverName);
    this.add(WellKnownTrustee.EVERYONE, WellKnownSid.EVERYONE);
    this.add(WellKnownTrustee.CREATOR_OWNER, WellKnownSid.CREATOR_OWNER);
    this.add(WellKnownTrustee.ADMINISTRATORS, WellKnownSid.BUILTIN_ADMINISTRATORS);
    this.add('Users', WellKnownSid.BUILTIN_USERS);
    accounts.forEach((a, i) => this.add(a.name, `${this.machine}-${FIRST_RID + i}`));
    this.nextRid = FIRST_RID + accounts.length;
    for (const g of accounts.flatMap((a) => a.groups)) this.sidOf(g);
  }

  sidOf(trustee: string): string {
    // A SID no account stands for (from a client's descriptor) is kept as its own trustee.
    if (/^S-1-\d+(-\d+)*$/i.test(trustee))
      return this.names.has(trustee.toUpperCase()) ? trustee.toUpperCase() : trustee;
    // "NTPRINT\alice" and "alice" are the same account.
    const name = trustee.includes('\\') ? trustee.slice(trustee.lastIndexOf('\\') + 1) : trustee;
    const key = name.toLowerCase();
    const known = this.sids.get(key);
    if (known !== undefined) return known;
    const sid = `${this.machine}-${this.nextRid++}`;
    this.add(name, sid);
    return sid;
  }

  /** The trustee a SID stands for; undefined for a SID this server does not know. */
  nameOf(sid: string): string | undefined {
    return this.names.get(sid.toUpperCase());
  }

  private add(name: string, sid: string): void {
    this.sids.set(name.toLowerCase(), sid);
    if (!this.names.has(sid)) this.names.set(sid, name);
  }
}

const PERMISSION_ACES: Readonly<Record<PrinterPermission, readonly { mask: number; flags: number }[]>> = {
  [PrinterPermission.PRINT]: [{ mask: AccessMask.PRINTER_EXECUTE, flags: 0 }],
  [PrinterPermission.MANAGE_PRINTER]: [{ mask: AccessMask.PRINTER_ALL_ACCESS, flags: 0 }],
  [PrinterPermission.MANAGE_DOCUMENTS]: [
    { mask: AccessMask.JOB_ALL_ACCESS, flags: AceFlag.OBJECT_INHERIT_ACE | AceFlag.INHERIT_ONLY_ACE },
    { mask: AccessMask.READ_CONTROL, flags: AceFlag.CONTAINER_INHERIT_ACE | AceFlag.INHERIT_ONLY_ACE },
  ],
};

/** The descriptor of a printer's ACL (owner and group LocalSystem, deny ACEs first). */
export function printerSecurityDescriptor(acl: PrinterAcl, sids: SidResolver): SecurityDescriptor {
  const toAces = (type: 'allow' | 'deny'): Ace[] =>
    acl
      .filter((e) => e.type === type)
      .flatMap((e) =>
        e.permissions.flatMap((p) =>
          PERMISSION_ACES[p].map((a) => ({
            type: type === 'allow' ? ACCESS_ALLOWED_ACE_TYPE : ACCESS_DENIED_ACE_TYPE,
            sid: sids.sidOf(e.trustee),
            mask: a.mask,
            flags: a.flags,
          })),
        ),
      );
  return {
    owner: WellKnownSid.LOCAL_SYSTEM,
    group: WellKnownSid.LOCAL_SYSTEM,
    dacl: [...toAces('deny'), ...toAces('allow')],
  };
}

/**
 * The ACL a client's descriptor expresses (SetPrinter level 3): an ACE granting or denying
 * PRINTER_ACCESS_USE is Print, PRINTER_ACCESS_ADMINISTER (or GENERIC_ALL) on the printer is Manage
 * Printer, an object-inherit ACE with JOB_ACCESS_ADMINISTER (or GENERIC_ALL) is Manage Documents;
 * other bits (the CI|IO READ_CONTROL companion, auditing) have no Security-tab meaning and are
 * dropped. A SID no account of this server stands for stays as the trustee "S-1-...": it matches
 * no caller, and encodes back to itself.
 */
export function printerAclFromSecurityDescriptor(sd: SecurityDescriptor, sids: SidResolver): PrinterAcl {
  const entries = new Map<string, { type: 'allow' | 'deny'; trustee: string; permissions: Set<PrinterPermission> }>();
  for (const ace of sd.dacl ?? []) {
    const trustee = sids.nameOf(ace.sid) ?? ace.sid;
    const type = (ace.type ?? ACCESS_ALLOWED_ACE_TYPE) === ACCESS_DENIED_ACE_TYPE ? 'deny' : 'allow';
    const all = (ace.mask & AccessMask.GENERIC_ALL) !== 0;
    const permissions: PrinterPermission[] = [];
    if ((ace.flags & AceFlag.INHERIT_ONLY_ACE) === 0) {
      if (all || (ace.mask & AccessMask.PRINTER_ACCESS_ADMINISTER) !== 0)
        permissions.push(PrinterPermission.MANAGE_PRINTER);
      if (all || (ace.mask & AccessMask.PRINTER_ACCESS_USE) !== 0) permissions.push(PrinterPermission.PRINT);
    } else if ((ace.flags & AceFlag.OBJECT_INHERIT_ACE) !== 0) {
      if (all || (ace.mask & AccessMask.JOB_ACCESS_ADMINISTER) !== 0)
        permissions.push(PrinterPermission.MANAGE_DOCUMENTS);
    }
    if (permissions.length === 0) continue;
    const key = `${type}\0${trustee.toLowerCase()}`;
    const entry = entries.get(key) ?? { type, trustee, permissions: new Set<PrinterPermission>() };
    for (const p of permissions) entry.permissions.add(p);
    entries.set(key, entry);
  }
  return [...entries.values()].map((e) => ({ type: e.type, trustee: e.trustee, permissions: [...e.permissions] }));
}

export function encodePrinterSecurityDescriptor(acl: PrinterAcl, sids: SidResolver): Buffer {
  return encodeSecurityDescriptor(printerSecurityDescriptor(acl, sids));
}

/**
 * The print server object's descriptor (GetPrinter level 3 on a server handle): Everyone may
 * enumerate (SERVER_EXECUTE), Administrators hold SERVER_ALL_ACCESS, as serverRightsFor grants.
 */
export function encodeServerSecurityDescriptor(sids: SidResolver): Buffer {
  const allow = (trustee: string, mask: number): Ace => ({
    type: ACCESS_ALLOWED_ACE_TYPE,
    sid: sids.sidOf(trustee),
    mask,
    flags: 0,
  });
  return encodeSecurityDescriptor({
    owner: WellKnownSid.LOCAL_SYSTEM,
    group: WellKnownSid.LOCAL_SYSTEM,
    dacl: [
      allow(WellKnownTrustee.EVERYONE, AccessMask.SERVER_EXECUTE),
      allow(WellKnownTrustee.ADMINISTRATORS, AccessMask.SERVER_ALL_ACCESS),
    ],
  });
}
