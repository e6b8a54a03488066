/**
 * Samba's smbclient against our Smb2Server on 127.0.0.1: listing and downloading from PRINT$ on
 * every dialect, with and without signing, and the refusals (wrong password, put, escapes).
 * In CI (CI=true) a missing smbclient fails the suite; locally the suite is skipped.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';

const run = promisify(execFile);
const SMBCLIENT = '/usr/bin/smbclient';
const REPO = path.resolve(__dirname, '../../..');
const STORE = path.join(REPO, 'drivers-store');
const available = existsSync(SMBCLIENT);
const suite = available || process.env.CI === 'true' ? describe : describe.skip;

interface Result {
  readonly code: number;
  readonly out: string;
}

async function smbclient(args: readonly string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(SMBCLIENT, [...args], {
      timeout: 30000,
      env: { ...process.env, HOME: os.tmpdir() },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

suite('smbclient against the SMB2 server', () => {
  let server: Smb2Server;
  let port: number;
  let tmp: string;
  const expected = (): Promise<Buffer> => fs.readFile(path.join(STORE, 'color', 'Hpclrlsr.icm'));

  beforeAll(async () => {
    if (!available) throw new Error(`${SMBCLIENT} is required in CI`);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smbclient-'));
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [{ name: 'user', password: 'pass', groups: ['Users'] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(STORE),
    });
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server?.close();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  const base = (): string[] => ['-p', String(port), '//127.0.0.1/print$', '-U', 'user%pass'];
  const cases: Array<[string, string[]]> = [];
  for (const m of ['SMB2_02', 'SMB2_10', 'SMB3_00', 'SMB3_02', 'SMB3_11']) {
    cases.push([m, ['-m', m]]);
    cases.push([`${m} signed`, ['-m', m, '--client-protection=sign']]);
    if (m.startsWith('SMB3')) cases.push([`${m} encrypted`, ['-m', m, '--client-protection=encrypt']]);
  }

  it.each(cases)('%s: ls, cd color, get Hpclrlsr.icm', async (_name, extra) => {
    const target = path.join(tmp, `x-${_name.replace(/\W/g, '_')}`);
    const r = await smbclient([...base(), ...extra, '-c', `ls; cd color; get Hpclrlsr.icm ${target}`]);
    expect(r.out).toMatch(/\bcolor\s+D\b/);
    expect(r.out).toMatch(/\bx64\s+D\b/);
    expect(r.out).toMatch(/blocks of size/);
    expect(r.code).toBe(0);
    expect((await fs.readFile(target)).equals(await expected())).toBe(true);
  });

  it('allinfo, showacls and volume get the info classes they ask for', async () => {
    const r = await smbclient([
      ...base(),
      '-c',
      'allinfo color\\Hpclrlsr.icm; showacls; ls color\\Hpclrlsr.icm; volume',
    ]);
    expect(r.out).toContain('altname: HPCLRLSR.ICM');
    expect(r.out).toContain('stream: [::$DATA], 580 bytes');
    expect(r.out).toMatch(/Owner SID:\s+S-1-5-32-544/);
    expect(r.out).toMatch(/Volume: \|PRINT\$\| serial number 0x[0-9a-f]+/);
    expect(r.code).toBe(0);
  });

  it('refuses a wrong password', async () => {
    const r = await smbclient(['-p', String(port), '//127.0.0.1/print$', '-U', 'user%wrong', '-c', 'ls']);
    expect(r.out).toContain('NT_STATUS_LOGON_FAILURE');
    expect(r.code).not.toBe(0);
  });

  it('refuses put, mkdir and del on PRINT$', async () => {
    const local = path.join(tmp, 'up.txt');
    await fs.writeFile(local, 'not allowed');
    const r = await smbclient([...base(), '-c', `put ${local} up.txt; mkdir newdir; del color\\Hpclrlsr.icm`]);
    expect(r.out).toContain('NT_STATUS_ACCESS_DENIED opening remote file \\up.txt');
    expect(r.out).toContain('NT_STATUS_ACCESS_DENIED making remote directory \\newdir');
    expect(r.out).toContain('NT_STATUS_ACCESS_DENIED deleting remote file \\color\\Hpclrlsr.icm');
  });

  it('gives nothing for ..\\..\\..\\etc\\passwd, absolute paths or device names', async () => {
    const out = path.join(tmp, 'passwd');
    const r = await smbclient([
      ...base(),
      '-c',
      `get ..\\..\\..\\etc\\passwd ${out}; get /etc/passwd ${out}; get NUL ${out}`,
    ]);
    expect(r.out).toMatch(/NT_STATUS_OBJECT_PATH_NOT_FOUND opening remote file \\etc\\passwd/);
    expect(r.out).toMatch(/NT_STATUS_OBJECT_NAME_INVALID opening remote file \\NUL/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unknown share', async () => {
    const r = await smbclient(['-p', String(port), '//127.0.0.1/nosuch', '-U', 'user%pass', '-c', 'ls']);
    expect(r.out).toContain('NT_STATUS_BAD_NETWORK_NAME');
  });
});

suite('smbclient downloading a large driver file (pipelined multi-credit reads)', () => {
  let server: Smb2Server;
  let port: number;
  let dir: string;
  let big: Buffer;
  beforeAll(async () => {
    if (!available) throw new Error(`${SMBCLIENT} is required in CI`);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smbclient-big-'));
    big = randomBytes(12 * 1024 * 1024 + 4321);
    await fs.mkdir(path.join(dir, 'x64', '3'), { recursive: true });
    await fs.writeFile(path.join(dir, 'x64', '3', 'BIG.CAB'), big);
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [{ name: 'user', password: 'pass', groups: [] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(dir),
    });
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['SMB2_02', []],
    ['SMB3_11 signed', ['--client-protection=sign']],
    ['SMB3_11 encrypted', ['--client-protection=encrypt']],
    // Each cipher alone: GCM READ responses are sealed on worker threads, CCM on the event loop.
    ...['AES-128-GCM', 'AES-256-GCM', 'AES-128-CCM', 'AES-256-CCM'].map((cipher): [string, string[]] => [
      `SMB3_11 encrypted ${cipher}`,
      ['--client-protection=encrypt', `--option=client smb3 encryption algorithms=${cipher}`],
    ]),
    ['SMB3_00 encrypted (AES-128-CCM)', ['--client-protection=encrypt']],
  ])('%s', async (name, extra) => {
    const target = path.join(dir, `got-${name.replace(/\W/g, '_')}`);
    const m = name.split(' ')[0]!;
    const r = await smbclient([
      '-m',
      m,
      ...extra,
      '-p',
      String(port),
      '//127.0.0.1/print$',
      '-U',
      'user%pass',
      '-c',
      `get x64\\3\\BIG.CAB ${target}`,
    ]);
    expect(r.code).toBe(0);
    expect((await fs.readFile(target)).equals(big)).toBe(true);
  });
});

suite('smbclient against the full print server (srvsvc, printer shares)', () => {
  let fixture: FixtureServer;
  beforeAll(async () => {
    if (!available) throw new Error(`${SMBCLIENT} is required in CI`);
    fixture = await startFixtureServer({
      fixture: path.join(REPO, 'registry-fixtures', 'NTPRINT'),
      drivers: STORE,
      users: [{ name: 'user', password: 'pass', groups: ['Users'] }],
    });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('smbclient -L lists IPC$, PRINT$ and the printers (signed IPC$, srvsvc over a pipe)', async () => {
    const r = await smbclient(['-L', '127.0.0.1', '-p', String(fixture.port), '-U', 'user%pass']);
    expect(r.out).toMatch(/IPC\$\s+IPC\s+Remote IPC/);
    expect(r.out).toMatch(/PRINT\$\s+Disk\s+Printer Drivers/);
    expect(r.out).toMatch(/HpColor\s+Printer/);
  });

  it('prints a file to a printer share', async () => {
    const doc = path.join(os.tmpdir(), `pp-doc-${process.pid}.txt`);
    await fs.writeFile(doc, 'hello printer\n');
    const r = await smbclient([
      '-p',
      String(fixture.port),
      '//127.0.0.1/HpColor',
      '-U',
      'user%pass',
      '-c',
      `print ${doc}`,
    ]);
    await fs.rm(doc, { force: true });
    expect(r.out).toMatch(/putting file .* as /);
    expect(r.code).toBe(0);
  });
});
