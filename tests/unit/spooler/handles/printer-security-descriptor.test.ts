import { decodeSecurityDescriptor } from '../../../../lib/common/security-descriptor';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { ADMIN, ALICE, BOB, createTestServer } from '../../../helpers/test-print-server';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { DEFAULT_PRINTER_ACL, type PrinterAcl } from '../../../../lib/spooler/handles/printer-security';
import {
  SidResolver,
  encodePrinterSecurityDescriptor,
  machineSid,
  printerAclFromSecurityDescriptor,
} from '../../../../lib/spooler/handles/printer-security-descriptor';

const ACCOUNTS = [
  { name: 'alice', groups: ['Users'] },
  { name: 'admin', groups: ['Administrators'] },
  { name: 'carol', groups: ['Users', 'Accounting'] },
];

describe('machineSid', () => {
  it('is S-1-5-21 and three 32-bit numbers, stable per name, case-insensitive, different per server', () => {
    const a = machineSid('NTPRINT');
    expect(a).toMatch(/^S-1-5-21-\d{1,10}-\d{1,10}-\d{1,10}$/);
    expect(machineSid('ntprint')).toBe(a);
    expect(machineSid('OTHER')).not.toBe(a);
    for (const n of a.split('-').slice(4)) expect(Number(n)).toBeLessThanOrEqual(0xffffffff);
  });
});

describe('SidResolver', () => {
  const sids = new SidResolver('NTPRINT', ACCOUNTS);
  const m = machineSid('NTPRINT');
  it('gives well-known SIDs, users 1000 + position, then their other groups, then newcomers', () => {
    expect(sids.sidOf('everyone')).toBe('S-1-1-0');
    expect(sids.sidOf('CREATOR OWNER')).toBe('S-1-3-0');
    expect(sids.sidOf('Administrators')).toBe('S-1-5-32-544');
    expect(sids.sidOf('Users')).toBe('S-1-5-32-545');
    expect(sids.sidOf('alice')).toBe(`${m}-1000`);
    expect(sids.sidOf('NTPRINT\\Carol')).toBe(`${m}-1002`);
    expect(sids.sidOf('Accounting')).toBe(`${m}-1003`);
    expect(sids.sidOf('dave')).toBe(`${m}-1004`);
    expect(sids.sidOf('Dave')).toBe(`${m}-1004`);
  });
});

describe('encodePrinterSecurityDescriptor', () => {
  const sids = new SidResolver('NTPRINT', ACCOUNTS);
  const m = machineSid('NTPRINT');

  it("lays out Windows' default printer DACL", () => {
    const sd = decodeSecurityDescriptor(encodePrinterSecurityDescriptor(DEFAULT_PRINTER_ACL, sids));
    expect(sd.owner).toBe('S-1-5-18');
    expect(sd.group).toBe('S-1-5-18');
    expect(sd.dacl).toEqual([
      { type: 0, flags: 0x00, mask: 0x00020008, sid: 'S-1-1-0' },
      { type: 0, flags: 0x00, mask: 0x000f000c, sid: 'S-1-5-32-544' },
      { type: 0, flags: 0x09, mask: 0x000f0030, sid: 'S-1-5-32-544' },
      { type: 0, flags: 0x0a, mask: 0x00020000, sid: 'S-1-5-32-544' },
      { type: 0, flags: 0x09, mask: 0x000f0030, sid: 'S-1-3-0' },
      { type: 0, flags: 0x0a, mask: 0x00020000, sid: 'S-1-3-0' },
    ]);
  });

  it('puts deny ACEs first, with the account SIDs', () => {
    const acl: PrinterAcl = [
      { type: 'allow', trustee: 'Everyone', permissions: ['Print'] },
      { type: 'deny', trustee: 'carol', permissions: ['Print'] },
      { type: 'allow', trustee: 'Accounting', permissions: ['Manage Printer'] },
    ];
    const sd = decodeSecurityDescriptor(encodePrinterSecurityDescriptor(acl, sids));
    expect(sd.dacl).toEqual([
      { type: 1, flags: 0, mask: 0x20008, sid: `${m}-1002` },
      { type: 0, flags: 0, mask: 0x20008, sid: 'S-1-1-0' },
      { type: 0, flags: 0, mask: 0xf000c, sid: `${m}-1003` },
    ]);
  });
});

describe('PrintServer.getPrinter securityDescriptor', () => {
  it('carries the ACL with READ_CONTROL, and nothing without it', async () => {
    const { server } = await createTestServer();
    server.setPrinterAcl('HpColor', [
      { type: 'allow', trustee: 'Everyone', permissions: ['Print'] },
      { type: 'deny', trustee: 'bob', permissions: ['Print'] },
    ]);
    const withRc = await server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_EXECUTE }, ALICE);
    const info = await server.getPrinter(withRc);
    expect(info.securityDescriptor).toBeDefined();
    const sd = decodeSecurityDescriptor(info.securityDescriptor ?? Buffer.alloc(0));
    expect(sd.dacl?.map((a) => [a.type, a.mask, a.sid])).toEqual([
      [1, 0x20008, `${machineSid('NTPRINT')}-1000`],
      [0, 0x20008, 'S-1-1-0'],
    ]);
    const useOnly = await server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, ALICE);
    expect((await server.getPrinter(useOnly)).securityDescriptor).toBeUndefined();
  });
});

describe('printerAclFromSecurityDescriptor', () => {
  const sids = new SidResolver('NTPRINT', ACCOUNTS);

  it('reads back the ACL an encoded descriptor came from', () => {
    const acl: PrinterAcl = [
      { type: 'deny', trustee: 'carol', permissions: ['Print'] },
      { type: 'allow', trustee: 'Everyone', permissions: ['Print'] },
      { type: 'allow', trustee: 'Accounting', permissions: ['Manage Documents'] },
      { type: 'allow', trustee: 'Administrators', permissions: ['Manage Printer', 'Manage Documents'] },
    ];
    const back = printerAclFromSecurityDescriptor(
      decodeSecurityDescriptor(encodePrinterSecurityDescriptor(acl, sids)),
      sids,
    );
    expect(back).toEqual([
      { type: 'deny', trustee: 'carol', permissions: ['Print'] },
      { type: 'allow', trustee: 'Everyone', permissions: ['Print'] },
      { type: 'allow', trustee: 'Accounting', permissions: ['Manage Documents'] },
      { type: 'allow', trustee: 'Administrators', permissions: ['Manage Printer', 'Print', 'Manage Documents'] },
    ]);
  });

  it('reads GENERIC_ALL as Manage Printer (and Print), keeps a foreign SID as its own trustee', () => {
    const foreign = 'S-1-5-21-1-2-3-500';
    const acl = printerAclFromSecurityDescriptor(
      {
        dacl: [
          { flags: 0, mask: AccessMask.GENERIC_ALL, sid: 'S-1-5-32-545' },
          { type: 1, flags: 0, mask: AccessMask.PRINTER_EXECUTE, sid: foreign },
          { flags: 0, mask: AccessMask.READ_CONTROL, sid: 'S-1-1-0' },
        ],
      },
      sids,
    );
    expect(acl).toEqual([
      { type: 'allow', trustee: 'Users', permissions: ['Manage Printer', 'Print'] },
      { type: 'deny', trustee: foreign, permissions: ['Print'] },
    ]);
    expect(sids.sidOf(foreign)).toBe(foreign);
  });
});

describe('PrintServer.setPrinter with a security descriptor (level 3)', () => {
  it("replaces the printer's ACL: Users denied Print can no longer open it, administrators can", async () => {
    const { server } = await createTestServer();
    const admin = await server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    const sids = new SidResolver('NTPRINT', []);
    const acl: PrinterAcl = [
      { type: 'deny', trustee: 'Users', permissions: ['Print'] },
      ...server.security.get('HpColor'),
    ];
    await server.setPrinter(admin, { fields: { securityDescriptor: encodePrinterSecurityDescriptor(acl, sids) } });
    await expect(server.openPrinter('HpColor', { desiredAccess: 0 }, BOB)).rejects.toThrow();
    await expect(server.openPrinter('HpColor', { desiredAccess: 0 }, ADMIN)).resolves.toMatchObject({
      kind: 'printer',
    });
    await expect(server.openPrinter('LabPrinter', { desiredAccess: 0 }, BOB)).resolves.toMatchObject({
      kind: 'printer',
    });
  });

  it('refuses malformed bytes with ERROR_INVALID_SECURITY_DESCR and keeps the ACL', async () => {
    const { server } = await createTestServer();
    const admin = await server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await expect(
      server.setPrinter(admin, { fields: { securityDescriptor: Buffer.from([1, 0, 4, 0x80]) } }),
    ).rejects.toMatchObject({ win32: Win32ErrorCode.ERROR_INVALID_SECURITY_DESCR });
    expect(server.security.get('HpColor')).toBe(DEFAULT_PRINTER_ACL);
  });
});
