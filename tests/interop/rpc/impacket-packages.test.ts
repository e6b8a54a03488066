/**
 * impacket's NDR engine (/usr/bin/python3) as an independent encoder of the driver package calls:
 * impacket has no RpcGetCorePrinterDrivers / RpcGetPrinterDriverPackagePath, so
 * impacket-packages.py writes their IDL out in impacket's own NDR classes and sends them on
 * \pipe\spoolss (opnums 102, 104) and to IRemoteWinspool over TCP at PKT_PRIVACY (64, 66, with
 * the object UUID). The records and the size probe must read back as [MS-RPRN] 3.1.4.4.9-10 say.
 */
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';

jest.setTimeout(120_000);

interface Answers {
  core: { status: number; guid: string; date: number; version: number; packageId: string };
  probe: { status: number; required: number; cab: string | null };
  small: { status: number; required: number; cab: string | null };
  path: { status: number; required: number; cab: string | null };
}

describeWithTools(['python3', 'impacket'], 'impacket-described package calls against pointprint', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ epmPort: false });
  });
  afterAll(() => server.close());

  it('answers 102/104 on the pipe and 64/66 over TCP alike: the Unidrv record, the probe, the CAB path', async () => {
    const r = await run(TOOLS.python3, [
      path.join(__dirname, 'impacket-packages.py'),
      String(server.port),
      String(server.rpcPort),
      'alice',
      'Passw0rd!',
    ]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { pipe: Answers; tcp: Answers };
    expect(out.tcp).toEqual(out.pipe);
    const { core, probe, small, path: full } = out.pipe;
    expect(core).toMatchObject({ status: 0, guid: 'd20ea372-dd35-4950-9ed8-a6335afe79f0' });
    // 06/21/2006 and 10.0.20348.1, the core package INF's DriverVer.
    expect(core.date).toBe(Date.UTC(2006, 5, 21) * 10_000 + 116_444_736_000_000_000);
    expect(core.version).toBe(Number((10n << 48n) | (20348n << 16n) | 1n));
    expect(core.packageId).toMatch(
      /^C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint\.inf_amd64_[0-9a-f]{16}\\ntprint\.inf$/,
    );
    expect(probe).toEqual({ status: 0, required: full.required, cab: null });
    expect(small).toEqual({ status: 0x8007007a, required: full.required, cab: '' });
    expect(full.status).toBe(0);
    expect(full.cab).toMatch(/^\\\\127\.0\.0\.1\\print\$\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab$/);
    expect(full.cab).toHaveLength(full.required - 1);
  });
});
