/**
 * impacket's own Kerberos (its AP-REQ, its DCE-style GSS Wrap code, which needs the acceptor
 * subkey Windows puts in the AP-REP) against our server: MS-PAR over TCP through our endpoint
 * mapper, SPNEGO(Kerberos) at PKT_PRIVACY, the
 * host/<server> ticket put in the ccache by MIT's kvno beforehand (impacket asks KDCs on port 88
 * only, ours listens elsewhere).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { describeWithKdc, startKdc, type TestKdc } from '../../helpers/kdc';

const run = promisify(execFile);

jest.setTimeout(120_000);

describeWithTools(['python3', 'impacket'], 'impacket', () =>
  describeWithKdc('impacket with Kerberos against our MS-PAR server', () => {
    const address = `127.0.0.${40 + ((process.pid + 131) % 150)}`;
    let kdc: TestKdc;
    let ccache: string;
    let server: FixtureServer;

    beforeAll(async () => {
      kdc = await startKdc();
      ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
      await run('/usr/bin/kvno', ['-c', `FILE:${ccache}`, `host/${kdc.serverHost}@${kdc.realm}`], {
        env: kdc.env,
        timeout: 20000,
      });
      server = await startFixtureServer({ address, epmPort: 135, settings: { keytab: kdc.serverKeytab } });
    });
    afterAll(async () => {
      await server?.close();
      await kdc?.stop();
    });

    // PKT_PRIVACY only: at PKT_INTEGRITY impacket's own AES GSS_GetMIC fails before sending
    // (TypeError: can't concat str to bytes, in impacket), so there is nothing of ours to test.
    it.each(['privacy'])('PKT_%s: RpcAsyncEnumPrinters lists HpColor', async (level) => {
      const { stdout } = await run(
        TOOLS.python3,
        [path.join(__dirname, 'impacket-kerberos-par.py'), address, kdc.serverHost, kdc.realm, 'alice', level],
        { env: { ...kdc.env, KRB5CCNAME: ccache }, timeout: 60000 },
      );
      const out = JSON.parse(stdout) as { bind?: string; enumprinters?: { returned: number; hasHpColor: boolean } };
      expect(out.bind).toBe('ok');
      expect(out.enumprinters?.hasHpColor).toBe(true);
      expect(out.enumprinters?.returned).toBeGreaterThanOrEqual(3);
    });
  }),
);
