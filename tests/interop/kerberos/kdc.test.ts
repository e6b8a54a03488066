/**
 * Our Kerberos code against Debian's MIT KDC (tests/helpers/kdc.ts): kinit alice, our ccache
 * reader reads the TGT, our client gets service tickets with a TGS-REQ over TCP (and a TGT from a
 * keytab with an AS-REQ), our acceptor accepts the AP-REQ with the keytab MIT exported, and each
 * refusal carries the KRB-ERROR code Windows would send.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GssAcceptor } from '../../../lib/auth/gss-acceptor';
import { GssInitiator } from '../../../lib/auth/gss-initiator';
import { readCcacheFile } from '../../../lib/auth/kerberos/ccache';
import { KrbErrorCode } from '../../../lib/auth/kerberos/constants';
import { parseDer } from '../../../lib/auth/kerberos/der';
import { KerberosError } from '../../../lib/auth/kerberos/errors';
import { decodeGssKrb5Token } from '../../../lib/auth/kerberos/gss-token';
import { acquireServiceTicket, type KerberosClientOptions } from '../../../lib/auth/kerberos/kdc-client';
import {
  acceptKerberosToken,
  createKerberosAcceptorSettings,
  type KerberosAcceptorSettings,
} from '../../../lib/auth/kerberos/kerberos-acceptor';
import { buildApReq, KerberosInitiatorContext } from '../../../lib/auth/kerberos/kerberos-initiator';
import { decodeKrbError } from '../../../lib/auth/kerberos/krb-error';
import { describeWithKdc, klist, startKdc, type TestKdc } from '../../helpers/kdc';

jest.setTimeout(60000);

describeWithKdc('Kerberos against an MIT KDC', () => {
  let kdc: TestKdc;
  let ccache: string;
  let client: KerberosClientOptions;
  let server: KerberosAcceptorSettings;

  beforeAll(async () => {
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    client = { ccache, kdc: { host: kdc.host, port: kdc.port } };
    server = createKerberosAcceptorSettings({ keytab: kdc.serverKeytab });
  });
  afterAll(async () => {
    await kdc?.stop();
  });

  const refusal = (settings: KerberosAcceptorSettings, token: Buffer): number => {
    const r = acceptKerberosToken(settings, token);
    if (r.ok) throw new Error(`accepted ${r.verified.client}`);
    const e = decodeKrbError(parseDer(decodeGssKrb5Token(r.responseToken).message, 'KRB-ERROR'));
    expect(e.errorCode).toBe(r.error.krbCode);
    return e.errorCode;
  };

  it('reads the TGT kinit wrote', async () => {
    const cc = readCcacheFile(`FILE:${ccache}`);
    expect(cc.defaultPrincipal.name.nameString).toEqual(['alice']);
    const tgt = cc.credentials.find((c) => c.server.name.nameString[0] === 'krbtgt');
    expect(tgt?.server.name.nameString).toEqual(['krbtgt', kdc.realm]);
    expect(tgt?.endtime.getTime()).toBeGreaterThan(Date.now());
    expect(await klist(kdc, ccache)).toContain(`krbtgt/${kdc.realm}@${kdc.realm}`);
  });

  it.each(['cifs', 'host'])(
    'gets a %s/ ticket from the KDC and the acceptor takes its AP-REQ, with mutual authentication',
    async (svc) => {
      const ticket = await acquireServiceTicket(`${svc}/${kdc.serverHost}`, client);
      expect(ticket.server.name.nameString).toEqual([svc, kdc.serverHost]);
      const ctx = new KerberosInitiatorContext(ticket);
      const r = acceptKerberosToken(server, ctx.initialToken());
      if (!r.ok) throw r.error;
      expect(r.verified.client).toBe(`alice@${kdc.realm}`);
      expect(r.verified.server).toBe(`${svc}/${kdc.serverHost}@${kdc.realm}`);
      ctx.processReply(r.responseToken);
      expect(ctx.contextKey.keyvalue.equals(r.verified.contextKey.keyvalue)).toBe(true);
    },
  );

  it('SPNEGO end to end: GssInitiator with a fresh ticket, GssAcceptor with the keytab, one round trip', async () => {
    const ticket = await acquireServiceTicket(`cifs/${kdc.serverHost}`, client);
    const initiator = new GssInitiator({
      user: '',
      password: '',
      domain: '',
      workstation: 'W',
      useSpnego: true,
      kerberos: { ticket },
    });
    const acceptor = new GssAcceptor({
      serverName: 'NTPRINT',
      domain: 'POINTPRINT',
      lookupUser: (name) => (name === 'alice' ? { name: 'alice', password: '', groups: ['Users'] } : undefined),
      allowNtlmV1: false,
      allowGuest: false,
      allowAnonymous: false,
      kerberos: server,
    });
    const first = initiator.step(GssAcceptor.negotiateToken(true));
    const step = acceptor.step(first.token);
    if (step.state !== 'done') throw new Error(`acceptor: ${step.state}`);
    initiator.finish(step.responseToken);
    expect(step.user).toMatchObject({ userName: 'alice', domain: kdc.realm });
    expect(initiator.sessionKey?.equals(step.sessionKey)).toBe(true);
  });

  it('gets a TGT with a keytab (AS-REQ with PA-ENC-TIMESTAMP), then a service ticket', async () => {
    const keytab = path.join(kdc.dir, 'admin.keytab');
    await kdc.kadmin(`ktadd -norandkey -k ${keytab} admin`);
    const ticket = await acquireServiceTicket(`cifs/${kdc.serverHost}`, {
      keytab,
      principal: `admin@${kdc.realm}`,
      kdc: { host: kdc.host, port: kdc.port },
    });
    const r = acceptKerberosToken(server, buildApReq(ticket).token);
    expect(r.ok && r.verified.client).toBe(`admin@${kdc.realm}`);
  });

  it('finds the KDC through KRB5_CONFIG when none is named', async () => {
    const saved = process.env.KRB5_CONFIG;
    process.env.KRB5_CONFIG = kdc.env.KRB5_CONFIG;
    try {
      const ticket = await acquireServiceTicket(`host/${kdc.serverHost}`, { ccache });
      expect(ticket.client.name.nameString).toEqual(['alice']);
    } finally {
      if (saved === undefined) delete process.env.KRB5_CONFIG;
      else process.env.KRB5_CONFIG = saved;
    }
  });

  it('reports the KDC error for an unknown service', async () => {
    const e = await acquireServiceTicket(`cifs/nowhere.${kdc.realm.toLowerCase()}`, client).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KerberosError);
    expect((e as KerberosError).krbCode).toBe(KrbErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN);
  });

  it('refuses a ticket for another service with KRB_AP_ERR_NOT_US', async () => {
    await kdc.kadmin(`addprinc -randkey HTTP/${kdc.serverHost}`);
    await kdc.kadmin(`addprinc -randkey cifs/other.${kdc.realm.toLowerCase()}`);
    for (const service of [`HTTP/${kdc.serverHost}`, `cifs/other.${kdc.realm.toLowerCase()}`]) {
      const ticket = await acquireServiceTicket(service, client);
      expect(refusal(server, buildApReq(ticket).token)).toBe(KrbErrorCode.KRB_AP_ERR_NOT_US);
    }
  });

  it('refuses a replayed authenticator with KRB_AP_ERR_REPEAT', async () => {
    const ticket = await acquireServiceTicket(`cifs/${kdc.serverHost}`, client);
    const { token } = buildApReq(ticket);
    expect(acceptKerberosToken(server, token).ok).toBe(true);
    expect(refusal(server, token)).toBe(KrbErrorCode.KRB_AP_ERR_REPEAT);
  });

  it('refuses a skewed clock with KRB_AP_ERR_SKEW', async () => {
    const ticket = await acquireServiceTicket(`cifs/${kdc.serverHost}`, client);
    expect(refusal(server, buildApReq(ticket, { now: new Date(Date.now() + 10 * 60_000) }).token)).toBe(
      KrbErrorCode.KRB_AP_ERR_SKEW,
    );
  });

  it('refuses an expired ticket with KRB_AP_ERR_TKT_EXPIRED (both clocks a day later)', async () => {
    const ticket = await acquireServiceTicket(`cifs/${kdc.serverHost}`, client);
    const later = new Date(ticket.endtime.getTime() + 24 * 3600_000);
    const settings = createKerberosAcceptorSettings({ keytab: kdc.serverKeytab, now: () => later });
    expect(refusal(settings, buildApReq(ticket, { now: later }).token)).toBe(KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED);
  });

  it('refuses a ticket under a key version the keytab lacks with KRB_AP_ERR_BADKEYVER', async () => {
    const host = `rotated.${kdc.realm.toLowerCase()}`;
    const oldKeytab = path.join(kdc.dir, 'rotated.keytab');
    await kdc.kadmin(`addprinc -randkey cifs/${host}`);
    await kdc.kadmin(`ktadd -norandkey -k ${oldKeytab} cifs/${host}`);
    await kdc.kadmin(`cpw -randkey cifs/${host}`);
    const stale = createKerberosAcceptorSettings({ keytab: oldKeytab });
    const ticket = await acquireServiceTicket(`cifs/${host}`, client);
    expect(refusal(stale, buildApReq(ticket).token)).toBe(KrbErrorCode.KRB_AP_ERR_BADKEYVER);
    await fs.rm(oldKeytab);
  });
});
