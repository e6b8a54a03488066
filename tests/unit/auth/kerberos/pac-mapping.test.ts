// A ticket carrying the Windows Server 2003 PAC (tests/fixtures/kerberos/README.md), encrypted
// under that PAC's RC4 service key the way a KDC would: the acceptor checks the PAC signature and
// takes the user and groups from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GssAcceptor, type AcceptorOptions } from '../../../../lib/auth/gss-acceptor';
import { AuthDataType, EncryptionType, KrbErrorCode } from '../../../../lib/auth/kerberos/constants';
import { der } from '../../../../lib/auth/kerberos/der';
import { encryptionProfile } from '../../../../lib/auth/kerberos/enctypes';
import { MS_KRB5_OID } from '../../../../lib/auth/kerberos/gss-token';
import type { ServiceTicket } from '../../../../lib/auth/kerberos/kdc-client';
import {
  acceptKerberosToken,
  createKerberosAcceptorSettings,
  type KerberosSettingsOptions,
} from '../../../../lib/auth/kerberos/kerberos-acceptor';
import { buildApReq } from '../../../../lib/auth/kerberos/kerberos-initiator';
import type { KeytabEntry } from '../../../../lib/auth/kerberos/keytab';
import { encodeAuthorizationData } from '../../../../lib/auth/kerberos/krb-types';
import { encodeEncTicketPart, encodeTicket } from '../../../../lib/auth/kerberos/ticket';
import { encodeNegTokenInit } from '../../../../lib/auth/spnego';

const PAC = Buffer.from(
  readFileSync(path.resolve(__dirname, '../../../fixtures/kerberos/win2003-pac.hex'), 'utf8').replace(/\s+/g, ''),
  'hex',
);
const SERVICE_KEY = Buffer.from('D217FAEAE5E6B5F95CCC94077AB8A5FC', 'hex');
const REALM = 'WIN2K3.THINKER.LOCAL';
const SNAME = { nameType: 2, nameString: ['cifs', 'ntprint.win2k3.thinker.local'] };
const T = new Date('2026-12-04T21:00:00Z');
const keytab: KeytabEntry[] = [
  { realm: REALM, components: SNAME.nameString, nameType: 2, timestamp: 0, kvno: 3, enctype: 23, key: SERVICE_KEY },
];

function ticketWithPac(pac: Buffer): ServiceTicket {
  const rc4 = encryptionProfile(EncryptionType.RC4_HMAC)!;
  const sessionKey = { keytype: EncryptionType.RC4_HMAC, keyvalue: rc4.randomKey() };
  const cname = { nameType: 1, nameString: ['w2003final$'] };
  const ifRelevant = der(encodeAuthorizationData([{ adType: AuthDataType.AD_WIN2K_PAC, adData: pac }]));
  const part = encodeEncTicketPart({
    flags: 0x40e00000,
    key: sessionKey,
    crealm: REALM,
    cname,
    transited: { trType: 1, contents: Buffer.alloc(0) },
    authtime: new Date(T.getTime() - 60_000),
    endtime: new Date(T.getTime() + 3600_000),
    authorizationData: [{ adType: AuthDataType.AD_IF_RELEVANT, adData: ifRelevant }],
  });
  const ticket = encodeTicket({
    realm: REALM,
    sname: SNAME,
    encPart: { etype: 23, kvno: 3, cipher: rc4.encrypt(SERVICE_KEY, 2, part) },
  });
  return {
    client: { realm: REALM, name: cname },
    server: { realm: REALM, name: SNAME },
    ticket,
    sessionKey,
    endtime: new Date(T.getTime() + 3600_000),
  };
}

const settings = (extra: Partial<KerberosSettingsOptions> = {}) =>
  createKerberosAcceptorSettings({ keytab, now: () => T, ...extra });

describe('PAC in the ticket', () => {
  it('is verified and read: the domain user, its SID groups mapped through sidGroups', () => {
    const r = acceptKerberosToken(settings(), buildApReq(ticketWithPac(PAC), { now: T }).token);
    if (!r.ok) throw r.error;
    expect(r.verified.pac?.logonInfo?.userSid).toBe('S-1-5-21-3048156945-3961193616-3706469200-1005');
    expect(r.context).toBeUndefined(); // RC4: no RFC 4121 tokens, the session key still serves SMB2

    const options: AcceptorOptions = {
      serverName: 'NTPRINT',
      domain: 'WIN2K3THINK',
      lookupUser: () => undefined,
      allowNtlmV1: false,
      allowGuest: false,
      allowAnonymous: false,
      kerberos: settings({ sidGroups: { 'S-1-5-9': 'Print Operators' } }),
    };
    const step = new GssAcceptor(options).step(
      encodeNegTokenInit({ mechTypes: [MS_KRB5_OID], mechToken: buildApReq(ticketWithPac(PAC), { now: T }).token }),
    );
    expect(step).toMatchObject({
      state: 'done',
      mechanism: 'kerberos',
      user: { userName: 'W2003FINAL$', domain: 'WIN2K3THINK', groups: ['Print Operators'], isAdministrator: false },
    });
  });

  it('adds the PAC groups to a mapped account', () => {
    const step = new GssAcceptor({
      serverName: 'NTPRINT',
      domain: 'WIN2K3THINK',
      lookupUser: (n) => (n === 'w2003final$' ? { name: 'w2003final$', password: '', groups: ['Users'] } : undefined),
      allowNtlmV1: false,
      allowGuest: false,
      allowAnonymous: false,
      kerberos: settings({ sidGroups: { 'S-1-5-21-3048156945-3961193616-3706469200-516': 'Administrators' } }),
    }).step(
      encodeNegTokenInit({ mechTypes: [MS_KRB5_OID], mechToken: buildApReq(ticketWithPac(PAC), { now: T }).token }),
    );
    expect(step).toMatchObject({ state: 'done', user: { groups: ['Users', 'Administrators'], isAdministrator: true } });
  });

  it('refuses a PAC whose server signature does not verify with KRB_AP_ERR_MODIFIED', () => {
    const forged = Buffer.from(PAC);
    forged[0x150] = forged[0x150]! ^ 1; // inside KERB_VALIDATION_INFO
    const r = acceptKerberosToken(settings(), buildApReq(ticketWithPac(forged), { now: T }).token);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.krbCode).toBe(KrbErrorCode.KRB_AP_ERR_MODIFIED);
    const garbage = acceptKerberosToken(
      settings(),
      buildApReq(ticketWithPac(Buffer.alloc(12, 0xff)), { now: T }).token,
    );
    expect(!garbage.ok && garbage.error.krbCode).toBe(KrbErrorCode.KRB_AP_ERR_MODIFIED);
  });
});
