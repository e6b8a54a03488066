/**
 * Samba's rpcclient against the package calls: `getcoreprinterdrivers` (RpcGetCorePrinterDrivers,
 * opnum 102: the XPSDRV core driver of "Windows x64") and `getdriverpackagepath` (opnum 104, its
 * size probe with a 1-character buffer) on \pipe\spoolss. (MS-PAR's opnum 65 over TCP is
 * smbtorture's, tests/interop/smbtorture/iremotewinspool-packages.test.ts: rpcclient's own
 * `winspool_AsyncCorePrinterDriverInstalled` at [seal] fails our signature check, because its
 * source3 client seals from byte 24 of a request whatever follows, so the object UUID every
 * IRemoteWinspool call carries ends up inside the sealed range (add_generic_auth_footer in
 * source3/librpc/rpc/dcerpc_helpers.c); smbtorture's source4 client seals from after it.)
 *
 * rpcclient 4.17 prints nothing for the two spoolss commands, so its own NDR dump (-d 10, on its
 * standard error) is read:
 * the core driver's record and the CAB path it decoded. Its getdriverpackagepath then reports
 * "result was WERR_BAD_NET_RESP" whatever the answer (an artefact of the command, the dump shows
 * S_OK), and two GUIDs overflow its one-record array (a crash of its own): one GUID is asked for.
 */
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { ALICE, run } from '../../helpers/rpc-stack';

jest.setTimeout(120_000);

describeWithTools(['rpcclient'], 'rpcclient and the driver package calls', () => {
  const address = '127.0.0.1';
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ epmPort: false });
  });
  afterAll(() => server.close());

  const pipe = async (commands: string) => {
    const r = await run(TOOLS.rpcclient, ['-d', '10', '-p', String(server.port), address, '-U', ALICE, '-c', commands]);
    return { code: r.code, stdout: `${r.stdout}${r.stderr}` };
  };
  const packageId = async (): Promise<string> => {
    const r = await pipe('getcoreprinterdrivers');
    expect(r.code).toBe(0);
    const out = r.stdout.split('out: struct spoolss_GetCorePrinterDrivers')[1] ?? '';
    expect(out).toMatch(/core_driver_guid\s+: d20ea372-dd35-4950-9ed8-a6335afe79f5/);
    expect(out).toMatch(/driver_date\s+: Wed Jun 21 00:00:00 2006 UTC/);
    expect(out).toMatch(/result\s+: HRES code 0x00000000/);
    const id = /szPackageID\s+: '([^']+)'/.exec(out)?.[1];
    expect(id).toMatch(
      /^C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint\.inf_amd64_[0-9a-f]{16}\\ntprint\.inf$/,
    );
    return id ?? '';
  };

  it('getcoreprinterdrivers: the XPSDRV core driver, its date and its package ID', async () => {
    await packageId();
  });

  it('getdriverpackagepath "Windows x64" <package id>: ERROR_INSUFFICIENT_BUFFER for one character, then the CAB path', async () => {
    const id = await packageId();
    const r = await pipe(`getdriverpackagepath "Windows x64" "${id}"`);
    const outs = r.stdout.split('out: struct spoolss_GetPrinterDriverPackagePath').slice(1);
    expect(outs).toHaveLength(2);
    expect(outs[0]).toMatch(/result\s+: HRES code 0x8007007a/);
    expect(outs[1]).toMatch(/result\s+: HRES code 0x00000000/);
    expect(outs[1]).toMatch(
      /driver_package_cab\s+: '\\\\127\.0\.0\.\d+\\print\$\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab'/,
    );
  });
});
