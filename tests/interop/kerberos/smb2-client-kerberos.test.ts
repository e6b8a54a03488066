/**
 * Our SMB2 client with a Kerberos ticket from the MIT KDC against our server: SPNEGO with the
 * AP-REQ, the AP-REP checked, signing required on every dialect so both sides must derive the same
 * signing key from the context key; a ticket the server cannot decrypt gets its KRB-ERROR.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { acquireServiceTicket, type ServiceTicket } from '../../../lib/auth/kerberos/kdc-client';
import { createKerberosAcceptorSettings } from '../../../lib/auth/kerberos/kerberos-acceptor';
import { AuthenticationError } from '../../../lib/common/errors';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { describeWithKdc, startKdc, type TestKdc } from '../../helpers/kdc';

const STORE = path.resolve(__dirname, '../../..', 'drivers-store');

jest.setTimeout(60000);

describeWithKdc('our SMB2 client with Kerberos against our server', () => {
  let kdc: TestKdc;
  let server: Smb2Server;
  let port: number;
  let ticket: ServiceTicket;

  beforeAll(async () => {
    kdc = await startKdc();
    const ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    ticket = await acquireServiceTicket(`cifs/${kdc.serverHost}`, {
      ccache,
      kdc: { host: kdc.host, port: kdc.port },
    });
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'POINTPRINT',
      users: [{ name: 'alice', password: 'unused', groups: ['Users'] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: true,
      driverStore: await DriverStore.open(STORE),
      kerberos: createKerberosAcceptorSettings({ keytab: kdc.serverKeytab }),
    });
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server?.close();
    await kdc?.stop();
  });

  it.each([
    ['2.0.2', 0x0202],
    ['2.1', 0x0210],
    ['3.0', 0x0300],
    ['3.0.2', 0x0302],
    ['3.1.1', 0x0311],
  ] as const)('SMB %s: signed session, read PRINT$', async (_name, dialect) => {
    const client = await Smb2Client.connect({
      host: '127.0.0.1',
      serverName: kdc.serverHost,
      port,
      dialects: [dialect],
      signing: 'required',
    });
    try {
      const session = await client.login({ user: 'alice', password: '', kerberos: { ticket } });
      expect(session.signed).toBe(true);
      const tree = await session.treeConnect('PRINT$');
      const file = await tree.openRead('color/Hpclrlsr.icm');
      const data = await file.read(0, file.size);
      expect(data.equals(readFileSync(path.join(STORE, 'color', 'Hpclrlsr.icm')))).toBe(true);
      await file.close();
      await session.logoff();
    } finally {
      await client.close();
    }
  });

  it('a ticket the server cannot decrypt ends in an AuthenticationError naming KRB_AP_ERR_MODIFIED', async () => {
    const forged: ServiceTicket = { ...ticket, ticket: Buffer.from(ticket.ticket) };
    const buf = forged.ticket;
    buf[buf.length - 20] = buf[buf.length - 20]! ^ 0x55; // inside the ticket's ciphertext
    const client = await Smb2Client.connect({ host: '127.0.0.1', port, dialects: [0x0311] });
    try {
      const e = await client
        .login({ user: 'alice', password: '', kerberos: { ticket: forged } })
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AuthenticationError);
      expect(String((e as Error).message)).toMatch(/KRB_AP_ERR_MODIFIED/);
    } finally {
      await client.close();
    }
  });
});
