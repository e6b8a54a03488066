/**
 * tshark 4.0 as an oracle for DCE/RPC over TCP (the acceptance): the endpoint mapper,
 * IRemoteWinspool and spoolss over TCP, and the NTLMSSP verifiers.
 *
 *   - Raw NTLMSSP sessions, which tshark unseals itself (ntlmssp.nt_password): rpcclient [seal]
 *     over TCP, impacket's MS-PAR at PKT_PRIVACY (our server's answers are judged, not impacket's
 *     requests), and our own MS-PAR client stubs (RprnClient over PAR_OPNUMS, the flow's calls).
 *   - Our client's real connection (SPNEGO, as Windows binds): tshark 4.0 unseals only the first
 *     call of a SPNEGO-sealed context (it does not advance its RC4 state over SPNEGO-wrapped
 *     verifiers: Samba's own rpcclient [seal,spnego] requests fail to unseal the same way), so that session is dissected
 *     without the password: EPM, bind, alter_context, verifiers and headers.
 * Samba serves neither the endpoint mapper over TCP nor IRemoteWinspool: the baseline for these
 * calls is no malformed packet at all.
 */
import path from 'node:path';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { ntlmInitiatorMechanism } from '../../../lib/rpc/auth/ntlm-mechanism';
import { RpcClient } from '../../../lib/rpc/client/rpc-client';
import { connectTcpTransport } from '../../../lib/rpc/client/tcp-transport';
import { RpcAuthnLevel } from '../../../lib/rpc/constants';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX } from '../../../lib/rpc/par/constants';
import { PAR_OPNUMS } from '../../../lib/rpc/par/par-opnums';
import { RprnClient } from '../../../lib/rpc/rprn/client/rprn-client';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { dissectDcerpc, startCapture } from '../../helpers/tshark';
import { ALICE, run } from '../../helpers/rpc-stack';

jest.setTimeout(180_000);

const CLIENT_INFO = {
  size: 28,
  machineName: 'PPCLIENT',
  userName: 'alice',
  buildNum: 22631,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};

describeWithTools(
  ['rpcclient', 'tshark', 'dumpcap', 'python3', 'impacket'],
  'tshark decodes our DCE/RPC over TCP',
  () => {
    const address = `127.0.0.${40 + ((process.pid + 23) % 150)}`;
    let server: FixtureServer;
    beforeAll(async () => {
      server = await startFixtureServer({ address, epmPort: 135 });
    });
    afterAll(() => server.close());

    const captured = async (work: () => Promise<void>): Promise<string> => {
      const capture = await startCapture(0, `tcp and host ${address}`);
      try {
        await work();
      } finally {
        await capture.stop();
      }
      return capture.file;
    };

    it('third-party NTLMSSP clients: EPM, spoolss and IRemoteWinspool answers decode, sealed stubs included', async () => {
      const file = await captured(async () => {
        const r1 = await run(TOOLS.rpcclient, [
          `ncacn_ip_tcp:${address}[seal]`,
          '-U',
          ALICE,
          '-c',
          'enumprinters; getdriver HpColor; enumdrivers',
        ]);
        expect(r1.code).toBe(0);
        const r2 = await run(TOOLS.python3, [
          path.join(__dirname, 'impacket-par.py'),
          address,
          'alice',
          'Passw0rd!',
          'privacy',
        ]);
        expect(r2.stderr).toBe('');
      });
      const ours = await dissectDcerpc(file, 'Passw0rd!', address);
      const protocols = new Set(ours.rows.map((r) => r.protocols));
      for (const p of ['epm', 'iremotewinspool', 'spoolss']) expect(protocols).toContain(p);
      const parOpnums = new Set(ours.rows.filter((r) => r.protocols === 'iremotewinspool').map((r) => r.opnum));
      for (const op of ['0', '20', '38', '40', '41']) expect(parOpnums).toContain(op);
      expect(ours.malformed).toEqual({});
    });

    it('our MS-PAR client stubs (raw NTLMSSP so that tshark can unseal them) decode', async () => {
      const file = await captured(async () => {
        const transport = await connectTcpTransport(address, server.rpcPort);
        const mechanism = ntlmInitiatorMechanism({
          user: 'alice',
          password: 'Passw0rd!',
          domain: '',
          workstation: 'PPCLIENT',
        });
        const rpc = await RpcClient.bind(
          transport,
          { uuid: IREMOTEWINSPOOL_SYNTAX.uuid, version: 1 },
          {
            security: { mechanism, authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY },
            objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
          },
        );
        const par = new RprnClient(rpc, { opnums: PAR_OPNUMS, initialBufferSize: 4096 });
        const h = await par.openPrinterEx(`\\\\${address}\\HpColor`, 8, CLIENT_INFO);
        await par.getPrinterDriver2(h, 'Windows x64', 8, 3, 0);
        await par.enumPrinterKey(h, '');
        await par.enumPrinterDataEx(h, 'CopyFiles\\ICM');
        await par.getPrinter(h, 2);
        await par.closePrinter(h);
        await rpc.close();
      });
      const all = await dissectDcerpc(file, 'Passw0rd!');
      const parOpnums = new Set(all.rows.filter((r) => r.protocols === 'iremotewinspool').map((r) => r.opnum));
      for (const op of ['0', '26', '29', '28', '9', '20']) expect(parOpnums).toContain(op);
      expect(all.malformed).toEqual({});
    });

    it("our client's SPNEGO connection: EPM, bind, alter_context, verifiers and headers decode", async () => {
      const file = await captured(async () => {
        const connect = createRemoteConnector({
          address: { host: address, port: server.port },
          rpcTransport: 'tcp',
          epmPort: 135,
        });
        const connection = await connect(address, { credentials: { userName: 'alice', password: 'Passw0rd!' } });
        const h = await connection.provider.openPrinter(
          `\\\\${address}\\HpColor`,
          { desiredAccess: 8, clientInfo: CLIENT_INFO },
          undefined as never,
        );
        await connection.provider.enumPrinterDataEx(h, 'CopyFiles\\ICM');
        await connection.provider.closePrinter(h);
        await connection.close();
      });
      const all = await dissectDcerpc(file);
      expect(all.rows.some((r) => r.protocols === 'epm')).toBe(true);
      // bind, bind_ack, alter_context, alter_context_resp, requests and responses
      for (const ptype of ['11', '12', '14', '15', '0', '2']) expect(all.rows.map((r) => r.ptype)).toContain(ptype);
      expect(all.malformed).toEqual({});
    });
  },
);
