/**
 * A printer's security descriptor is its registry `Security` value, byte for byte: one the
 * Security tab's three permissions cannot express (a deny ACE after an allow, generic rights,
 * inherit-only ACEs for the jobs, a SID no account has, a SACL, owner and group other than
 * LocalSystem, parts in MakeSelfRelativeSD's order) is returned as set by GetPrinter, after a
 * restart too, and after `pointprint export` and a start from the export; the access checks
 * evaluate it (alice's deny ACE refuses her, CREATOR OWNER's inherit-only ACE gives a job's
 * owner its rights). The fixture's ACLs (written once from server.json) keep their bytes too.
 * A descriptor without every part replaces the parts it has and keeps the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { decodeSecurityDescriptor } from '../../../lib/common/security-descriptor';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { machineSid } from '../../../lib/spooler/handles/printer-security-descriptor';
import { AccessMask } from '../../../lib/spoolss/constants';
import type { CallerContext } from '../../../lib/spoolss/types';
import { runCli } from '../../helpers/run-cli';
import { sdBytes } from '../../helpers/sd-bytes';

jest.setTimeout(60_000);

const caller = (userName: string, isAdministrator = false): CallerContext => ({
  userName,
  groups: [isAdministrator ? 'Administrators' : 'Users'],
  isAdministrator,
  remote: true,
});
const ADMIN = caller('admin', true);
const ALICE = caller('alice');
const CAROL = caller('carol');

const M = machineSid('NTPRINT');
const OI = 0x01;
const CI = 0x02;
const IO = 0x08;
/** What the Security tab cannot say: the deny ACE last, generic rights, a foreign SID, a SACL. */
const DESCRIPTOR_DACL = [
  { type: 0, flags: 0, mask: 0x10000000 /* GENERIC_ALL */, sid: 'S-1-5-32-544' },
  { type: 0, flags: OI | IO, mask: 0x10000000, sid: 'S-1-3-0' },
  { type: 0, flags: CI | IO, mask: 0x00020000, sid: 'S-1-3-0' },
  { type: 1, flags: 0, mask: 0x00000008 /* PRINTER_ACCESS_USE */, sid: `${M}-1000` },
  { type: 0, flags: 0, mask: 0x20000000 /* GENERIC_EXECUTE */, sid: 'S-1-1-0' },
  { type: 0, flags: 0, mask: 0x000f000c, sid: 'S-1-5-21-11-22-33-4444' },
];
const DESCRIPTOR = sdBytes({
  sacl: [{ type: 2 /* SYSTEM_AUDIT_ACE_TYPE */, flags: 0x80 /* FAILED_ACCESS */, mask: 0x000f000c, sid: 'S-1-1-0' }],
  dacl: DESCRIPTOR_DACL,
  owner: 'S-1-5-32-544',
  group: 'S-1-5-21-11-22-33-513',
});

describe("a printer's security descriptor across a restart and an export", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pointprint-sd-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const descriptorOf = async (host: PrintServerHost, printer: string): Promise<Buffer | undefined> => {
    const h = await host.printServer.openPrinter(printer, { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    const info = await host.printServer.getPrinter(h);
    await host.printServer.closePrinter(h);
    return info.securityDescriptor;
  };

  const checkAccess = async (host: PrintServerHost): Promise<void> => {
    const server = host.printServer;
    // alice's deny ACE comes before Everyone's allow: she cannot print.
    await expect(
      server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, ALICE),
    ).rejects.toThrow(/denied/i);
    await expect(
      server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, CAROL),
    ).resolves.toMatchObject({ kind: 'printer' });
    // Everyone's GENERIC_EXECUTE is PRINTER_EXECUTE: carol may not administer.
    await expect(
      server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, CAROL),
    ).rejects.toThrow(/denied/i);
    await expect(
      server.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN),
    ).resolves.toMatchObject({ kind: 'printer' });
    // CREATOR OWNER's OI|IO GENERIC_ALL: a job's owner holds JOB_ALL_ACCESS on it, not on another's.
    expect(server.security.jobRights('HpColor', CAROL, 'carol')).toBe(AccessMask.JOB_ALL_ACCESS);
    expect(server.security.jobRights('HpColor', CAROL, 'admin')).toBe(0);
    expect(server.security.jobRights('HpColor', ADMIN, 'carol')).toBe(0);
  };

  it('GetPrinter returns the bytes SetPrinter set, before and after a restart and from an export', async () => {
    const state = path.join(root, 'state');
    const first = await PrintServerHost.create({ stateDir: state });
    const marketing = await descriptorOf(first, 'Marketing');
    const h = await first.printServer.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await first.printServer.setPrinter(h, { fields: { securityDescriptor: DESCRIPTOR } });
    await first.printServer.closePrinter(h);
    expect(await descriptorOf(first, 'HpColor')).toEqual(DESCRIPTOR);
    await checkAccess(first);
    await first.close();

    const second = await PrintServerHost.create({ stateDir: state });
    expect(await descriptorOf(second, 'HpColor')).toEqual(DESCRIPTOR);
    expect(await descriptorOf(second, 'Marketing')).toEqual(marketing);
    await checkAccess(second);
    await second.close();

    const out = path.join(root, 'export');
    expect((await runCli(buildPointprintProgram, ['export', '--state', state, out])).code).toBe(0);
    const third = await PrintServerHost.create({ fixtureDir: out, stateDir: path.join(root, 'state2') });
    expect(await descriptorOf(third, 'HpColor')).toEqual(DESCRIPTOR);
    expect(await descriptorOf(third, 'Marketing')).toEqual(marketing);
    await checkAccess(third);
    await third.close();
  });

  it('an owner-only descriptor sets the owner and keeps the stored group, SACL and DACL, after a restart too', async () => {
    const state = path.join(root, 'state');
    const host = await PrintServerHost.create({ stateDir: state });
    const h = await host.printServer.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await host.printServer.setPrinter(h, { fields: { securityDescriptor: DESCRIPTOR } });
    await host.printServer.setPrinter(h, { fields: { securityDescriptor: sdBytes({ owner: `${M}-1002` }) } });
    // Level 2 carries the descriptor too: a group-only one changes the group alone.
    await host.printServer.setPrinter(h, { fields: { securityDescriptor: sdBytes({ group: 'S-1-5-32-545' }) } });
    await host.printServer.closePrinter(h);
    const merged = sdBytes({
      sacl: [{ type: 2, flags: 0x80, mask: 0x000f000c, sid: 'S-1-1-0' }],
      dacl: DESCRIPTOR_DACL,
      owner: `${M}-1002`,
      group: 'S-1-5-32-545',
    });
    expect(await descriptorOf(host, 'HpColor')).toEqual(merged);
    await checkAccess(host);
    await host.close();
    const again = await PrintServerHost.create({ stateDir: state });
    expect(await descriptorOf(again, 'HpColor')).toEqual(merged);
    await again.close();
  });

  it("a DACL-only descriptor over the default keeps the default's owner and group", async () => {
    const host = await PrintServerHost.create({ stateDir: path.join(root, 'state') });
    const before = await descriptorOf(host, 'HpColor');
    const h = await host.printServer.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await host.printServer.setPrinter(h, { fields: { securityDescriptor: sdBytes({ dacl: DESCRIPTOR_DACL }) } });
    await host.printServer.closePrinter(h);
    const after = decodeSecurityDescriptor((await descriptorOf(host, 'HpColor')) ?? Buffer.alloc(0));
    const old = decodeSecurityDescriptor(before ?? Buffer.alloc(0));
    expect(after).toMatchObject({ owner: old.owner, group: old.group });
    expect(after.dacl).toHaveLength(DESCRIPTOR_DACL.length);
    await checkAccess(host);
    await host.close();
  });

  it('a SACL that runs past the descriptor is ERROR_INVALID_SECURITY_DESCR, and nothing changes', async () => {
    const host = await PrintServerHost.create({ stateDir: path.join(root, 'state') });
    const before = await descriptorOf(host, 'HpColor');
    const bad = Buffer.from(DESCRIPTOR);
    bad.writeUInt16LE(0x7fff, 20 + 2); // the SACL (first part) claims 32 KiB
    const h = await host.printServer.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await expect(host.printServer.setPrinter(h, { fields: { securityDescriptor: bad } })).rejects.toMatchObject({
      win32: 1338,
    });
    expect(await descriptorOf(host, 'HpColor')).toEqual(before);
    await host.close();
  });
});
