/**
 * impacket (/usr/bin/python3) as a Windows 11 print client: epm.hept_map finds IRemoteWinspool
 * and MS-RPRN on our endpoint mapper (127.0.0.N:135, CI runs as root); impacket.dcerpc.v5.par
 * over ncacn_ip_tcp at RPC_C_AUTHN_LEVEL_PKT_PRIVACY opens HpColor, enumerates printers and
 * drivers and is refused RpcAsyncAddPrinterDriver as a normal user; at PKT_INTEGRITY or without
 * authentication the calls are refused (RPC_S_ACCESS_DENIED, [MS-PAR] 2.1).
 */
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';

jest.setTimeout(120_000);

interface ParResult {
  par: string;
  rprn: string;
  bind: string;
  enumprinters: { returned: number; hasHpColor: boolean } | number | string;
  open?: { status: number; handleLen: number };
  close?: { status: number; handle: string };
  oldBuild?: number | string;
  enumdrivers?: { returned: number; hasUnidrv: boolean };
  driverdir?: string;
  adddriver?: number | string;
}

describeWithTools(['python3', 'impacket'], 'impacket MS-PAR and the endpoint mapper against pointprint', () => {
  const address = `127.0.0.${40 + ((process.pid + 7) % 150)}`;
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ address, epmPort: 135 });
  });
  afterAll(() => server.close());

  const par = async (level: 'privacy' | 'integrity' | 'none'): Promise<ParResult> => {
    const r = await run(TOOLS.python3, [path.join(__dirname, 'impacket-par.py'), address, 'alice', 'Passw0rd!', level]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as ParResult;
  };

  it('hept_map finds IRemoteWinspool and MS-RPRN on the RPC port; PKT_PRIVACY calls work', async () => {
    const res = await par('privacy');
    expect(res.par).toBe(`ncacn_ip_tcp:${address}[${server.rpcPort}]`);
    expect(res.rprn).toBe(`ncacn_ip_tcp:${address}[${server.rpcPort}]`);
    expect(res.bind).toBe('ok');
    expect(res.enumprinters).toEqual({ returned: 3, hasHpColor: true }); // HpColor, HpColorPkg, Marketing
    expect(res.open).toEqual({ status: 0, handleLen: 20 });
    expect(res.close).toEqual({ status: 0, handle: '00'.repeat(20) });
    expect(res.oldBuild).toBe(5); // ERROR_ACCESS_DENIED: a Windows 2000 client
    expect(res.enumdrivers?.hasUnidrv).toBe(true);
    expect(res.enumdrivers?.returned).toBeGreaterThan(0);
    expect(res.driverdir).toMatch(/\\print\$\\x64$/i);
    // alice is a normal user: rpc_s_access_denied / ERROR_ACCESS_DENIED.
    expect(res.adddriver).toBe(5);
  });

  it.each(['integrity', 'none'] as const)('at %s the calls are refused over TCP', async (level) => {
    const res = await par(level);
    expect(typeof res.enumprinters === 'string' ? res.enumprinters : 'not refused').toMatch(/access_denied/i);
  });
});
