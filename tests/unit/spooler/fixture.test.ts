import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, ParseError } from '../../../lib/common/errors';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { registryFromJson } from '../../../lib/registry/json-fixture';
import {
  copyFilesKeyPath,
  driverKeyPath,
  environmentKeyPath,
  portKeyPath,
  printerKeyPath,
} from '../../../lib/registry/print-keys';
import { RegType } from '../../../lib/common/reg-value';
import { PRINTERS_KEY } from '../../../lib/registry/registry-key';
import {
  DEFAULT_FIXTURE_DIR,
  loadFixture,
  parseServerJson,
  type PrintServerFixture,
} from '../../../lib/spooler/fixture';
import { REG_FORMATS, fixtureRegFile } from '../../../scripts/generate-registry-fixtures';
import { dumpRegistry } from '../../helpers/registry-dump';

const REPO = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(REPO, 'registry-fixtures');
const HP = 'HP Color LaserJet 4500 PCL';

describe('DEFAULT_FIXTURE_DIR', () => {
  it('is the absolute registry-fixtures/NTPRINT of this package', () => {
    expect(DEFAULT_FIXTURE_DIR).toBe(path.join(FIXTURES, 'NTPRINT'));
    expect(fs.existsSync(path.join(DEFAULT_FIXTURE_DIR, 'server.json'))).toBe(true);
  });
});

describe('registry-fixtures/NTPRINT', () => {
  let fixture: PrintServerFixture;
  beforeAll(async () => {
    fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
  });

  it('reads the server settings', () => {
    const s = fixture.settings;
    expect(s.serverName).toBe('NTPRINT');
    expect(s.domain).toBe('WORKGROUP');
    expect(s.users).toEqual([
      { name: 'alice', password: 'Passw0rd!', groups: ['Users'] },
      { name: 'admin', password: 'Adm1n!pass', groups: ['Administrators'] },
      { name: 'carol', password: 'C4rol!pw', groups: ['Users'] },
    ]);
    expect([s.allowGuest, s.allowAnonymous, s.allowNtlmV1, s.signingRequired]).toEqual([false, false, false, false]);
    expect(s.shares?.map((x) => x.name)).toEqual(['PRINT$', 'IPC$']);
    expect(fixture.registryFile).toBe(path.join(DEFAULT_FIXTURE_DIR, 'registry.reg'));
    expect(fixture.driversRoot).toBe(fs.realpathSync(path.join(REPO, 'drivers-store')));
  });

  it('holds HpColor as a Windows server keeps it', () => {
    const key = fixture.registry.getKey(printerKeyPath('HpColor'))!;
    const v = (name: string): unknown => key.getValue(name)?.value;
    expect(v('Name')).toBe('HpColor');
    expect(v('Share Name')).toBe('HpColor');
    expect(v('Port')).toBe('IP_10.0.0.15');
    expect(v('Printer Driver')).toBe(HP);
    expect(v('Print Processor')).toBe('winprint');
    expect(v('Datatype')).toBe('RAW');
    expect(key.getValue('Attributes')).toEqual({ name: 'Attributes', type: RegType.REG_DWORD, value: 0x249 });
    expect(typeof v('Location')).toBe('string');
    expect(typeof v('Description')).toBe('string');
    for (const name of ['Priority', 'Default Priority', 'StartTime', 'UntilTime', 'Status'])
      expect(key.getValue(name)?.type).toBe(RegType.REG_DWORD);
    expect(key.subkeyNames()).toEqual(['PrinterDriverData', 'DsSpooler', 'CopyFiles']);
    expect(fixture.registry.getKey(`${printerKeyPath('HpColor')}\\DsSpooler`)?.getValue('uNCName')?.value).toBe(
      '\\\\NTPRINT\\HpColor',
    );
  });

  it('has CopyFiles\\ICM exactly as the Point and Print example', () => {
    const icm = fixture.registry.getKey(copyFilesKeyPath('HpColor', 'ICM'))!;
    expect(icm.valueList()).toEqual([
      { name: 'Directory', type: RegType.REG_SZ, value: 'Color' },
      { name: 'Files', type: RegType.REG_MULTI_SZ, value: ['Hpclrlsr.icm'] },
      { name: 'Module', type: RegType.REG_SZ, value: 'mscms.dll' },
    ]);
  });

  it('has a second printer with two CopyFiles keys, one using the pathshift.dll module', () => {
    const key = fixture.registry.getKey(printerKeyPath('Marketing'))!;
    expect(key.getValue('Share Name')?.value).toBe('MktColor');
    expect(fixture.registry.getKey(`${printerKeyPath('Marketing')}\\CopyFiles`)?.subkeyNames()).toEqual([
      'ICM',
      'Watermarks',
    ]);
    const wm = fixture.registry.getKey(copyFilesKeyPath('Marketing', 'Watermarks'))!;
    expect(wm.getValue('Module')?.value).toBe('pathshift.dll');
    expect(wm.getValue('Directory')?.value).toBe('Watermarks');
  });

  it('has the TCP/IP ports the printers name, each printer on a loopback address of its own', () => {
    const ports: Record<string, unknown>[] = [];
    const portNames = fixture.registry
      .getKey(PRINTERS_KEY)!
      .subkeyNames()
      .map((name) => fixture.registry.getKey(printerKeyPath(name))!.getValue('Port')!.value as string);
    // HpColorPkg shares HpColor's port (one device, two queues).
    for (const port of [...new Set(portNames)]) {
      const portKey = fixture.registry.getKey(portKeyPath('Standard TCP/IP Port', port))!;
      // The documented mapping: IP_10.0.0.N is the emulated printer on 127.0.0.N.
      expect(portKey.getValue('HostName')?.value).toBe(port.replace(/^IP_10\./, '127.'));
      expect(portKey.getValue('PortNumber')?.type).toBe(RegType.REG_DWORD);
      ports.push(Object.fromEntries(portKey.valueList().map((v) => [v.name, v.value])));
    }
    expect(ports).toEqual([
      expect.objectContaining({ Protocol: 1, PortNumber: 9100, 'SNMP Enabled': 1, 'SNMP Community': 'public' }),
      expect.objectContaining({ Protocol: 2, PortNumber: 515, Queue: 'raw', 'Double Spool': 1, 'SNMP Enabled': 1 }),
    ]);
    expect(fixture.settings.statusUpdateIntervalMs).toBe(2000);
  });

  it("finds every driver's files in the drivers store, for x64 and x86", async () => {
    const store = await DriverStore.open(fixture.driversRoot);
    for (const env of ['Windows x64', 'Windows NT x86']) {
      const dir = fixture.registry.getKey(environmentKeyPath(env))!.getValue('Directory')!.value as string;
      for (const printer of fixture.registry.getKey(PRINTERS_KEY)!.subkeyNames()) {
        const driverName = fixture.registry.getKey(printerKeyPath(printer))!.getValue('Printer Driver')!
          .value as string;
        const driver = fixture.registry.getKey(driverKeyPath(env, 3, driverName))!;
        expect(driver.getValue('Version')?.value).toBe(3);
        const files = [
          ...['Driver', 'Data File', 'Configuration File', 'Help File'].map((n) => driver.getValue(n)!.value as string),
          ...(driver.getValue('Dependent Files')!.value as string[]),
        ];
        for (const file of files) {
          const entry = await store.resolve(`${dir}\\3\\${file}`);
          expect(entry?.isDirectory).toBe(false);
          if (/\.DLL$/i.test(file)) expect((await store.read(entry!, 0, 11)).toString()).toBe('PLACEHOLDER');
        }
      }
    }
  });

  it("finds every CopyFiles file under its Directory (and pathshift's per-architecture folders)", async () => {
    const store = await DriverStore.open(fixture.driversRoot);
    for (const printer of ['HpColor', 'Marketing']) {
      const copyFiles = fixture.registry.getKey(`${printerKeyPath(printer)}\\CopyFiles`)!;
      for (const key of copyFiles.keys()) {
        const dir = key.getValue('Directory')!.value as string;
        for (const file of key.getValue('Files')!.value as string[]) {
          expect((await store.resolve(`${dir}\\${file}`))?.size).toBeGreaterThan(0);
          if (key.name === 'Watermarks')
            for (const arch of ['x64', 'W32X86']) expect(await store.resolve(`${dir}\\${arch}\\${file}`)).toBeDefined();
        }
      }
    }
  });
});

describe('each fixture: registry.json and registry.reg agree', () => {
  const servers = fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, 'registry.json')));

  it('covers NTPRINT and LEGACYPS', () => {
    expect(servers.sort()).toEqual(['LEGACYPS', 'NTPRINT']);
  });

  test.each(servers)('%s', async (server) => {
    const dir = path.join(FIXTURES, server);
    const fromJson = registryFromJson(
      JSON.parse(fs.readFileSync(path.join(dir, 'registry.json'), 'utf8')),
      'registry.json',
    );
    const fixture = await loadFixture(dir);
    expect(path.basename(fixture.registryFile)).toBe('registry.reg');
    expect(dumpRegistry(fixture.registry)).toEqual(dumpRegistry(fromJson));
    // The committed .reg is what scripts/generate-registry-fixtures.ts writes today.
    const reg = fs.readFileSync(path.join(dir, 'registry.reg'));
    expect(reg.equals(fixtureRegFile(fromJson, REG_FORMATS[server] ?? 'regedit5'))).toBe(true);
  });

  it('LEGACYPS is a REGEDIT4 (ANSI) file with guest access and NTLMv1 allowed', async () => {
    const fixture = await loadFixture(path.join(FIXTURES, 'LEGACYPS'));
    expect(fs.readFileSync(fixture.registryFile).subarray(0, 10).toString('latin1')).toBe('REGEDIT4\r\n');
    expect(fixture.registry.getKey(printerKeyPath('Lobby'))?.getValue('Location')?.value).toBe(
      'Réception, rez-de-chaussée',
    );
    expect(fixture.settings.allowGuest).toBe(true);
    expect(fixture.settings.allowNtlmV1).toBe(true);
  });
});

describe('bad fixtures are refused with the file and the member', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pointprint-fixture-'));
    fs.mkdirSync(path.join(tmp, 'drivers'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (settings: unknown, files: Record<string, string | Buffer> = {}): void => {
    fs.writeFileSync(path.join(tmp, 'server.json'), typeof settings === 'string' ? settings : JSON.stringify(settings));
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(tmp, name), data);
  };
  const base = { serverName: 'SRV', drivers: 'drivers' };
  const reg = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\r\n"a"="b"\r\n';

  it('loads a minimal fixture with a registry.json when there is no registry.reg', async () => {
    write(base, { 'registry.json': JSON.stringify({ keys: { 'HKLM\\SYSTEM\\X': { a: 'b' } } }) });
    const f = await loadFixture(tmp);
    expect(f.settings).toEqual({
      serverName: 'SRV',
      domain: 'WORKGROUP',
      users: [],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
    });
    expect(f.registry.getKey('HKLM\\SYSTEM\\X')?.getValue('a')?.value).toBe('b');
  });

  it('prefers registry.reg', async () => {
    write(base, { 'registry.reg': reg, 'registry.json': '{"keys":{}}' });
    expect(path.basename((await loadFixture(tmp)).registryFile)).toBe('registry.reg');
  });

  it('names a malformed .reg file and its line', async () => {
    write(base, { 'registry.reg': reg + '"broken\r\n' });
    const err = await loadFixture(tmp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).file).toBe(path.join(tmp, 'registry.reg'));
    expect((err as ParseError).line).toBe(5);
  });

  test.each<[string, unknown, Record<string, string>, RegExp]>([
    ['missing server.json', undefined, {}, /server\.json: cannot read \(ENOENT\)/],
    ['invalid JSON', '{ nope', {}, /server\.json: not valid JSON/],
    ['unknown member', { ...base, colour: 1 }, {}, /server\.json: colour: unknown member/],
    [
      'bad server name',
      { ...base, serverName: 'NOT A NETBIOS NAME' },
      {},
      /serverName: "NOT A NETBIOS NAME" is not a NetBIOS name/,
    ],
    ['long server name', { ...base, serverName: 'ABCDEFGHIJKLMNOP' }, {}, /is not a NetBIOS name/],
    ['boolean as string', { ...base, allowGuest: 'yes' }, {}, /allowGuest: expected true or false/],
    [
      'status interval not a whole number',
      { ...base, statusUpdateIntervalMs: 0.5 },
      {},
      /statusUpdateIntervalMs: expected a whole number of milliseconds/,
    ],
    [
      'user without password',
      { ...base, users: [{ name: 'a', groups: [] }] },
      {},
      /users\[0\]\.password: expected a string/,
    ],
    [
      'duplicate user',
      {
        ...base,
        users: [
          { name: 'a', password: '' },
          { name: 'A', password: '' },
        ],
      },
      {},
      /users\[1\]\.name: "A" is listed twice/,
    ],
    [
      'bad groups',
      { ...base, users: [{ name: 'a', password: '', groups: 'Users' }] },
      {},
      /users\[0\]\.groups: expected an array/,
    ],
    ['bad share type', { ...base, shares: [{ name: 'X', type: 'printer' }] }, {}, /shares\[0\]\.type/],
    ['no registry', base, {}, /no registry\.reg or registry\.json/],
    [
      'registry outside the folder',
      { ...base, registry: '../elsewhere.reg' },
      {},
      /registry: "\.\.\/elsewhere\.reg" is outside the fixture folder/,
    ],
    [
      'registry of another kind',
      { ...base, registry: 'registry.txt' },
      { 'registry.txt': '' },
      /must be a \.reg or \.json file/,
    ],
    ['missing drivers', { ...base, drivers: 'nope' }, { 'registry.reg': reg }, /drivers: .*nope does not exist/],
    [
      'drivers not a directory',
      { ...base, drivers: 'registry.reg' },
      { 'registry.reg': reg },
      /drivers: .* is not a directory/,
    ],
    [
      'bad registry.json',
      base,
      { 'registry.json': '{"keys":{"HKLM\\\\X":{"a":-1}}}' },
      /registry\.json: keys\["HKLM\\\\X"\]\["a"\]: dword must be/,
    ],
  ])('%s', async (_label, settings, files, message) => {
    if (settings !== undefined) write(settings, files);
    const err = await loadFixture(tmp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
  });

  it('parseServerJson refuses a non-object', () => {
    expect(() => parseServerJson([], 'server.json')).toThrow(/server\.json: \(document\): expected a JSON object/);
  });
});
