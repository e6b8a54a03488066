/**
 * Our `addprinterconnection --kerberos` against our server with a keytab, alice kinit'ed at an MIT
 * KDC: the whole AddPrinterConnection flow with tickets for cifs/<server> (the SMB2 session, PRINT$)
 * and host/<server> (MS-PAR over TCP through the endpoint mapper, SPNEGO(Kerberos) at
 * PKT_PRIVACY), got by our own TGS-REQs from the ccache's TGT; with a keytab instead (AS-REQ then
 * TGS-REQ); over named pipes; and the trace names the mechanism of each leg.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliDeps } from '../../../lib/cli/cli-deps';
import { buildAddPrinterConnectionProgram, runProgram } from '../../../lib/cli/program';
import { createSilentLogger } from '../../../lib/common/logger';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithKdc, klist, startKdc, type TestKdc } from '../../helpers/kdc';

jest.setTimeout(120_000);

interface Run {
  out: string;
  err: string;
  code: number;
}

describeWithKdc('addprinterconnection --kerberos against our server', () => {
  let kdc: TestKdc;
  let ccache: string;
  let server: FixtureServer;
  let root: string;
  const address = `127.0.0.${40 + ((process.pid + 61) % 150)}`;

  beforeAll(async () => {
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    server = await startFixtureServer({ address, epmPort: 135, settings: { keytab: kdc.serverKeytab } });
  });
  afterAll(async () => {
    await server?.close();
    await kdc?.stop();
  });
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-krb-apc-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  async function addprinterconnection(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    const r: Run = { out: '', err: '', code: 0 };
    const deps: CliDeps = {
      stdout: (s) => void (r.out += s),
      stderr: (s) => void (r.err += s),
      setExitCode: (c) => void (r.code = c),
      createLogger: () => createSilentLogger(),
      env,
    };
    await runProgram(buildAddPrinterConnectionProgram(deps), argv, deps);
    return r;
  }

  const printer = (): string => `\\\\${kdc.serverHost}\\HpColor`;
  const icm = (): string => path.join(root, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm');

  interface Doc {
    connection: { name: string; copyFiles: { sourceDir: string }[] };
    events: { kind: string; rpc?: string; files?: string; label?: string }[];
  }

  test('with the ccache: MS-PAR over TCP with SPNEGO(Kerberos) at PKT_PRIVACY, PRINT$ with Kerberos', async () => {
    const r = await addprinterconnection(
      [printer(), '--kerberos', '--address', `${address}:${server.port}`, '--client-root', root, '--json'],
      { ...kdc.env, KRB5CCNAME: `FILE:${ccache}` },
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.connection.copyFiles[0]?.sourceDir).toBe(`\\\\${kdc.serverHost}\\PRINT$\\Color`);
    expect((await fs.stat(icm())).size).toBe(580);
    const transport = doc.events.find((e) => e.kind === 'transport');
    expect(transport?.rpc).toContain('MS-PAR IRemoteWinspool over ncacn_ip_tcp');
    expect(transport?.rpc).toContain('SPNEGO(Kerberos) at RPC_C_AUTHN_LEVEL_PKT_PRIVACY');
    expect(transport?.files).toContain(`session by Kerberos (cifs/${kdc.serverHost}@${kdc.realm})`);
    // Our TGS-REQs put nothing in the ccache; the KDC issued both tickets (its log says so).
    const kdcLog = await fs.readFile(path.join(kdc.dir, 'kdc.log'), 'utf8');
    expect(kdcLog).toMatch(new RegExp(`TGS_REQ .*alice@${kdc.realm} for cifs/${kdc.serverHost}`));
    expect(kdcLog).toMatch(new RegExp(`TGS_REQ .*alice@${kdc.realm} for host/${kdc.serverHost}`));
    expect(await klist(kdc, ccache)).toContain(`krbtgt/${kdc.realm}`);
  });

  test('with a keytab and --principal (AS-REQ, then TGS-REQ), over named pipes', async () => {
    const keytab = path.join(kdc.dir, 'admin.keytab');
    await kdc.kadmin(`ktadd -norandkey -k ${keytab} admin`);
    const r = await addprinterconnection(
      [
        printer(),
        '--keytab',
        keytab,
        '--principal',
        `admin@${kdc.realm}`,
        '--rpc',
        'np',
        '--address',
        `${address}:${server.port}`,
        '--client-root',
        root,
        '--json',
      ],
      { ...kdc.env, KRB5CCNAME: `FILE:${path.join(kdc.dir, 'none')}` },
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    expect((await fs.stat(icm())).size).toBe(580);
    const transport = doc.events.find((e) => e.kind === 'transport');
    expect(transport?.rpc).toContain(`the SMB2 session (Kerberos (cifs/${kdc.serverHost}@${kdc.realm})) is the caller`);
  });

  test('-v: the numbered trace names the mechanism of the calls and of the files', async () => {
    const r = await addprinterconnection(
      [printer(), '--kerberos', '--address', `${address}:${server.port}`, '--client-root', root, '-v'],
      { ...kdc.env, KRB5CCNAME: `FILE:${ccache}` },
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /calls: MS-PAR IRemoteWinspool over ncacn_ip_tcp .* SPNEGO\(Kerberos\) at RPC_C_AUTHN_LEVEL_PKT_PRIVACY; files: PRINT\$ over SMB2 \w+, session by Kerberos \(cifs\//,
    );
    expect(r.out).toContain('[MS-PAR over TCP, PKT_PRIVACY; files over SMB2, Kerberos]');
  });

  test('without a ticket cache the command fails and says why', async () => {
    const r = await addprinterconnection(
      [printer(), '--kerberos', '--address', `${address}:${server.port}`, '--client-root', root],
      { ...kdc.env, KRB5CCNAME: `FILE:${path.join(kdc.dir, 'missing.ccache')}` },
    );
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/ccache|credential cache|missing\.ccache/i);
  });
});
