/**
 * Samba's rpcclient with Kerberos against our server, alice kinit'ed at an MIT KDC
 * (tests/helpers/kdc.ts): on \pipe\spoolss (the SMB2 session and the DCE/RPC bind both Kerberos)
 * and over TCP through our endpoint mapper on 127.0.0.N:135, with [seal] (PKT_PRIVACY) and [sign]
 * (PKT_INTEGRITY), bare krb5 (auth_type 16, rpcclient's choice with Kerberos required) and under
 * SPNEGO (auth_type 9, [spnego]). The answers must be
 * the NTLM ones; the server's log says the binds were Kerberos, DCE style.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../lib/common/logger';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { TOOLS, toolProblem } from '../../helpers/interop-tools';
import { describeWithKdc, klist, startKdc, type TestKdc } from '../../helpers/kdc';

jest.setTimeout(120_000);

const CALLS = 'enumprinters; enumdataex HpColor CopyFiles\\\\ICM';

interface Result {
  readonly code: number;
  readonly out: string;
}

describeWithKdc('rpcclient with Kerberos against our server', () => {
  let kdc: TestKdc;
  let ccache: string;
  let server: FixtureServer;
  const address = `127.0.0.${40 + ((process.pid + 7) % 150)}`;
  const log: string[] = [];

  beforeAll(async () => {
    const problem = toolProblem('rpcclient');
    if (problem !== undefined) throw new Error(problem);
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    const sink = new PassThrough();
    sink.on('data', (d: Buffer) =>
      log.push(
        ...d
          .toString()
          .split('\n')
          .filter((l) => l !== ''),
      ),
    );
    server = await startFixtureServer({
      address,
      epmPort: 135,
      settings: { keytab: kdc.serverKeytab },
      logger: createLogger({ level: 'info', format: 'json', stream: sink }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await kdc?.stop();
  });

  function rpcclient(binding: string, commands: string, extra: readonly string[] = []): Promise<Result> {
    return new Promise((resolve) => {
      const child = execFile(
        TOOLS.rpcclient,
        [
          '-p',
          String(server.port),
          '-I',
          address,
          '--use-kerberos=required',
          `--use-krb5-ccache=FILE:${ccache}`,
          '-N',
          ...extra,
          binding,
          '-c',
          commands,
        ],
        { timeout: 60000, env: { ...kdc.env, KRB5CCNAME: `FILE:${ccache}`, HOME: kdc.dir } },
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

  const securityOf = (since: number): string[] =>
    log
      .slice(since)
      .map((l) => JSON.parse(l) as { message?: string; security?: string })
      .filter((l) => (l.message === 'rpc_auth_3' || l.message === 'alter_context') && l.security !== undefined)
      .map((l) => l.security ?? '');

  it.each([
    ['seal', 'Kerberos'],
    ['seal,spnego', 'SPNEGO(Kerberos)'],
    ['sign', 'Kerberos'],
    ['sign,spnego', 'SPNEGO(Kerberos)'],
  ])('\\pipe\\spoolss [%s]: enumprinters and enumdataex CopyFiles\\ICM', async (flags, mechanism) => {
    const since = log.length;
    const r = await rpcclient(`ncacn_np:${kdc.serverHost}[${flags}]`, CALLS);
    expect(r.out).not.toMatch(/NT_STATUS_|error/i);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`name:[\\\\${kdc.serverHost.toUpperCase()}\\HpColor]`);
    expect(r.out).toContain('SourceDir: REG_SZ');
    expect(r.out).toContain('TargetDir: REG_SZ: Color');
    // Both opens of spoolss bound with Kerberos, DCE style, as alice.
    const security = securityOf(since);
    expect(security.length).toBeGreaterThanOrEqual(1);
    for (const s of security) expect(s).toBe(`${mechanism} alice@${kdc.realm} DCE-style`);
  });

  it.each([
    ['seal', 'Kerberos'],
    ['seal,spnego', 'SPNEGO(Kerberos)'],
  ])('over TCP through our endpoint mapper [%s]: enumprinters and enumdataex', async (flags, mechanism) => {
    const since = log.length;
    // The endpoint is the address; the name the ticket is for (host/<name>) is target_hostname.
    const r = await rpcclient(`ncacn_ip_tcp:${address}[${flags},target_hostname=${kdc.serverHost}]`, CALLS);
    expect(r.out).not.toMatch(/NT_STATUS_|error/i);
    expect(r.code).toBe(0);
    expect(r.out).toContain('SourceDir: REG_SZ');
    expect(r.out).toContain('TargetDir: REG_SZ: Color');
    const security = securityOf(since);
    expect(security.length).toBeGreaterThanOrEqual(1);
    for (const s of security) expect(s).toBe(`${mechanism} alice@${kdc.realm} DCE-style`);
    // The RPC ticket is for host/<server> ([MS-RPCE] over TCP), the pipe's for cifs/<server>.
    expect(await klist(kdc, ccache)).toContain(`host/${kdc.serverHost}@${kdc.realm}`);
  });
});
