/**
 * The auxiliary pipes of a print server (lsarpc, samr, winreg) with real clients: Samba's
 * rpcclient and `net rpc registry`, and impacket's lsad/lsat, rrp and samr modules, against the
 * NTPRINT fixture served by the host. The SIDs they see are the spooler's: the machine SID is the
 * one printers' security descriptors carry.
 */
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { machineSid } from '../../../lib/spooler/handles/printer-security-descriptor';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ADMIN, ALICE, run } from '../../helpers/rpc-stack';

jest.setTimeout(120_000);

describeWithTools(['rpcclient', 'net', 'python3', 'impacket'], 'lsarpc, samr and winreg against pointprint', () => {
  const address = `127.0.0.${40 + ((process.pid + 23) % 150)}`;
  const sid = machineSid('NTPRINT');
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ address, epmPort: false });
  });
  afterAll(() => server.close());

  const rpcclient = (user: string, command: string): ReturnType<typeof run> =>
    run(TOOLS.rpcclient, ['-p', String(server.port), '-U', user, '-c', command, address]);
  const net = (user: string, ...args: string[]): ReturnType<typeof run> =>
    run(TOOLS.net, [...args, '-S', address, '-p', String(server.port), '-U', user]);

  it('rpcclient lsaquery: the workgroup as primary domain, the machine and its SID as account domain', async () => {
    const r = await rpcclient(ALICE, 'lsaquery; lsaquery 5');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Domain Name: WORKGROUP\nDomain Sid: (NULL SID)');
    expect(r.stdout).toContain(`Domain Name: NTPRINT\nDomain Sid: ${sid}`);
  });

  it('rpcclient lookupnames and lookupsids translate the fixture accounts and groups both ways', async () => {
    const names = await rpcclient(ALICE, 'lookupnames alice admin Administrators Everyone');
    expect(names.stdout).toContain(`alice ${sid}-1000 (User: 1)`);
    expect(names.stdout).toContain(`admin ${sid}-1001 (User: 1)`);
    expect(names.stdout).toContain('Administrators S-1-5-32-544 (Local Group: 4)');
    expect(names.stdout).toContain('Everyone S-1-1-0 (Well-known Group: 5)');
    const sids = await rpcclient(ALICE, `lookupsids ${sid}-1002 S-1-5-32-545 S-1-1-0`);
    expect(sids.stdout).toContain(`${sid}-1002 NTPRINT\\carol (1)`);
    expect(sids.stdout).toContain('S-1-5-32-545 BUILTIN\\Users (4)');
    expect(sids.stdout).toContain('S-1-1-0 \\Everyone (5)');
  });

  it('rpcclient samr: enumdomains, lookupdomain, samlookupnames and samlookuprids', async () => {
    const r = await rpcclient(
      ALICE,
      'enumdomains; lookupdomain NTPRINT; samlookupnames builtin Administrators; samlookuprids domain 1000 1001',
    );
    expect(r.stdout).toContain('name:[NTPRINT]');
    expect(r.stdout).toContain('name:[Builtin]');
    expect(r.stdout).toContain(`Domain Name: NTPRINT Domain SID: ${sid}`);
    expect(r.stdout).toContain('name Administrators: 0x220 (4)');
    expect(r.stdout).toContain('rid 0x3e8: alice (1)');
    expect(r.stdout).toContain('rid 0x3e9: admin (1)');
  });

  it("net rpc registry enumerate reads the spooler's registry: HpColor's keys and values", async () => {
    const r = await net(
      ALICE,
      'rpc',
      'registry',
      'enumerate',
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Keyname\s+= CopyFiles/);
    expect(r.stdout).toMatch(/Valuename\s+= Printer Driver\nType\s+= REG_SZ\nValue\s+= "HP Color LaserJet 4500 PCL"/);
    const top = await net(ADMIN, 'rpc', 'registry', 'enumerate', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print');
    expect(top.stdout).toMatch(/Keyname\s+= Environments/);
    expect(top.stdout).toMatch(/Keyname\s+= Printers/);
  });

  it("printer data set with rpcclient reads back over spoolss and, under both printers' paths, over winreg", async () => {
    const set = await rpcclient(ADMIN, 'setprinterdata HpColor multistring Trays upper lower; getdata HpColor Trays');
    expect(set.stdout).toContain('SetPrinterData succeeded [Trays: upper]');
    expect(set.stdout).toMatch(/Trays: REG_MULTI_SZ: upper lower/);
    const listed = /Valuename\s+= Trays\nType\s+= REG_MULTI_SZ\nValue\[000\] = "upper"\nValue\[001\] = "lower"/;
    for (const printers of [
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers',
      // Windows' link target: the same keys (lib/rpc/winreg/registry-links.ts).
      'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers',
    ]) {
      const r = await net(ALICE, 'rpc', 'registry', 'enumerate', `${printers}\\HpColor\\PrinterDriverData`);
      expect(r.stdout).toMatch(listed);
    }
    const bytes = server.printServerHost.printServer.registry
      .getKey('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor\\PrinterDriverData')
      ?.getValue('Trays');
    expect(bytes?.value).toEqual(['upper', 'lower']);
  });

  it('a normal user cannot change the registry: net rpc registry setvalue is refused', async () => {
    const r = await net(
      ALICE,
      'rpc',
      'registry',
      'setvalue',
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print',
      'X',
      'sz',
      'y',
    );
    // net exits 0 whatever the server says; the status is in its message.
    expect(`${r.stdout}${r.stderr}`).toMatch(/registry_setvalue failed: (NT_STATUS|WERR)_ACCESS_DENIED/);
    expect(
      server.printServerHost.printServer.registry
        .getKey('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print')
        ?.getValue('X'),
    ).toBeUndefined();
  });

  it('impacket lsad/lsat, rrp and samr', async () => {
    const r = await run(TOOLS.python3, [
      path.join(__dirname, 'impacket-aux-pipes.py'),
      address,
      String(server.port),
      'alice',
      'Passw0rd!',
    ]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.accountDomain).toEqual({ name: 'NTPRINT', sid });
    expect(out.primaryDomain).toBe('WORKGROUP');
    expect(out.lookupNames).toEqual([
      { use: 1, rid: 1000, domain: 0 },
      { use: 4, rid: 544, domain: 1 },
    ]);
    expect(out.lookupNamesDomains).toEqual(['NTPRINT', 'BUILTIN']);
    expect(out.lookupNames3).toBe(`${sid}-1002`);
    expect(out.lookupSids).toEqual(['carol', 'Administrators']);
    expect(out.lookupUnknown).toEqual({ error: '0xc0000073' }); // STATUS_NONE_MAPPED
    expect(out.infoKey).toEqual({ subKeys: 3, values: expect.any(Number) as number });
    expect(out.subkeys).toEqual(['PrinterDriverData', 'DsSpooler', 'CopyFiles']);
    expect(out.firstValue).toEqual({ name: 'Name', type: 1 });
    expect(out.driver).toEqual({ type: 1, data: 'HP Color LaserJet 4500 PCL' });
    expect(out.missingValue).toEqual({ error: '0x00000002' }); // ERROR_FILE_NOT_FOUND
    expect(out.missingKey).toEqual({ error: '0x00000002' });
    expect(out.writeAccess).toEqual({ error: '0x00000005' }); // ERROR_ACCESS_DENIED for alice
    expect(out.domains).toEqual(['NTPRINT', 'Builtin']);
    expect(out.samrAdmin).toEqual({ rid: 1001, use: 1 });
  });
});
