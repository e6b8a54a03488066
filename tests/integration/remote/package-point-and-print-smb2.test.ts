/**
 * Package Point and Print over real sockets, on both transports Windows uses: MS-PAR over TCP at
 * PKT_PRIVACY (RpcAsyncGetCorePrinterDrivers 64, RpcAsyncGetPrinterDriverPackagePath 66) and
 * MS-RPRN on \pipe\spoolss (RpcGetCorePrinterDrivers 102, RpcGetPrinterDriverPackagePath 104).
 * DRIVER_INFO_8 carries HpColorPkg's package-aware attribute, InfPath and core dependencies; the
 * client asks for the core drivers and the package paths, downloads the CABs from PRINT$, stages
 * them and installs the driver from them: its files are the bytes of the server's store.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { DRIVERS_STORE } from '../../helpers/hostile-server';

describe.each(['tcp', 'np'] as const)('AddPrinterConnection(HpColorPkg) with RPC over %s', (rpcTransport) => {
  let server: FixtureServer;
  let root: string;
  beforeAll(async () => {
    server = await startFixtureServer({ epmPort: false });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smb2-pkg-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const connect = async (printer: string): Promise<ClientFlowEvent[]> => {
    const events: ClientFlowEvent[] = [];
    await addPrinterConnection(server.unc(printer), {
      clientRoot: root,
      connector: createRemoteConnector({
        address: { host: server.host, port: server.port },
        rpcTransport,
        ...(rpcTransport === 'tcp' && { rpcPort: server.rpcPort }),
      }),
      credentials: { userName: 'alice', password: 'Passw0rd!' },
      onEvent: (e) => events.push(e),
    });
    return events;
  };

  it('asks for the core drivers and the package paths on the wire, stages the CABs and installs the driver', async () => {
    const events = await connect('HpColorPkg');
    const transport = events.find((e) => e.kind === 'transport');
    expect(transport?.kind === 'transport' && transport.label).toMatch(rpcTransport === 'tcp' ? /MS-PAR/ : /spoolss/i);
    const calls = events.flatMap((e) => (e.kind === 'call' ? [e.name] : []));
    expect(calls).toEqual(expect.arrayContaining(['GetCorePrinterDrivers', 'GetPrinterDriverPackagePath']));
    const stages = events.flatMap((e) => (e.kind === 'package' ? [e.stage] : []));
    expect(stages).not.toContain('fallback');
    expect(stages).not.toContain('failed');
    const paths = events.flatMap((e) => (e.kind === 'package' && e.stage === 'package-path' ? [e.detail] : []));
    expect(paths).toEqual([
      expect.stringMatching(/ntprint\.inf -> \\\\[^\\]+\\print\$\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab$/),
      expect.stringMatching(/hpcpkg\.inf -> \\\\[^\\]+\\print\$\\x64\\PCC\\hpcpkg\.inf_amd64_[0-9a-f]{16}\.cab$/),
    ]);
    const repository = await fs.readdir(path.join(root, 'System32', 'DriverStore', 'FileRepository'));
    expect(repository.sort()).toEqual([
      expect.stringMatching(/^hpcpkg\.inf_amd64_[0-9a-f]{16}$/),
      expect.stringMatching(/^ntprint\.inf_amd64_[0-9a-f]{16}$/),
    ]);
    for (const file of ['HPCPKG.GPD', 'UNIDRV.DLL', 'STDNAMES.GPD']) {
      const installed = await fs.readFile(path.join(root, 'System32', 'spool', 'drivers', 'x64', '3', file));
      expect(installed.equals(await fs.readFile(path.join(DRIVERS_STORE, 'x64', '3', file)))).toBe(true);
    }
  });

  it('copies the legacy driver of HpColor file by file, with no package call', async () => {
    const events = await connect('HpColor');
    expect(events.filter((e) => e.kind === 'package')).toEqual([]);
    expect(events.filter((e) => e.kind === 'call' && e.name === 'GetCorePrinterDrivers')).toEqual([]);
  });
});
