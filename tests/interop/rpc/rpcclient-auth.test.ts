/**
 * Samba's rpcclient with DCE/RPC authentication against our server: on \pipe\spoolss with [sign]
 * and [seal] (SPNEGO/NTLMSSP at PKT_INTEGRITY and PKT_PRIVACY on top of the SMB2 session), and
 * over TCP through our endpoint mapper on 127.0.0.N:135 with [seal], as the acceptance
 * asks. The authenticated answers must be the unauthenticated ones.
 */
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../lib/common/logger';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { ALICE, run } from '../../helpers/rpc-stack';

jest.setTimeout(120_000);

const CALLS = 'enumprinters; enumdataex HpColor CopyFiles\\\\ICM';

describeWithTools(['rpcclient'], 'rpcclient with DCE/RPC authentication', () => {
  describe('on \\pipe\\spoolss', () => {
    let server: FixtureServer;
    // The server's own account of the security legs: proof that the binds did authenticate.
    const log: string[] = [];
    beforeAll(async () => {
      const sink = new PassThrough();
      sink.on('data', (d: Buffer) =>
        log.push(
          ...d
            .toString()
            .split('\n')
            .filter((l) => l !== ''),
        ),
      );
      server = await startFixtureServer({ logger: createLogger({ level: 'info', format: 'json', stream: sink }) });
    });
    afterAll(() => server.close());

    const rpcclient = (binding: string, commands: string) =>
      run(TOOLS.rpcclient, [
        '-p',
        String(server.port),
        binding,
        '-U',
        ALICE,
        '--option=clientipcsigning=auto',
        '-c',
        commands,
      ]);

    it.each(['sign', 'seal', 'sign,spnego', 'seal,spnego'])(
      '[%s] prints what the unauthenticated pipe prints, SourceDir and TargetDir included',
      async (flag) => {
        const plain = await rpcclient('ncacn_np:127.0.0.1', CALLS);
        const authed = await rpcclient(`ncacn_np:127.0.0.1[${flag}]`, CALLS);
        expect({ code: plain.code, stderr: plain.stderr }).toEqual({ code: 0, stderr: '' });
        expect({ code: authed.code, stderr: authed.stderr }).toEqual({ code: 0, stderr: '' });
        expect(authed.stdout).toBe(plain.stdout);
        expect(authed.stdout).toContain('name:[\\\\127.0.0.1\\HpColor]');
        expect(authed.stdout).toContain('SourceDir: REG_SZ: \\\\127.0.0.1\\PRINT$\\Color');
        expect(authed.stdout).toContain('TargetDir: REG_SZ: Color');
      },
    );
  });

  describe('over TCP through the endpoint mapper on 127.0.0.N:135', () => {
    // An address of its own, so that port 135 is free whatever else runs (CI runs as root).
    const address = `127.0.0.${40 + (process.pid % 150)}`;
    let server: FixtureServer;
    beforeAll(async () => {
      server = await startFixtureServer({ address, epmPort: 135 });
    });
    afterAll(() => server.close());

    it.each(['seal', 'seal,spnego'])('[%s]: enumprinters and getdriver HpColor', async (flags) => {
      const r = await run(TOOLS.rpcclient, [
        `ncacn_ip_tcp:${address}[${flags}]`,
        '-U',
        ALICE,
        '-c',
        'enumprinters; getdriver HpColor',
      ]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`name:[\\\\${address}\\HpColor]`);
      expect(r.stdout).toContain('[Windows x64]');
      expect(r.stdout).toMatch(/Driver Path: \[\\\\.*\\print\$\\x64\\3\\UNIDRV\.DLL\]/i);
    });

    it('without [seal] the print interfaces refuse the calls (PKT_PRIVACY required over TCP)', async () => {
      const r = await run(TOOLS.rpcclient, [`ncacn_ip_tcp:${address}[sign]`, '-U', ALICE, '-c', 'enumprinters']);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/ACCESS_DENIED/);
    });
  });
});
