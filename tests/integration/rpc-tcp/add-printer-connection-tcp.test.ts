/**
 * AddPrinterConnection as Windows 11 makes it (MS-PAR over TCP through the endpoint mapper, at
 * PKT_PRIVACY) against the NTPRINT fixture server, compared with the same flow over
 * \pipe\spoolss: the same ordered events, the same files with the same bytes. Then the failure
 * against a server with no TCP endpoint, and --rpc-port (RpcTcpPort) without the mapper.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { Win32Error } from '../../../lib/common/errors';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';

jest.setTimeout(60_000);
const CREDENTIALS = { userName: 'alice', password: 'Passw0rd!' };

async function treeBytes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!entry.name.endsWith('.json'))
        out[path.relative(root, full)] = (await fs.readFile(full)).toString('base64');
    }
  };
  await walk(root);
  return out;
}

function transportOf(run: { readonly transport: ClientFlowEvent | undefined }): { rpc: string; files: string } {
  if (run.transport?.kind !== 'transport') throw new Error('no transport event');
  return run.transport;
}

describe('AddPrinterConnection over TCP (MS-PAR) and over \\pipe\\spoolss (MS-RPRN)', () => {
  let server: FixtureServer;
  const roots: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server.close();
    for (const r of roots) await fs.rm(r, { recursive: true, force: true });
  });

  const run = async (
    connector: PrintServerConnector,
  ): Promise<{ events: ClientFlowEvent[]; root: string; transport: ClientFlowEvent | undefined }> => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-tcp-client-'));
    roots.push(root);
    const events: ClientFlowEvent[] = [];
    await addPrinterConnection(server.unc('HpColor'), {
      clientRoot: root,
      connector,
      credentials: CREDENTIALS,
      onEvent: (e) => events.push(e),
    });
    // The client root and the clock differ from run to run; nothing else may.
    const normalized = JSON.parse(
      JSON.stringify(events.filter((e) => e.kind !== 'transport'))
        .split(JSON.stringify(root).slice(1, -1))
        .join('<root>')
        .replace(/"time":"[^"]+"/g, '"time":"<time>"'),
    ) as ClientFlowEvent[];
    return { events: normalized, root, transport: events.find((e) => e.kind === 'transport') };
  };
  const address = (): { host: string; port: number } => ({ host: server.host, port: server.port });

  it('gives the same ordered events, files and bytes over both transports', async () => {
    expect(server.epmPort).toBeDefined();
    const tcp = await run(createRemoteConnector({ address: address(), rpcTransport: 'tcp', epmPort: server.epmPort! }));
    const np = await run(createRemoteConnector({ address: address(), rpcTransport: 'np' }));
    expect(tcp.events).toEqual(np.events);
    expect(tcp.events.some((e) => e.kind === 'download')).toBe(true);
    expect(await treeBytes(tcp.root)).toEqual(await treeBytes(np.root));
    expect(Object.keys(await treeBytes(tcp.root))).toContain(
      path.join('System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm'),
    );
    expect(transportOf(tcp).rpc).toMatch(
      /^MS-PAR IRemoteWinspool over ncacn_ip_tcp 127\.0\.0\.1:\d+ \(endpoint mapper 127\.0\.0\.1:\d+\), SPNEGO\(NTLMSSP\) at RPC_C_AUTHN_LEVEL_PKT_PRIVACY$/,
    );
    expect(transportOf(tcp).files).toMatch(/^PRINT\$ over SMB2 /);
    expect(transportOf(np).rpc).toContain('\\pipe\\spoolss');
  });

  it('with the RPC port given (RpcTcpPort) it skips the endpoint mapper', async () => {
    const tcp = await run(createRemoteConnector({ address: address(), rpcTransport: 'tcp', rpcPort: server.rpcPort }));
    expect(transportOf(tcp).rpc).toContain(`127.0.0.1:${server.rpcPort} (RpcTcpPort)`);
  });

  it('fails as Windows 11 does against a server with no TCP endpoint: 0x709 and how to use named pipes', async () => {
    const pipesOnly = await startFixtureServer({ epmPort: false });
    try {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-tcp-client-'));
      roots.push(root);
      // The endpoint mapper port of a server that has none: the SMB2 port's neighbour below is as good as any closed port.
      const closed = await startFixtureServer({ epmPort: false });
      const deadPort = closed.rpcPort;
      await closed.close();
      const failure = await addPrinterConnection(pipesOnly.unc('HpColor'), {
        clientRoot: root,
        connector: createRemoteConnector({
          address: { host: pipesOnly.host, port: pipesOnly.port },
          rpcTransport: 'tcp',
          epmPort: deadPort,
        }),
        credentials: CREDENTIALS,
      }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Win32Error);
      expect((failure as Win32Error).win32).toBe(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
      expect((failure as Win32Error).message).toMatch(/0x00000709.*--rpc np.*RpcUseNamedPipeProtocol/);
    } finally {
      await pipesOnly.close();
    }
  });
});
