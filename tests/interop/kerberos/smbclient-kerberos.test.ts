/**
 * Samba's smbclient with --use-kerberos=required against our SMB2 server with a keytab: alice
 * kinit'ed at an MIT KDC (tests/helpers/kdc.ts), the ticket for cifs/ntprint.<realm> got by
 * smbclient itself, SPNEGO with the AP-REQ, our AP-REP; downloads from PRINT$ on 3.0 and 3.1.1,
 * signed and sealed. NTLM keeps working beside it.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createKerberosAcceptorSettings } from '../../../lib/auth/kerberos/kerberos-acceptor';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { describeWithKdc, klist, startKdc, type TestKdc } from '../../helpers/kdc';
import { spawnServer } from '../../helpers/spawn-server';

const SMBCLIENT = '/usr/bin/smbclient';
const REPO = path.resolve(__dirname, '../../..');
const STORE = path.join(REPO, 'drivers-store');

const ALICE_NTLM_PASSWORD = 'Ntlm!alice1';

jest.setTimeout(90000);

interface Result {
  readonly code: number;
  readonly out: string;
}

describeWithKdc('smbclient --use-kerberos=required against our server', () => {
  let kdc: TestKdc;
  let server: Smb2Server;
  let port: number;
  let ccache: string;

  beforeAll(async () => {
    if (!existsSync(SMBCLIENT)) throw new Error(`${SMBCLIENT} is required`);
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'POINTPRINT',
      users: [{ name: 'alice', password: ALICE_NTLM_PASSWORD, groups: ['Users'] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(STORE),
      kerberos: createKerberosAcceptorSettings({ keytab: kdc.serverKeytab }),
    });
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server?.close();
    await kdc?.stop();
  });

  function smbclient(args: readonly string[], ccname = ccache, serverPort = port): Promise<Result> {
    return new Promise((resolve) => {
      const child = execFile(
        SMBCLIENT,
        [
          '-p',
          String(serverPort),
          '-I',
          '127.0.0.1',
          `//${kdc.serverHost}/print$`,
          ...(args.includes('-U') ? [] : ['-N', `--use-krb5-ccache=FILE:${ccname}`]),
          ...args,
        ],
        { timeout: 30000, env: { ...kdc.env, KRB5CCNAME: `FILE:${ccname}`, HOME: kdc.dir } },
        (err, stdout, stderr) => {
          const code = err
            ? typeof (err as { code?: unknown }).code === 'number'
              ? (err as { code: number }).code
              : -1
            : 0;
          resolve({ code, out: `${stdout}${stderr}` });
        },
      );
      child.stdin?.end();
    });
  }

  const cases: Array<[string, string[]]> = [];
  for (const m of ['SMB3_00', 'SMB3_11']) {
    cases.push([`${m} signed`, ['-m', m, '--client-protection=sign']]);
    cases.push([`${m} sealed`, ['-m', m, '--client-protection=encrypt']]);
  }

  it.each(cases)('%s: get color\\Hpclrlsr.icm with a Kerberos ticket', async (name, extra) => {
    const target = path.join(kdc.dir, `icm-${name.replace(/\W/g, '_')}`);
    const r = await smbclient(['--use-kerberos=required', ...extra, '-c', `cd color; get Hpclrlsr.icm ${target}`]);
    expect(r.out).not.toMatch(/NT_STATUS_/);
    expect(r.code).toBe(0);
    expect((await fs.readFile(target)).equals(await fs.readFile(path.join(STORE, 'color', 'Hpclrlsr.icm')))).toBe(true);
    // smbclient asked the KDC for our service ticket: Kerberos it was (-N leaves NTLM no password).
    expect(await klist(kdc, ccache)).toContain(`cifs/${kdc.serverHost}@${kdc.realm}`);
  });

  it('fails without a ticket, and the server keeps serving', async () => {
    const r = await smbclient(['--use-kerberos=required', '-m', 'SMB3_11', '-c', 'ls'], path.join(kdc.dir, 'none'));
    expect(r.code).not.toBe(0);
    const ok = await smbclient(['--use-kerberos=required', '-m', 'SMB3_11', '-c', 'ls']);
    expect(ok.out).toMatch(/\bcolor\s+D\b/);
  });

  it('NTLM keeps working beside Kerberos', async () => {
    const r = await smbclient([
      '--use-kerberos=off',
      '-U',
      `alice%${ALICE_NTLM_PASSWORD}`,
      '-m',
      'SMB3_11',
      '-c',
      'ls',
    ]);
    expect(r.out).toMatch(/\bcolor\s+D\b/);
    expect(r.code).toBe(0);
  });

  it('a server whose keytab does not hold the ticket key refuses the session', async () => {
    const { decodeKeytab, encodeKeytab } = await import('../../../lib/auth/kerberos/keytab');
    const wrong = decodeKeytab(await fs.readFile(kdc.serverKeytab)).map((e) => ({
      ...e,
      key: Buffer.alloc(e.key.length, 9),
    }));
    const other = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'POINTPRINT',
      users: [{ name: 'alice', password: ALICE_NTLM_PASSWORD, groups: ['Users'] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(STORE),
      kerberos: createKerberosAcceptorSettings({ keytab: decodeKeytab(encodeKeytab(wrong)) }),
    });
    const { port: otherPort } = await other.listen(0, '127.0.0.1');
    try {
      const r = await smbclient(['--use-kerberos=required', '-m', 'SMB3_11', '-c', 'ls'], ccache, otherPort);
      expect(r.code).not.toBe(0);
      // smbclient read our KRB-ERROR (KRB_AP_ERR_MODIFIED) from the SESSION_SETUP response.
      expect(r.out).toContain('Message stream modified');
      expect(r.out).not.toMatch(/\bcolor\s+D\b/);
    } finally {
      await other.close();
    }
  });

  it('pointprint serve --keytab offers Kerberos (the NTPRINT fixture, alice maps to its account)', async () => {
    const served = await spawnServer({ args: ['--keytab', kdc.serverKeytab] });
    try {
      const target = path.join(kdc.dir, 'icm-serve');
      const r = await smbclient(
        [
          '--use-kerberos=required',
          '-m',
          'SMB3_11',
          '--client-protection=encrypt',
          '-c',
          `cd color; get Hpclrlsr.icm ${target}`,
        ],
        ccache,
        served.port,
      );
      expect(r.out).not.toMatch(/NT_STATUS_/);
      expect(r.code).toBe(0);
      expect((await fs.readFile(target)).length).toBe(580);
    } finally {
      served.kill();
      await served.exited;
    }
  });
});
