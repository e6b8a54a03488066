import { decodeSecurityDescriptor } from '../../../lib/common/security-descriptor';
import { AccessMask } from '../../../lib/spooler/constants';
import { ALICE, createTestServer } from './test-print-server';
import { DEFAULT_PRINTER_ACL, type PrinterAcl } from '../../../lib/spooler/printer-security';
import {
  SidResolver,
  encodePrinterSecurityDescriptor,
  machineSid,
} from '../../../lib/spooler/printer-security-descriptor';

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
