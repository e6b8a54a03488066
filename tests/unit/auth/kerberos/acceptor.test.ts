// The acceptor against a real MIT service ticket (tests/fixtures/kerberos): AP-REQ checks, the
// KRB-ERROR codes of each refusal, AP-REP and mutual authentication, and SPNEGO through GssAcceptor.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GssAcceptor, type AcceptorOptions } from '../../../../lib/auth/gss-acceptor';
import { GssInitiator } from '../../../../lib/auth/gss-initiator';
import { decodeCcache } from '../../../../lib/auth/kerberos/ccache';
import { KrbErrorCode } from '../../../../lib/auth/kerberos/constants';
import { parseDer } from '../../../../lib/auth/kerberos/der';
import { decodeGssKrb5Token, GssTokenId, MS_KRB5_OID } from '../../../../lib/auth/kerberos/gss-token';
import type { ServiceTicket } from '../../../../lib/auth/kerberos/kdc-client';
import {
  acceptKerberosToken,
  createKerberosAcceptorSettings,
  type KerberosAcceptorSettings,
} from '../../../../lib/auth/kerberos/kerberos-acceptor';
import { buildApReq, KerberosInitiatorContext } from '../../../../lib/auth/kerberos/kerberos-initiator';
import { decodeKeytab, encodeKeytab } from '../../../../lib/auth/kerberos/keytab';
import { decodeKrbError } from '../../../../lib/auth/kerberos/krb-error';
import {
  decodeSpnegoToken,
  encodeNegTokenInit,
  encodeNegTokenResp,
  KERBEROS_V5_OID,
  NTLMSSP_OID,
  NegState,
} from '../../../../lib/auth/spnego';
import { NtStatus } from '../../../../lib/common/status/ntstatus';

const DIR = path.resolve(__dirname, '../../../fixtures/kerberos');
const keytab = decodeKeytab(readFileSync(path.join(DIR, 'ntprint.keytab')));
const cc = decodeCcache(readFileSync(path.join(DIR, 'alice.ccache')));
const asTicket = (i: number): ServiceTicket => {
  const c = cc.credentials[i]!;
  return {
    client: c.client,
    server: c.server,
    ticket: c.ticket,
    sessionKey: { keytype: c.enctype, keyvalue: c.key },
    endtime: c.endtime,
  };
};
const tgt = asTicket(0);
const cifs = asTicket(1);
// Within the fixture ticket's life (20:42:29 to 06:42:29 UTC).
const T = new Date('2026-12-04T21:00:00.250Z');

function settings(now = T, entries = keytab): KerberosAcceptorSettings {
  return createKerberosAcceptorSettings({ keytab: entries, now: () => now });
}

function refusal(s: KerberosAcceptorSettings, token: Buffer): number {
  const r = acceptKerberosToken(s, token);
  if (r.ok) throw new Error('accepted');
  const gss = decodeGssKrb5Token(r.responseToken);
  expect(gss.tokenId).toBe(GssTokenId.KRB_ERROR);
  const e = decodeKrbError(parseDer(gss.message, 'KRB-ERROR'));
  expect(e.errorCode).toBe(r.error.krbCode);
  expect(e.realm).toBe('PP.TEST');
  return e.errorCode;
}

describe('AP-REQ acceptance', () => {
  it('accepts alice, answers an AP-REP the initiator verifies, and both sides agree on the subkey', () => {
    const s = settings();
    const client = new KerberosInitiatorContext(cifs, { now: () => T });
    const r = acceptKerberosToken(s, client.initialToken());
    if (!r.ok) throw r.error;
    expect(r.verified.client).toBe('alice@PP.TEST');
    expect(r.verified.server).toBe('cifs/ntprint.pp.test@PP.TEST');
    expect(r.verified.mutual).toBe(true);
    expect(r.verified.gssFlags & 0x3e).toBe(0x3e);
    client.processReply(r.responseToken);
    expect(client.contextKey.keyvalue.equals(r.verified.contextKey.keyvalue)).toBe(true);
    expect(r.verified.contextKey.keyvalue.equals(cifs.sessionKey.keyvalue)).toBe(false);

    // RFC 4121 tokens both ways over the context.
    const server = r.context!;
    const mine = client.gssContext!;
    const msg = Buffer.from('RpcOpenPrinterEx');
    expect(() => server.verifyMic(msg, mine.getMic(msg))).not.toThrow();
    expect(() => mine.verifyMic(msg, server.getMic(msg))).not.toThrow();
    expect(() => server.verifyMic(Buffer.from('other'), mine.getMic(msg))).toThrow();
    // A token the acceptor made is not taken back as the initiator's.
    expect(() => server.verifyMic(msg, server.getMic(msg))).toThrow();
    for (const confidential of [true, false]) {
      for (const rrc of [0, 28]) {
        const wrapped = mine.wrap(msg, { confidential, rrc });
        expect(server.unwrap(wrapped)).toMatchObject({ plaintext: msg, confidential });
        expect(mine.unwrap(server.wrap(msg, { confidential, rrc })).plaintext.equals(msg)).toBe(true);
      }
    }
    const sealed = mine.wrap(msg, { confidential: true });
    sealed[sealed.length - 1] = sealed[sealed.length - 1]! ^ 1;
    expect(() => server.unwrap(sealed)).toThrow();
  });

  it('refuses a replayed authenticator with KRB_AP_ERR_REPEAT', () => {
    const s = settings();
    const { token } = buildApReq(cifs, { now: T });
    expect(acceptKerberosToken(s, token).ok).toBe(true);
    expect(refusal(s, token)).toBe(KrbErrorCode.KRB_AP_ERR_REPEAT);
    // A fresh authenticator in the same second is fine.
    expect(acceptKerberosToken(s, buildApReq(cifs, { now: T }).token).ok).toBe(true);
  });

  it('refuses a clock more than 5 minutes off with KRB_AP_ERR_SKEW and tells the server time', () => {
    const s = settings();
    expect(refusal(s, buildApReq(cifs, { now: new Date(T.getTime() + 301_000) }).token)).toBe(
      KrbErrorCode.KRB_AP_ERR_SKEW,
    );
    expect(refusal(s, buildApReq(cifs, { now: new Date(T.getTime() - 301_000) }).token)).toBe(
      KrbErrorCode.KRB_AP_ERR_SKEW,
    );
    expect(acceptKerberosToken(s, buildApReq(cifs, { now: new Date(T.getTime() + 290_000) }).token).ok).toBe(true);
    const r = acceptKerberosToken(s, buildApReq(cifs, { now: new Date(T.getTime() + 3_600_000) }).token);
    if (r.ok) throw new Error('accepted');
    const e = decodeKrbError(parseDer(decodeGssKrb5Token(r.responseToken).message, 'KRB-ERROR'));
    expect(Math.abs(e.stime.getTime() - T.getTime())).toBeLessThan(1000);
  });

  it('refuses an expired ticket with KRB_AP_ERR_TKT_EXPIRED, and one not yet valid with TKT_NYV', () => {
    const late = new Date(cifs.endtime.getTime() + 6 * 60_000);
    expect(refusal(settings(late), buildApReq(cifs, { now: late }).token)).toBe(KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED);
    const early = new Date('2026-12-04T20:30:00Z');
    expect(refusal(settings(early), buildApReq(cifs, { now: early }).token)).toBe(KrbErrorCode.KRB_AP_ERR_TKT_NYV);
  });

  it('refuses a ticket for another service with KRB_AP_ERR_NOT_US', () => {
    expect(refusal(settings(), buildApReq(tgt, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_NOT_US);
    const onlyHost = createKerberosAcceptorSettings({ keytab, services: ['host'], now: () => T });
    expect(refusal(onlyHost, buildApReq(cifs, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_NOT_US);
    const otherHost = createKerberosAcceptorSettings({ keytab, hostNames: ['other.pp.test'], now: () => T });
    expect(refusal(otherHost, buildApReq(cifs, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_NOT_US);
  });

  it('refuses a key version the keytab lacks with KRB_AP_ERR_BADKEYVER', () => {
    const rotated = decodeKeytab(encodeKeytab(keytab.map((e) => ({ ...e, kvno: 2 }))));
    expect(refusal(settings(T, rotated), buildApReq(cifs, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_BADKEYVER);
  });

  it('refuses a ticket the key does not decrypt with KRB_AP_ERR_MODIFIED', () => {
    const wrongKey = keytab.map((e) => ({ ...e, key: Buffer.alloc(e.key.length, 7) }));
    expect(refusal(settings(T, wrongKey), buildApReq(cifs, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_MODIFIED);
  });

  it('refuses an authenticator not made with the ticket session key with KRB_AP_ERR_BAD_INTEGRITY', () => {
    const forged = { ...cifs, sessionKey: { ...cifs.sessionKey, keyvalue: Buffer.alloc(32, 1) } };
    expect(refusal(settings(), buildApReq(forged, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY);
  });

  it('refuses an authenticator naming someone else with KRB_AP_ERR_BADMATCH', () => {
    const mallory = { ...cifs, client: { realm: 'PP.TEST', name: { nameType: 1, nameString: ['admin'] } } };
    expect(refusal(settings(), buildApReq(mallory, { now: T }).token)).toBe(KrbErrorCode.KRB_AP_ERR_BADMATCH);
  });

  it('refuses an authenticator subkey of the wrong length with KRB_ERR_GENERIC', () => {
    const s = settings();
    const token = buildApReq(cifs, { now: T, subkey: { keytype: 18, keyvalue: Buffer.alloc(5) } }).token;
    expect(refusal(s, token)).toBe(KrbErrorCode.KRB_ERR_GENERIC);
  });

  it('refuses a keytab with a key of the wrong length when the settings are made', () => {
    const broken = keytab.map((e) => ({ ...e, key: e.key.subarray(0, 10) }));
    expect(() => createKerberosAcceptorSettings({ keytab: broken })).toThrow(/10-byte aes256/);
    expect(() => createKerberosAcceptorSettings({ keytab: [] })).toThrow(/no keys/);
    expect(() => createKerberosAcceptorSettings({ keytab: path.join(DIR, 'missing.keytab') })).toThrow(
      /cannot read the keytab .*missing.keytab/,
    );
    expect(() => createKerberosAcceptorSettings({ keytab: path.join(DIR, 'alice.ccache') })).toThrow(
      /is not an MIT keytab/,
    );
  });

  it('throws MalformedPacketError for garbage, truncation and non-AP-REQ tokens', () => {
    const { token } = buildApReq(cifs, { now: T });
    for (let cut = 1; cut < token.length; cut += 23)
      expect(() => acceptKerberosToken(settings(), token.subarray(0, cut))).toThrow(/Kerberos|GSS|truncated/);
    expect(() => acceptKerberosToken(settings(), Buffer.from('6003060100', 'hex'))).toThrow();
  });
});

describe('SPNEGO with Kerberos (GssAcceptor and GssInitiator)', () => {
  const options = (s: KerberosAcceptorSettings): AcceptorOptions => ({
    serverName: 'NTPRINT',
    domain: 'PP',
    lookupUser: (name) =>
      name.toLowerCase() === 'alice' ? { name: 'alice', password: 'x', groups: ['Users'] } : undefined,
    allowNtlmV1: false,
    allowGuest: false,
    allowAnonymous: false,
    kerberos: s,
  });

  it('advertises MS-KRB5, KRB5 and NTLMSSP only when a keytab is configured', () => {
    const with_ = decodeSpnegoToken(GssAcceptor.negotiateToken(true));
    const without = decodeSpnegoToken(GssAcceptor.negotiateToken());
    expect(with_.kind === 'init' && with_.init.mechTypes).toEqual([MS_KRB5_OID, KERBEROS_V5_OID, NTLMSSP_OID]);
    expect(without.kind === 'init' && without.init.mechTypes).toEqual([NTLMSSP_OID]);
  });

  it('completes in one round trip; the initiator checks the AP-REP; both have the same 16-byte key', () => {
    const acceptor = new GssAcceptor(options(settings()));
    const initiator = new GssInitiator({
      user: '',
      password: '',
      domain: '',
      workstation: 'W',
      useSpnego: true,
      kerberos: { ticket: cifs },
      now: () => T,
    });
    const first = initiator.step(GssAcceptor.negotiateToken(true));
    expect(first.done).toBe(true);
    const step = acceptor.step(first.token);
    if (step.state !== 'done') throw new Error(JSON.stringify(step));
    expect(step.mechanism).toBe('kerberos');
    expect(step.user).toMatchObject({ userName: 'alice', domain: 'PP.TEST', groups: ['Users'], isGuest: false });
    const resp = decodeSpnegoToken(step.responseToken);
    expect(resp.kind === 'resp' && resp.resp).toMatchObject({
      negState: NegState.ACCEPT_COMPLETED,
      supportedMech: MS_KRB5_OID,
    });
    initiator.finish(step.responseToken);
    expect(step.sessionKey).toHaveLength(16);
    expect(initiator.sessionKey!.equals(step.sessionKey)).toBe(true);
  });

  it('answers a refused AP-REQ with accept-incomplete and the KRB-ERROR, then fails after three tries', () => {
    const acceptor = new GssAcceptor(options(settings()));
    const skewed = buildApReq(cifs, { now: new Date(T.getTime() + 600_000), mechOid: KERBEROS_V5_OID }).token;
    const step = acceptor.step(encodeNegTokenInit({ mechTypes: [KERBEROS_V5_OID, NTLMSSP_OID], mechToken: skewed }));
    if (step.state !== 'continue') throw new Error(step.state);
    expect(step.reason).toMatch(/KRB_AP_ERR_SKEW/);
    const resp = decodeSpnegoToken(step.responseToken);
    if (resp.kind !== 'resp') throw new Error('not a NegTokenResp');
    expect(resp.resp.negState).toBe(NegState.ACCEPT_INCOMPLETE);
    expect(decodeGssKrb5Token(resp.resp.responseToken!).tokenId).toBe(GssTokenId.KRB_ERROR);

    // The GssInitiator turns the same answer into an AuthenticationError naming the code.
    const initiator = new GssInitiator({
      user: '',
      password: '',
      domain: '',
      workstation: 'W',
      useSpnego: true,
      kerberos: { ticket: cifs },
      now: () => new Date(T.getTime() + 600_000),
    });
    const token = initiator.step(undefined).token;
    const refused = new GssAcceptor(options(settings())).step(token);
    if (refused.state !== 'continue') throw new Error(refused.state);
    expect(() => initiator.step(refused.responseToken)).toThrow(/KRB_AP_ERR_SKEW/);

    const retry = (): ReturnType<GssAcceptor['step']> =>
      acceptor.step(
        encodeNegTokenResp({ responseToken: buildApReq(cifs, { now: new Date(T.getTime() + 600_000) }).token }),
      );
    expect(retry().state).toBe('continue');
    const last = retry();
    expect(last).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
  });

  it('a retried AP-REQ with the right time after KRB_AP_ERR_SKEW succeeds', () => {
    const acceptor = new GssAcceptor(options(settings()));
    const skewed = buildApReq(cifs, { now: new Date(T.getTime() - 900_000) }).token;
    expect(acceptor.step(encodeNegTokenInit({ mechTypes: [MS_KRB5_OID], mechToken: skewed })).state).toBe('continue');
    const step = acceptor.step(encodeNegTokenResp({ responseToken: buildApReq(cifs, { now: T }).token }));
    expect(step).toMatchObject({ state: 'done', mechanism: 'kerberos' });
  });

  it('maps a principal without an account to STATUS_LOGON_FAILURE', () => {
    const acceptor = new GssAcceptor({ ...options(settings()), lookupUser: () => undefined });
    const step = acceptor.step(
      encodeNegTokenInit({ mechTypes: [MS_KRB5_OID], mechToken: buildApReq(cifs, { now: T }).token }),
    );
    expect(step).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
  });

  it('uses the principal map of the settings', () => {
    const s = createKerberosAcceptorSettings({ keytab, now: () => T, principalMap: { 'alice@PP.TEST': 'printadmin' } });
    const acceptor = new GssAcceptor({
      ...options(s),
      lookupUser: (n) =>
        n === 'printadmin' ? { name: 'printadmin', password: 'x', groups: ['Administrators'] } : undefined,
    });
    const step = acceptor.step(
      encodeNegTokenInit({ mechTypes: [MS_KRB5_OID], mechToken: buildApReq(cifs, { now: T }).token }),
    );
    expect(step).toMatchObject({ state: 'done', user: { userName: 'printadmin', isAdministrator: true } });
  });

  it('keeps NTLM when the client prefers it, and ignores Kerberos without a keytab', () => {
    const ntlmFirst = new GssAcceptor(options(settings())).step(
      encodeNegTokenInit({ mechTypes: [NTLMSSP_OID, MS_KRB5_OID], mechToken: buildApReq(cifs, { now: T }).token }),
    );
    const r1 = decodeSpnegoToken((ntlmFirst as { responseToken: Buffer }).responseToken);
    expect(r1.kind === 'resp' && r1.resp.supportedMech).toBe(NTLMSSP_OID);
    const { kerberos: _unused, ...noKrb } = options(settings());
    const step = new GssAcceptor(noKrb).step(
      encodeNegTokenInit({ mechTypes: [MS_KRB5_OID, NTLMSSP_OID], mechToken: buildApReq(cifs, { now: T }).token }),
    );
    const r2 = decodeSpnegoToken((step as { responseToken: Buffer }).responseToken);
    expect(r2.kind === 'resp' && r2.resp).toMatchObject({ supportedMech: NTLMSSP_OID, negState: NegState.REQUEST_MIC });
  });
});
