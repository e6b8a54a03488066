import {
  ACCESS_ALLOWED_ACE_TYPE,
  ACCESS_DENIED_ACE_TYPE,
  AceFlag,
  decodeSecurityDescriptor,
  WellKnownSid,
  type SecurityDescriptor,
} from '../../../../lib/common/security-descriptor';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { descriptorRights } from '../../../../lib/spooler/handles/descriptor-access';
import {
  accessCheck,
  DEFAULT_PRINTER_ACL,
  mapGenericAccess,
  type PrinterAcl,
} from '../../../../lib/spooler/handles/printer-security';
import {
  encodePrinterSecurityDescriptor,
  encodeServerSecurityDescriptor,
  SidResolver,
} from '../../../../lib/spooler/handles/printer-security-descriptor';
import type { CallerContext } from '../../../../lib/spoolss/types';

const user = (userName: string, groups: string[] = ['Users'], isAdministrator = false): CallerContext => ({
  userName,
  groups,
  isAdministrator,
  remote: true,
});
const alice = user('alice');
const admin = user('admin', ['Administrators'], true);
const sids = new SidResolver('NTPRINT', [
  { name: 'alice', groups: ['Users'] },
  { name: 'admin', groups: ['Administrators'] },
]);
const ALICE_SID = sids.sidOf('alice');
const sdOf = (acl: PrinterAcl): SecurityDescriptor =>
  decodeSecurityDescriptor(encodePrinterSecurityDescriptor(acl, sids));
const printerRights = (sd: SecurityDescriptor, caller: CallerContext): number =>
  descriptorRights('printer', sd, caller, sids);
const jobRights = (sd: SecurityDescriptor, caller: CallerContext, owner: string): number =>
  descriptorRights('job', sd, caller, sids, owner);

describe('printer security, evaluated on the descriptor', () => {
  it("Windows' default descriptor: Everyone prints, Administrators manage, CREATOR OWNER manages own documents", () => {
    const sd = sdOf(DEFAULT_PRINTER_ACL);
    expect(printerRights(sd, alice)).toBe(AccessMask.PRINTER_EXECUTE);
    expect(printerRights(sd, admin) & AccessMask.PRINTER_ALL_ACCESS).toBe(AccessMask.PRINTER_ALL_ACCESS);
    expect(printerRights(sd, admin) & AccessMask.PRINTER_ACCESS_MANAGE_LIMITED).toBe(
      AccessMask.PRINTER_ACCESS_MANAGE_LIMITED,
    );
    expect(jobRights(sd, alice, 'alice')).toBe(AccessMask.JOB_ALL_ACCESS);
    expect(jobRights(sd, alice, 'bob')).toBe(0);
    expect(jobRights(sd, admin, 'bob')).toBe(AccessMask.JOB_ALL_ACCESS);
  });

  it('deny beats allow; users and groups match case-insensitively', () => {
    const sd = sdOf([
      ...DEFAULT_PRINTER_ACL,
      { type: 'deny', trustee: 'ALICE', permissions: ['Print'] },
      { type: 'allow', trustee: 'printops', permissions: ['Manage Printer'] },
    ]);
    expect(printerRights(sd, alice)).toBe(0);
    const op = user('carol', ['PrintOps']);
    expect(printerRights(sd, op) & AccessMask.PRINTER_ACCESS_ADMINISTER).toBe(AccessMask.PRINTER_ACCESS_ADMINISTER);
  });

  it('walks the ACEs in order: an allow before a deny keeps what it granted ([MS-DTYP] 2.5.3.2)', () => {
    const allowThenDeny: SecurityDescriptor = {
      dacl: [
        { type: ACCESS_ALLOWED_ACE_TYPE, sid: ALICE_SID, mask: AccessMask.PRINTER_ACCESS_USE, flags: 0 },
        { type: ACCESS_DENIED_ACE_TYPE, sid: ALICE_SID, mask: AccessMask.PRINTER_ALL_ACCESS, flags: 0 },
        { type: ACCESS_ALLOWED_ACE_TYPE, sid: WellKnownSid.EVERYONE, mask: AccessMask.READ_CONTROL, flags: 0 },
      ],
    };
    expect(printerRights(allowThenDeny, alice)).toBe(AccessMask.PRINTER_ACCESS_USE);
    const [allowUse, denyAll, everyoneRead] = allowThenDeny.dacl ?? [];
    if (!allowUse || !denyAll || !everyoneRead) throw new Error('three ACEs');
    expect(printerRights({ dacl: [denyAll, allowUse, everyoneRead] }, alice)).toBe(0);
    // Everyone's READ_CONTROL first is granted before alice's deny comes.
    expect(printerRights({ dacl: [everyoneRead, denyAll, allowUse] }, alice)).toBe(AccessMask.READ_CONTROL);
  });

  it('maps generic rights in an ACE with the object it applies to', () => {
    const sd: SecurityDescriptor = {
      dacl: [
        { sid: ALICE_SID, mask: AccessMask.GENERIC_ALL, flags: 0 },
        { sid: ALICE_SID, mask: AccessMask.GENERIC_READ, flags: AceFlag.OBJECT_INHERIT_ACE | AceFlag.INHERIT_ONLY_ACE },
      ],
    };
    expect(printerRights(sd, alice)).toBe(AccessMask.PRINTER_ALL_ACCESS | AccessMask.PRINTER_ACCESS_MANAGE_LIMITED);
    expect(jobRights(sd, alice, 'bob')).toBe(AccessMask.JOB_READ);
    // The inherit-only ACE grants nothing on the printer itself.
    expect(printerRights({ dacl: sd.dacl?.slice(1) ?? [] }, alice)).toBe(0);
  });

  it('a SID the server does not know names nobody; Authenticated Users names every caller', () => {
    const sd: SecurityDescriptor = {
      dacl: [
        { sid: 'S-1-5-21-1-2-3-4242', mask: AccessMask.PRINTER_ALL_ACCESS, flags: 0 },
        { sid: 'S-1-5-11', mask: AccessMask.PRINTER_EXECUTE, flags: 0 },
      ],
    };
    expect(printerRights(sd, alice)).toBe(AccessMask.PRINTER_EXECUTE);
    expect(printerRights(sd, admin)).toBe(AccessMask.PRINTER_EXECUTE);
  });

  it('a descriptor without a DACL grants everything', () => {
    expect(printerRights({ owner: WellKnownSid.LOCAL_SYSTEM }, alice)).toBe(
      AccessMask.PRINTER_ALL_ACCESS | AccessMask.PRINTER_ACCESS_MANAGE_LIMITED,
    );
  });

  it("the server's default descriptor: everyone enumerates, administrators administer", () => {
    const sd = decodeSecurityDescriptor(encodeServerSecurityDescriptor(sids));
    expect(descriptorRights('server', sd, alice, sids)).toBe(AccessMask.SERVER_READ);
    expect(descriptorRights('server', sd, admin, sids)).toBe(AccessMask.SERVER_ALL_ACCESS);
  });

  it('maps generic rights per object and applies MAXIMUM_ALLOWED', () => {
    expect(mapGenericAccess('printer', AccessMask.GENERIC_ALL)).toBe(AccessMask.PRINTER_ALL_ACCESS);
    expect(mapGenericAccess('server', AccessMask.GENERIC_READ)).toBe(AccessMask.SERVER_READ);
    expect(accessCheck('printer', 0, AccessMask.PRINTER_EXECUTE)).toEqual({
      granted: true,
      access: AccessMask.PRINTER_ACCESS_USE,
    });
    expect(accessCheck('printer', AccessMask.MAXIMUM_ALLOWED, AccessMask.PRINTER_EXECUTE)).toEqual({
      granted: true,
      access: AccessMask.PRINTER_EXECUTE,
    });
    expect(accessCheck('printer', AccessMask.PRINTER_ACCESS_ADMINISTER, AccessMask.PRINTER_EXECUTE)).toEqual({
      granted: false,
      missing: AccessMask.PRINTER_ACCESS_ADMINISTER,
    });
    expect(accessCheck('printer', AccessMask.MAXIMUM_ALLOWED, 0).granted).toBe(false);
  });
});
