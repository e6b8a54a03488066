/**
 * Samba's smbtorture `rpc.iremotewinspool.printserver` (written against Windows Server) for the
 * driver package methods of MS-PAR, over ncacn_ip_tcp at PKT_PRIVACY as the administrator:
 * AsyncUploadPrinterDriverPackage (63: E_INVALIDARG without a buffer, then the environment, then
 * ERROR_FILE_NOT_FOUND), AsyncCorePrinterDriverInstalled (65: XPSDRV by date then version) and
 * AsyncDeletePrintDriverPackage (67: ERROR_NOT_FOUND, the environment, then E_ACCESSDENIED for the
 * system core package).
 */
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { TOOLS, describeWithTools } from '../../helpers/interop-tools';
import { ADMIN, run } from '../../helpers/rpc-stack';

jest.setTimeout(180_000);

const TESTS = ['AsyncUploadPrinterDriverPackage', 'AsyncCorePrinterDriverInstalled', 'AsyncDeletePrintDriverPackage'];

describeWithTools(['smbtorture'], 'smbtorture rpc.iremotewinspool package tests against pointprint', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ epmPort: false });
  });
  afterAll(() => server.close());

  it('passes the three package tests', async () => {
    const r = await run(
      TOOLS.smbtorture,
      [
        `ncacn_ip_tcp:127.0.0.1[${server.rpcPort},seal]`,
        '-U',
        ADMIN,
        ...TESTS.map((t) => `rpc.iremotewinspool.printserver.${t}`),
      ],
      150_000,
    );
    const outcomes = [...r.stdout.matchAll(/^(success|failure|error|skip): (\S+)/gm)].map((m) => `${m[1]}: ${m[2]}`);
    expect(outcomes).toEqual(TESTS.map((t) => `success: printserver.${t}`));
  });
});
