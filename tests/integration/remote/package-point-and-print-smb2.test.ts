/**
 * Package Point and Print over real sockets, as far as the wire goes today: DRIVER_INFO_8 from
 * RpcGetPrinterDriver2 carries HpColorPkg's package-aware attribute, InfPath and core
 * dependencies to our client; the remote provider has no GetCorePrinterDrivers /
 * GetPrinterDriverPackagePath yet (opnums 102 and 104 come with the RPC layer's next phase), so
 * the client finds no package path and copies the driver file by file, as Windows falls back.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';

describe('AddPrinterConnection(HpColorPkg) over SMB2', () => {
  let server: FixtureServer;
  let root: string;
  beforeAll(async () => {
    server = await startFixtureServer();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smb2-pkg-'));
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('sees the package-aware driver, finds no package path on this wire yet, and falls back', async () => {
    const events: ClientFlowEvent[] = [];
    const result = await addPrinterConnection(server.unc('HpColorPkg'), {
      clientRoot: root,
      connector: createRemoteConnector({ address: { host: server.host, port: server.port } }),
      credentials: { userName: 'alice', password: 'Passw0rd!' },
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.kind === 'package').map((e) => (e.kind === 'package' ? e.stage : ''))).toEqual([
      'unavailable',
      'fallback',
    ]);
    expect(result.connection.driverName).toBe('HP Color LaserJet 4500 PCL Package');
    const x64 = await fs.readdir(path.join(root, 'System32', 'spool', 'drivers', 'x64', '3'));
    expect(x64.map((f) => f.toUpperCase())).toContain('HPCPKG.GPD');
  });
});
