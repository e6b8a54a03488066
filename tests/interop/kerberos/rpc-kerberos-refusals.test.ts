/**
 * Refused Kerberos binds on DCE/RPC over TCP, with tickets from a real MIT KDC: a ticket for
 * another service, an expired ticket, a replayed authenticator, a ticket under a key version the
 * keytab lacks, and a client clock 10 minutes off. Each bind gets bind_nak with
 * invalid_checksum (9, [MS-RPCE] 2.2.2.5: an unrecoverable error of the security package) under
 * SPNEGO and bare krb5; the server's log names the Kerberos error; and the server keeps serving:
 * the whole AddPrinterConnection-style connection afterwards works.
 */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { acquireServiceTicket, type ServiceTicket } from '../../../lib/auth/kerberos/kdc-client';
import { createKerberosAcceptorSettings } from '../../../lib/auth/kerberos/kerberos-acceptor';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { createLogger } from '../../../lib/common/logger';
import { RpcClientSecurity } from '../../../lib/rpc/auth/client-security';
import {
  kerberosInitiatorMechanism,
  spnegoKerberosInitiatorMechanism,
} from '../../../lib/rpc/auth/kerberos-initiator-mechanism';
import { BindNakReason, PacketType, RpcAuthnLevel } from '../../../lib/rpc/constants';
import { decodeBindNak } from '../../../lib/rpc/pdu/bind';
import { PrintRpcEndpoints } from '../../../lib/rpc/print-rpc-endpoints';
import { PrinterEnum } from '../../../lib/spoolss/constants';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithKdc, startKdc, type TestKdc } from '../../helpers/kdc';
import { RawRpc } from '../../helpers/raw-rpc';
import { rprnBindPdu } from '../../helpers/rpc-bind-pdu';

jest.setTimeout(120_000);

const HOUR = 3600_000;

describeWithKdc('refused Kerberos binds on DCE/RPC over TCP', () => {
  let kdc: TestKdc;
  let fixture: FixtureServer;
  let endpoints: PrintRpcEndpoints;
  let rpcPort: number;
  /** The RPC server's clock offset (the expired-ticket case moves it an hour on). */
  let serverClockMs = 0;
  const log: string[] = [];
  let ccache: string;
  /** Issued before the key change of the BADKEYVER case: it stays good for the keytab. */
  let goodTicket: ServiceTicket;
  const kdcOptions = (): { kdc: { host: string; port: number } } => ({ kdc: { host: kdc.host, port: kdc.port } });

  beforeAll(async () => {
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    fixture = await startFixtureServer({ settings: { keytab: kdc.serverKeytab } });
    const sink = new PassThrough();
    sink.on('data', (d: Buffer) =>
      log.push(
        ...d
          .toString()
          .split('\n')
          .filter((l) => l !== ''),
      ),
    );
    const accounts = new Map(fixture.users.map((u) => [u.name.toLowerCase(), u]));
    endpoints = new PrintRpcEndpoints({
      printProvider: fixture.printServerHost.printServer,
      serverName: fixture.serverName,
      acceptor: {
        serverName: fixture.serverName,
        domain: 'POINTPRINT',
        lookupUser: (name) => accounts.get(name.toLowerCase()),
        allowNtlmV1: false,
        allowGuest: false,
        allowAnonymous: false,
        kerberos: createKerberosAcceptorSettings({
          keytab: kdc.serverKeytab,
          now: () => new Date(Date.now() + serverClockMs),
        }),
      },
      logger: createLogger({ level: 'info', format: 'json', stream: sink }),
    });
    ({ port: rpcPort } = await endpoints.listenRpc(0, '127.0.0.1'));
    goodTicket = await hostTicket();
  });
  afterAll(async () => {
    await endpoints?.close();
    await fixture?.close();
    await kdc?.stop();
  });

  const hostTicket = (cc = ccache): Promise<ServiceTicket> =>
    acquireServiceTicket(`host/${kdc.serverHost}`, { ccache: cc, ...kdcOptions() });

  type Flavour = 'krb5' | 'spnego';
  /** The first leg of a bind: an rprn bind PDU with our AP-REQ at PKT_PRIVACY. */
  function bindWith(ticket: ServiceTicket, flavour: Flavour, clockMs = 0): Buffer {
    const now = (): Date => new Date(Date.now() + clockMs);
    const mechanism =
      flavour === 'krb5' ? kerberosInitiatorMechanism(ticket, now) : spnegoKerberosInitiatorMechanism(ticket, now);
    const security = new RpcClientSecurity({ mechanism, authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY });
    return security.firstLeg(rprnBindPdu());
  }

  /** Sends one bind on a new connection; the answer's PTYPE and, for bind_nak, its reason. */
  async function answerTo(bind: Buffer): Promise<{ type: number; reason?: number }> {
    const raw = await RawRpc.connect('127.0.0.1', rpcPort);
    try {
      raw.send(bind);
      const answer = await raw.next();
      if (answer === 'closed') throw new Error('the server closed the connection');
      const type = answer[2] ?? -1;
      return type === PacketType.BIND_NAK ? { type, reason: decodeBindNak(answer).reason } : { type };
    } finally {
      raw.destroy();
    }
  }

  const refusedWhy = (since: number): string[] =>
    log
      .slice(since)
      .map((l) => JSON.parse(l) as { message?: string; why?: string })
      .filter((l) => l.message === 'bind refused')
      .map((l) => l.why ?? '');

  async function expectRefused(bind: Buffer, krbError: string): Promise<void> {
    const since = log.length;
    expect(await answerTo(bind)).toEqual({ type: PacketType.BIND_NAK, reason: BindNakReason.INVALID_CHECKSUM });
    expect(refusedWhy(since).join('\n')).toContain(krbError);
  }

  it.each<Flavour>(['krb5', 'spnego'])('%s: a good ticket binds (bind_ack)', async (flavour) => {
    expect(await answerTo(bindWith(await hostTicket(), flavour))).toEqual({ type: PacketType.BIND_ACK });
  });

  it.each<Flavour>(['krb5', 'spnego'])('%s: a ticket for another service: KRB_AP_ERR_NOT_US', async (flavour) => {
    await kdc.kadmin('addprinc -randkey host/other.pointprint.test').catch(() => '');
    const other = await acquireServiceTicket('host/other.pointprint.test', { ccache, ...kdcOptions() });
    await expectRefused(bindWith(other, flavour), 'KRB_AP_ERR_NOT_US');
  });

  it.each<Flavour>(['krb5', 'spnego'])('%s: a replayed authenticator: KRB_AP_ERR_REPEAT', async (flavour) => {
    const bind = bindWith(await hostTicket(), flavour);
    expect(await answerTo(bind)).toEqual({ type: PacketType.BIND_ACK });
    await expectRefused(bind, 'KRB_AP_ERR_REPEAT');
  });

  it.each<Flavour>(['krb5', 'spnego'])('%s: a client clock 10 minutes ahead: KRB_AP_ERR_SKEW', async (flavour) => {
    await expectRefused(bindWith(await hostTicket(), flavour, 10 * 60_000), 'KRB_AP_ERR_SKEW');
  });

  it('an expired ticket: KRB_AP_ERR_TKT_EXPIRED (both clocks an hour on, a 10-minute ticket)', async () => {
    const short = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'short.ccache'), ['-l', '10m']);
    const ticket = await hostTicket(short);
    serverClockMs = HOUR;
    try {
      for (const flavour of ['krb5', 'spnego'] as const)
        await expectRefused(bindWith(ticket, flavour, HOUR), 'KRB_AP_ERR_TKT_EXPIRED');
    } finally {
      serverClockMs = 0;
    }
  });

  it('a ticket under a key version the keytab lacks: KRB_AP_ERR_BADKEYVER', async () => {
    const before = await hostTicket();
    // The KDC's key changes after the server exported its keytab: new tickets carry kvno + 1.
    await kdc.kadmin(`cpw -randkey host/${kdc.serverHost}`);
    const after = await hostTicket();
    for (const flavour of ['krb5', 'spnego'] as const)
      await expectRefused(bindWith(after, flavour), 'KRB_AP_ERR_BADKEYVER');
    // A ticket issued under the old key still binds.
    expect(await answerTo(bindWith(before, 'spnego'))).toEqual({ type: PacketType.BIND_ACK });
  });

  it('the server keeps serving: a whole Kerberos connection enumerates the printers', async () => {
    const before = goodTicket;
    const connect = createRemoteConnector({
      address: { host: fixture.host, port: fixture.port },
      rpcTransport: 'tcp',
      rpcPort,
      kerberos: async (service) =>
        service.startsWith('host/') ? before : acquireServiceTicket(service, { ccache, ...kdcOptions() }),
    });
    const connection = await connect(kdc.serverHost, {});
    try {
      expect(connection.transport?.rpc).toContain('SPNEGO(Kerberos) at RPC_C_AUTHN_LEVEL_PKT_PRIVACY');
      const printers = await connection.provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, {
        userName: '',
        groups: [],
        isAdministrator: false,
        remote: true,
      });
      expect(printers.map((p) => p.printerName)).toEqual(expect.arrayContaining([expect.stringMatching(/HpColor$/)]));
    } finally {
      await connection.close();
    }
  });
});
