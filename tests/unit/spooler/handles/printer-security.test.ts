import { AccessMask } from '../../../../lib/spoolss/constants';
import {
  accessCheck,
  DEFAULT_PRINTER_ACL,
  jobRightsFor,
  mapGenericAccess,
  printerRightsFor,
  serverRightsFor,
  type PrinterAcl,
} from '../../../../lib/spooler/handles/printer-security';
import type { CallerContext } from '../../../../lib/spoolss/types';

const user = (userName: string, groups: string[] = ['Users'], isAdministrator = false): CallerContext => ({
  userName,
  groups,
  isAdministrator,
  remote: true,
});
const alice = user('alice');
const admin = user('admin', ['Administrators'], true);

describe('printer security', () => {
  it("Windows' default ACL: Everyone prints, Administrators manage, CREATOR OWNER manages own documents", () => {
    expect(printerRightsFor(DEFAULT_PRINTER_ACL, alice)).toBe(AccessMask.PRINTER_EXECUTE);
    expect(printerRightsFor(DEFAULT_PRINTER_ACL, admin) & AccessMask.PRINTER_ALL_ACCESS).toBe(
      AccessMask.PRINTER_ALL_ACCESS,
    );
    expect(jobRightsFor(DEFAULT_PRINTER_ACL, alice, 'alice')).toBe(AccessMask.JOB_ALL_ACCESS);
    expect(jobRightsFor(DEFAULT_PRINTER_ACL, alice, 'bob')).toBe(0);
    expect(jobRightsFor(DEFAULT_PRINTER_ACL, admin, 'bob')).toBe(AccessMask.JOB_ALL_ACCESS);
  });

  it('deny beats allow; users and groups match case-insensitively', () => {
    const acl: PrinterAcl = [
      ...DEFAULT_PRINTER_ACL,
      { type: 'deny', trustee: 'ALICE', permissions: ['Print'] },
      { type: 'allow', trustee: 'printops', permissions: ['Manage Printer'] },
    ];
    expect(printerRightsFor(acl, alice)).toBe(0);
    const op = user('carol', ['PrintOps']);
    expect(printerRightsFor(acl, op) & AccessMask.PRINTER_ACCESS_ADMINISTER).toBe(AccessMask.PRINTER_ACCESS_ADMINISTER);
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
    expect(serverRightsFor(alice)).toBe(AccessMask.SERVER_READ);
    expect(serverRightsFor(admin)).toBe(AccessMask.SERVER_ALL_ACCESS);
  });
});
