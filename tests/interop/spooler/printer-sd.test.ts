/**
 * PRINTER_INFO_3's security descriptor read by rpcclient `getprinter <printer> 3`: its dump of
 * the descriptor shows the ACEs pointprint encodes for the fixture's ACLs (Windows' default on
 * HpColor; carol's deny entry on Marketing, under her machine SID). Then SetPrinter level 3
 * from impacket (impacket-setprinter-sd.py) replaces an ACL: alice denied Print can no longer print.
 * A descriptor the Security tab cannot express, set by impacket, is shown by rpcclient the same
 * before and after a restart of a server with a state folder, and its deny ACE still refuses alice.
 * A descriptor without every part replaces only the parts it carries: after an owner-only one,
 * rpcclient shows the new owner with the old group and DACL; after a DACL-only one, that owner.
 */
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { decodeSecurityDescriptor, type Ace } from '../../../lib/common/security-descriptor';
import {
  SidResolver,
  encodePrinterSecurityDescriptor,
  machineSid,
} from '../../../lib/spooler/handles/printer-security-descriptor';
import { DEFAULT_PRINTER_ACL } from '../../../lib/spooler/handles/printer-security';
import { ALICE, rpcclient, run } from '../../helpers/rpc-stack';
import { sdBytes } from '../../helpers/sd-bytes';
import { impacketSetPrinterSd } from './impacket-setprinter-sd';

/** rpcclient's ACE blocks: "type: ... (<n>) flags: 0x<f>", "Permissions: 0x<m>: ...", "SID: <sid>". */
function acesOf(out: string): Ace[] {
  return [
    ...out.matchAll(
      /type: [A-Z ]+\((\d+)\) flags: 0x([0-9a-f]+)[\s\S]*?Permissions: 0x([0-9a-f]+)[\s\S]*?SID: (S-[\d-]+)/g,
    ),
  ].map((m) => ({
    type: Number(m[1]),
    flags: parseInt(m[2] ?? '', 16),
    mask: parseInt(m[3] ?? '', 16),
    sid: m[4] ?? '',
  }));
}

jest.setTimeout(60000);

/** smbclient printing `file` on HpColor as alice. */
const printAsAlice = (port: number, file: string) =>
  run(TOOLS.smbclient, ['//127.0.0.1/HpColor', '-p', String(port), '-U', ALICE, '-m', 'SMB3', '-c', `print ${file}`]);

describeWithTools(
  ['rpcclient', 'smbclient', 'python3'],
  'printer security descriptors read by rpcclient getprinter 3',
  () => {
    let host: PrintServerHost;
    let port: number;
    beforeAll(async () => {
      host = await PrintServerHost.create({ logger: createSilentLogger() });
      port = (await host.listen(0, '127.0.0.1')).port;
    });
    afterAll(async () => {
      await host.close();
    });

    // The printer's stored descriptor (its registry Security value, or Windows' default).
    const expected = (printer: string): Ace[] => [
      ...(decodeSecurityDescriptor(host.printServer.security.descriptor(printer)).dacl ?? []),
    ];

    it.each(['HpColor', 'Marketing'])('%s: the ACEs rpcclient prints are those of the ACL', async (printer) => {
      const r = await rpcclient(port, ALICE, `getprinter ${printer} 3`);
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
      expect(r.stdout).toMatch(/Owner SID:\s+S-1-5-18/);
      expect(r.stdout).toMatch(/Group SID:\s+S-1-5-18/);
      const aces = acesOf(r.stdout);
      expect(aces).toEqual(expected(printer));
      expect(aces).toContainEqual({ type: 0, flags: 0, mask: 0x20008, sid: 'S-1-1-0' });
      expect(aces).toContainEqual({ type: 0, flags: 0, mask: 0xf000c, sid: 'S-1-5-32-544' });
    });

    it("Marketing's first ACE denies carol Print under her machine SID; HpColor denies nobody", async () => {
      const m = await rpcclient(port, ALICE, 'getprinter Marketing 3');
      expect(acesOf(m.stdout)[0]).toEqual({ type: 1, flags: 0, mask: 0x20008, sid: `${machineSid('NTPRINT')}-1002` });
      const h = await rpcclient(port, ALICE, 'getprinter HpColor 3');
      expect(acesOf(h.stdout).filter((a) => a.type === 1)).toEqual([]);
    });

    const setSd = (user: string, password: string, printer: string, sd: Buffer): Promise<number> =>
      impacketSetPrinterSd(port, user, password, printer, sd);

    it('SetPrinter level 3 (impacket) replaces the ACL: alice refused, then back to the default', async () => {
      const sids = new SidResolver(host.settings.serverName, host.settings.users);
      const denyAlice = encodePrinterSecurityDescriptor(
        [{ type: 'deny', trustee: 'alice', permissions: ['Print'] }, ...host.printServer.security.get('HpColor')],
        sids,
      );
      // alice holds Print only: opening for PRINTER_ALL_ACCESS is refused (ERROR_ACCESS_DENIED).
      expect(await setSd('alice', 'Passw0rd!', 'HpColor', denyAlice)).toBe(5);
      expect(await setSd('admin', 'Adm1n!pass', 'HpColor', denyAlice)).toBe(0);
      const shown = acesOf((await rpcclient(port, 'admin%Adm1n!pass', 'getprinter HpColor 3')).stdout);
      expect(shown[0]).toEqual({ type: 1, flags: 0, mask: 0x20008, sid: `${machineSid('NTPRINT')}-1000` });

      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-sd-'));
      const file = path.join(dir, 'note.txt');
      await fs.writeFile(file, 'x\f');
      const print = () => printAsAlice(port, file);
      const refused = await print();
      expect(refused.stdout + refused.stderr).toContain('NT_STATUS_ACCESS_DENIED');

      expect(
        await setSd('admin', 'Adm1n!pass', 'HpColor', encodePrinterSecurityDescriptor(DEFAULT_PRINTER_ACL, sids)),
      ).toBe(0);
      expect((await print()).code).toBe(0);
      await fs.rm(dir, { recursive: true, force: true });
    });

    /** rpcclient's "Owner SID", "Group SID" and the lines of its ACE dump. */
    const shown = async (printer: string): Promise<{ owner?: string; group?: string; aces: string[] }> => {
      const r = await rpcclient(port, 'admin%Adm1n!pass', `getprinter ${printer} 3`);
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
      return {
        owner: /Owner SID:\s+(S-[\d-]+)/.exec(r.stdout)?.[1],
        group: /Group SID:\s+(S-[\d-]+)/.exec(r.stdout)?.[1],
        aces: [...r.stdout.matchAll(/(type: .*|Permissions: .*|SID: S-[\d-]+)/g)].map((m) => m[1] ?? ''),
      };
    };

    it('an owner-only descriptor (impacket): rpcclient shows the new owner with the old group and DACL', async () => {
      const before = await shown('Marketing');
      expect(before.aces.length).toBeGreaterThan(0);
      const bob = `${machineSid('NTPRINT')}-1001`;
      expect(before.owner).not.toBe(bob);
      expect(await setSd('admin', 'Adm1n!pass', 'Marketing', sdBytes({ owner: bob }))).toBe(0);
      expect(await shown('Marketing')).toEqual({ owner: bob, group: before.group, aces: before.aces });
    });

    it('then a DACL-only descriptor replaces the ACEs and keeps that owner', async () => {
      const owner = (await shown('Marketing')).owner;
      const dacl = [
        { type: 0, flags: 0, mask: 0x000f000c, sid: 'S-1-5-32-544' },
        { type: 0, flags: 0, mask: 0x00020008, sid: 'S-1-1-0' },
      ];
      expect(await setSd('admin', 'Adm1n!pass', 'Marketing', sdBytes({ dacl }))).toBe(0);
      const after = await shown('Marketing');
      expect(after.owner).toBe(owner);
      expect(after.aces.filter((l) => l.startsWith('SID:'))).toEqual(['SID: S-1-5-32-544', 'SID: S-1-1-0']);
    });
  },
);

describeWithTools(
  ['rpcclient', 'smbclient', 'python3'],
  'a printer security descriptor across a restart (rpcclient)',
  () => {
    it('rpcclient getprinter 3 shows the bytes impacket set, the same after a restart; the deny ACE holds', async () => {
      const state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-sd-state-'));
      const m = machineSid('NTPRINT');
      // Deny alice after an allow (not canonical), generic rights, a job ACE, a foreign SID.
      const sd = sdBytes({
        dacl: [
          { type: 0, flags: 0, mask: 0x10000000, sid: 'S-1-5-32-544' },
          { type: 0, flags: 0x09, mask: 0x10000000, sid: 'S-1-3-0' },
          { type: 1, flags: 0, mask: 0x00000008, sid: `${m}-1000` },
          { type: 0, flags: 0, mask: 0x20000000, sid: 'S-1-1-0' },
          { type: 0, flags: 0, mask: 0x000f000c, sid: 'S-1-5-21-11-22-33-4444' },
        ],
        owner: 'S-1-5-32-544',
        group: 'S-1-5-18',
      });
      const start = async (): Promise<{ host: PrintServerHost; port: number }> => {
        const host = await PrintServerHost.create({ logger: createSilentLogger(), stateDir: state });
        return { host, port: (await host.listen(0, '127.0.0.1')).port };
      };
      const first = await start();
      const set = await run(TOOLS.python3, [
        path.join(__dirname, 'impacket-setprinter-sd.py'),
        String(first.port),
        'admin',
        'Adm1n!pass',
        'HpColor',
        sd.toString('hex'),
      ]);
      expect(set.stderr).toBe('');
      expect((JSON.parse(set.stdout) as { status: number }).status).toBe(0);
      const before = await rpcclient(first.port, 'admin%Adm1n!pass', 'getprinter HpColor 3');
      expect(before.code).toBe(0);
      await first.host.close();

      const second = await start();
      try {
        const after = await rpcclient(second.port, 'admin%Adm1n!pass', 'getprinter HpColor 3');
        expect(after.stdout).toBe(before.stdout);
        expect(acesOf(after.stdout)).toEqual([
          { type: 0, flags: 0, mask: 0x10000000, sid: 'S-1-5-32-544' },
          { type: 0, flags: 0x09, mask: 0x10000000, sid: 'S-1-3-0' },
          { type: 1, flags: 0, mask: 0x00000008, sid: `${m}-1000` },
          { type: 0, flags: 0, mask: 0x20000000, sid: 'S-1-1-0' },
          { type: 0, flags: 0, mask: 0x000f000c, sid: 'S-1-5-21-11-22-33-4444' },
        ]);
        expect(after.stdout).toMatch(/Owner SID:\s+S-1-5-32-544/);
        expect(second.host.printServer.security.descriptor('HpColor')).toEqual(sd);
        // alice's deny ACE comes before Everyone's GENERIC_EXECUTE: she may not print.
        const file = path.join(state, 'note.txt');
        await fs.writeFile(file, 'x\f');
        const print = await printAsAlice(second.port, file);
        expect(print.stdout + print.stderr).toContain('NT_STATUS_ACCESS_DENIED');
      } finally {
        await second.host.close();
        await fs.rm(state, { recursive: true, force: true });
      }
    });
  },
);
