/** server.json `printerSecurity`: parsing, ConfigErrors naming the member, and PrintServer applying it. */
import { ConfigError } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { PrintServer } from '../../../lib/spooler/print-server';
import type { PrinterAcl } from '../../../lib/spooler/handles/printer-security';
import { buildDriversRoot, buildRegistry } from '../../helpers/test-print-server';
import { AccessMask } from '../../../lib/spoolss/constants';
import { DEFAULT_FIXTURE_DIR, loadFixture, parseServerJson } from '../../../lib/spooler/fixture';
import { decodeSecurityDescriptor } from '../../../lib/common/security-descriptor';
import { descriptorRights } from '../../../lib/spooler/handles/descriptor-access';
import { encodePrinterSecurityDescriptor, SidResolver } from '../../../lib/spooler/handles/printer-security-descriptor';
import type { CallerContext } from '../../../lib/spoolss/types';

const base = {
  serverName: 'NTPRINT',
  users: [
    { name: 'alice', password: 'a', groups: ['Users'] },
    { name: 'carol', password: 'c', groups: ['Users', 'Accounting'] },
  ],
};
const parse = (printerSecurity: unknown) => parseServerJson({ ...base, printerSecurity }, 'server.json');
const CAROL: CallerContext = { userName: 'carol', groups: ['Users'], isAdministrator: false, remote: true };
const ALICE: CallerContext = { userName: 'alice', groups: ['Users'], isAdministrator: false, remote: true };

describe('server.json printerSecurity', () => {
  it('is absent by default', () => {
    expect(parseServerJson(base, 'server.json').settings.printerSecurity).toBeUndefined();
  });

  it('maps rights and principals (case-insensitive, spelt as declared) to PrinterAces', () => {
    const { settings } = parse({
      Marketing: [
        { type: 'allow', principal: 'everyone', rights: ['Print'] },
        { type: 'allow', principal: 'accounting', rights: ['ManageDocuments', 'ManagePrinter'] },
        { type: 'deny', principal: 'CAROL', rights: ['Print'] },
        { type: 'allow', principal: 'creator owner', rights: ['ManageDocuments'] },
      ],
    });
    expect(settings.printerSecurity).toEqual({
      Marketing: [
        { type: 'allow', trustee: 'Everyone', permissions: ['Print'] },
        { type: 'allow', trustee: 'Accounting', permissions: ['Manage Documents', 'Manage Printer'] },
        { type: 'deny', trustee: 'carol', permissions: ['Print'] },
        { type: 'allow', trustee: 'CREATOR OWNER', permissions: ['Manage Documents'] },
      ],
    });
  });

  it.each([
    [[], /server\.json: printerSecurity: expected an object/],
    [{ Marketing: {} }, /printerSecurity\.Marketing: expected an array/],
    [{ Marketing: ['x'] }, /printerSecurity\.Marketing\[0\]: expected an object/],
    [
      { M: [{ type: 'grant', principal: 'alice', rights: ['Print'] }] },
      /printerSecurity\.M\[0\]\.type: expected "allow" or "deny"/,
    ],
    [
      { M: [{ type: 'deny', principal: 'mallory', rights: ['Print'] }] },
      /printerSecurity\.M\[0\]\.principal: "mallory" is not a user or group/,
    ],
    [
      { M: [{ type: 'deny', principal: 7, rights: ['Print'] }] },
      /printerSecurity\.M\[0\]\.principal: expected a string/,
    ],
    [
      { M: [{ type: 'deny', principal: 'alice', rights: [] }] },
      /printerSecurity\.M\[0\]\.rights: expected a non-empty array/,
    ],
    [
      { M: [{ type: 'deny', principal: 'alice', rights: ['Print', 'FullControl'] }] },
      /printerSecurity\.M\[0\]\.rights\[1\]: expected Print/,
    ],
    [
      { M: [{ type: 'deny', principal: 'alice', rights: ['Print'], inherit: true }] },
      /printerSecurity\.M\[0\]\.inherit: unknown member/,
    ],
  ])('refuses %j', (value, message) => {
    expect(() => parse(value)).toThrow(ConfigError);
    expect(() => parse(value)).toThrow(message);
  });
});

describe('the NTPRINT fixture', () => {
  it('denies carol Print on Marketing only, on top of the default ACL', async () => {
    const fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
    const marketing = fixture.settings.printerSecurity?.Marketing;
    expect(marketing).toBeDefined();
    const sids = new SidResolver(fixture.settings.serverName, fixture.settings.users ?? []);
    const sd = decodeSecurityDescriptor(encodePrinterSecurityDescriptor(marketing ?? [], sids));
    expect(descriptorRights('printer', sd, CAROL, sids) & AccessMask.PRINTER_ACCESS_USE).toBe(0);
    expect(descriptorRights('printer', sd, ALICE, sids) & AccessMask.PRINTER_ACCESS_USE).toBe(
      AccessMask.PRINTER_ACCESS_USE,
    );
    expect(Object.keys(fixture.settings.printerSecurity ?? {})).toEqual(['Marketing']);
  });
});

describe('PrintServer.create with printerSecurity', () => {
  const create = async (printerSecurity: Record<string, PrinterAcl>) =>
    PrintServer.create({
      registry: buildRegistry(),
      driverStore: await DriverStore.open(await buildDriversRoot()),
      settings: { serverName: 'NTPRINT', printerSecurity },
      modules: ModuleRegistry.withBuiltins(),
      logger: createSilentLogger(),
    });

  it('applies the ACL to the printer (named by share or printer name) and leaves the others default', async () => {
    const server = await create({ lab: [{ type: 'deny', trustee: 'alice', permissions: ['Print'] }] });
    await expect(server.openPrinter('LabPrinter', { desiredAccess: 0 }, ALICE)).rejects.toThrow(/denied/i);
    await expect(server.openPrinter('HpColor', { desiredAccess: 0 }, ALICE)).resolves.toMatchObject({
      kind: 'printer',
    });
  });

  it('skips a printer the registry does not have (server.json reused with another registry)', async () => {
    const server = await create({ Nowhere: [{ type: 'deny', trustee: 'alice', permissions: ['Print'] }] });
    await expect(server.openPrinter('HpColor', { desiredAccess: 0 }, ALICE)).resolves.toMatchObject({
      kind: 'printer',
    });
    expect(server.security.get('Nowhere')).not.toContainEqual(expect.objectContaining({ type: 'deny' }));
  });
});
