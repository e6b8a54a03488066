/**
 * tshark decodes the Kerberos DCE/RPC exchanges of our server: rpcclient's binds under bare krb5
 * (auth_type 16) on \pipe\spoolss and SPNEGO over TCP, and our own client's MS-PAR connection,
 * all at PKT_PRIVACY. Given the server's keytab, tshark decrypts each ticket (and checks its PAC's
 * server signature), learns the session key, and decrypts the authenticators and the AP-REPs of
 * both sides with it: an independent check of our AP-REP. It parses every verifier as an RFC 4121
 * Wrap token (EC 16, RRC 28); tshark 4.0 does not unseal DCE-style AES Wrap tokens, Samba's own
 * rpcclient requests in the same capture included, so the stubs stay encrypted to it. Samba's smbd
 * has no Kerberos RPC setup on this machine to compare with; the baseline is no malformed packet.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { acquireServiceTicket } from '../../../lib/auth/kerberos/kdc-client';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { PrinterEnum } from '../../../lib/spoolss/constants';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { describeWithKdc, startKdc, type TestKdc } from '../../helpers/kdc';
import { startCapture } from '../../helpers/tshark';

const run = promisify(execFile);

jest.setTimeout(180_000);

interface Row {
  readonly ptype: string;
  readonly authType: string;
  readonly msgTypes: string;
  readonly protocol: string;
  readonly opnum: string;
  readonly malformed: boolean;
  /** tshark's expert notes: which Kerberos parts it decrypted, with which key. */
  readonly expert: string;
}

describeWithTools(['rpcclient', 'tshark', 'dumpcap'], 'tshark', () =>
  describeWithKdc('tshark decodes Kerberos DCE/RPC against our server', () => {
    const address = `127.0.0.${40 + ((process.pid + 97) % 150)}`;
    let kdc: TestKdc;
    let ccache: string;
    let server: FixtureServer;
    let rows: Row[] = [];

    beforeAll(async () => {
      kdc = await startKdc();
      ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
      server = await startFixtureServer({ address, epmPort: 135, settings: { keytab: kdc.serverKeytab } });
      const capture = await startCapture(0, `tcp and host ${address}`);
      try {
        const env = { ...kdc.env, KRB5CCNAME: `FILE:${ccache}`, HOME: kdc.dir };
        const rpcclient = (binding: string): Promise<unknown> =>
          run(
            TOOLS.rpcclient,
            [
              '-p',
              String(server.port),
              '-I',
              address,
              '--use-kerberos=required',
              '-N',
              binding,
              '-c',
              'enumprinters; enumdataex HpColor CopyFiles\\\\ICM',
            ],
            { timeout: 60000, env },
          );
        await rpcclient(`ncacn_np:${kdc.serverHost}[seal]`);
        await rpcclient(`ncacn_ip_tcp:${address}[seal,spnego,target_hostname=${kdc.serverHost}]`);
        const connect = createRemoteConnector({
          address: { host: address, port: server.port },
          rpcTransport: 'tcp',
          kerberos: (service) => acquireServiceTicket(service, { ccache, kdc: { host: kdc.host, port: kdc.port } }),
        });
        const connection = await connect(kdc.serverHost, {});
        try {
          await connection.provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, {
            userName: '',
            groups: [],
            isAdministrator: false,
            remote: true,
          });
        } finally {
          await connection.close();
        }
      } finally {
        await capture.stop();
      }
      const { stdout } = await run(
        TOOLS.tshark,
        [
          '-n',
          '-r',
          capture.file,
          '-d',
          `tcp.port==${server.port},nbss`,
          '-o',
          'kerberos.decrypt:TRUE',
          '-o',
          `kerberos.file:${kdc.serverKeytab}`,
          '-Y',
          'dcerpc',
          '-T',
          'fields',
          '-E',
          'separator=|',
          '-E',
          'aggregator=,',
          '-e',
          'dcerpc.pkt_type',
          '-e',
          'dcerpc.auth_type',
          '-e',
          'kerberos.msg_type',
          '-e',
          '_ws.col.Protocol',
          '-e',
          'dcerpc.opnum',
          '-e',
          '_ws.malformed',
          '-e',
          '_ws.expert.message',
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      rows = stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((line) => {
          const [ptype = '', authType = '', msgTypes = '', protocol = '', opnum = '', bad = '', expert = ''] =
            line.split('|');
          return {
            ptype,
            authType,
            msgTypes,
            protocol: protocol.toLowerCase(),
            opnum,
            malformed: bad !== '',
            expert,
          };
        });
    });
    afterAll(async () => {
      await server?.close();
      await kdc?.stop();
    });

    it('sees the Kerberos binds: AP-REQ (14) in bind, AP-REP (15) in bind_ack, under auth_type 16 and 9', () => {
      const binds = rows.filter((r) => r.ptype === '11' && r.msgTypes.includes('14'));
      const acks = rows.filter((r) => r.ptype === '12' && r.msgTypes.includes('15'));
      expect(new Set(binds.map((r) => r.authType.split(',')[0]))).toEqual(new Set(['16', '9']));
      expect(acks.length).toBeGreaterThanOrEqual(3);
    });

    it('decrypts, with the keytab, each ticket and authenticator, and the AP-REPs of both sides', () => {
      const binds = rows.filter((r) => r.ptype === '11' && r.msgTypes.includes('14'));
      for (const b of binds) {
        expect(b.expert).toMatch(/Decrypted keytype 18 usage 2 using keytab principal host\//);
        expect(b.expert).toMatch(/Decrypted keytype 18 usage 11 /);
      }
      // Our AP-REP in every bind_ack, and the client's in rpc_auth_3 (16) or alter_context (14).
      const acks = rows.filter((r) => r.ptype === '12' && r.msgTypes.includes('15'));
      const third = rows.filter((r) => (r.ptype === '16' || r.ptype === '14') && r.msgTypes.includes('15'));
      expect(acks.length).toBe(binds.length);
      expect(third.length).toBe(binds.length);
      for (const r of [...acks, ...third]) expect(r.expert).toMatch(/Decrypted keytype 18 usage 12 /);
    });

    it('parses every verifier as an RFC 4121 token and names the calls inside', () => {
      const calls = rows.filter((r) => (r.ptype === '0' || r.ptype === '2') && r.authType !== '');
      expect(calls.length).toBeGreaterThanOrEqual(20);
      expect(new Set(calls.map((r) => `${r.authType}:${r.protocol}`))).toEqual(
        new Set(['16:spoolss', '9:spoolss', '9:iremotewinspool']),
      );
    });

    it('no malformed packet', () => {
      expect(rows.filter((r) => r.malformed)).toEqual([]);
    });
  }),
);
