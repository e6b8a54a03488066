// The MIT keytab and ccache readers on files MIT krb5 wrote (tests/fixtures/kerberos/README.md),
// and our string-to-key against the keys MIT derived from known passwords.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeCcache, ccachePath } from '../../../../lib/auth/kerberos/ccache';
import { EncryptionType } from '../../../../lib/auth/kerberos/constants';
import { encryptionProfile } from '../../../../lib/auth/kerberos/enctypes';
import { decodeKeytab, encodeKeytab } from '../../../../lib/auth/kerberos/keytab';
import { decodePac, findPacInAuthorizationData, verifyPacServerSignature } from '../../../../lib/auth/kerberos/pac';
import { decodeTicketBytes } from '../../../../lib/auth/kerberos/ticket';
import { decodeEncTicketPart } from '../../../../lib/auth/kerberos/ticket';
import { MalformedPacketError } from '../../../../lib/common/errors';

const DIR = path.resolve(__dirname, '../../../fixtures/kerberos');
const file = (name: string): Buffer => readFileSync(path.join(DIR, name));

describe('MIT keytab', () => {
  it('reads the server keytab: cifs/ntprint.pp.test@PP.TEST, kvno 1, aes256 then aes128', () => {
    const entries = decodeKeytab(file('ntprint.keytab'));
    expect(entries.map((e) => [e.realm, e.components.join('/'), e.kvno, e.enctype, e.key.length])).toEqual([
      ['PP.TEST', 'cifs/ntprint.pp.test', 1, 18, 32],
      ['PP.TEST', 'cifs/ntprint.pp.test', 1, 17, 16],
    ]);
    expect(entries[0]?.nameType).toBe(1);
  });

  it('holds exactly the keys our string-to-key derives from the passwords (salt REALM + name)', () => {
    const entries = decodeKeytab(file('users.keytab'));
    const key = (who: string, etype: number): string | undefined =>
      entries.find((e) => e.components.join('/') === who && e.enctype === etype)?.key.toString('hex');
    for (const etype of [EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96]) {
      const p = encryptionProfile(etype)!;
      expect(p.stringToKey('alicepw', 'PP.TESTalice').toString('hex')).toBe(key('alice', etype));
      // kadmin.local -q kept the quotes of -pw 'B0b!pass': they are part of bob's password.
      expect(p.stringToKey("'B0b!pass'", 'PP.TESTbob').toString('hex')).toBe(key('bob', etype));
    }
    const rc4 = encryptionProfile(EncryptionType.RC4_HMAC)!;
    expect(rc4.stringToKey("'B0b!pass'", '').toString('hex')).toBe(key('bob', EncryptionType.RC4_HMAC));
  });

  it('round-trips through the writer and skips holes', () => {
    const entries = decodeKeytab(file('ntprint.keytab'));
    const again = encodeKeytab(entries);
    expect(decodeKeytab(again)).toEqual(entries);
    // A hole (negative size) of 6 bytes before the entries.
    const withHole = Buffer.concat([
      again.subarray(0, 2),
      Buffer.from('fffffffa', 'hex'),
      Buffer.alloc(6),
      again.subarray(2),
    ]);
    expect(decodeKeytab(withHole)).toEqual(entries);
  });

  it('refuses other versions and truncated entries with MalformedPacketError', () => {
    expect(() => decodeKeytab(Buffer.from('0501', 'hex'))).toThrow(MalformedPacketError);
    const bytes = file('ntprint.keytab');
    for (const cut of [3, 10, 40, bytes.length - 1])
      expect(() => decodeKeytab(bytes.subarray(0, cut))).toThrow(MalformedPacketError);
  });
});

describe('MIT credential cache (v4)', () => {
  const cc = decodeCcache(file('alice.ccache'));

  it('reads the default principal, the TGT and the service ticket, skipping X-CACHECONF entries', () => {
    expect(cc.defaultPrincipal).toEqual({ realm: 'PP.TEST', name: { nameType: 1, nameString: ['alice'] } });
    expect(cc.credentials.map((c) => `${c.server.name.nameString.join('/')}@${c.server.realm}`)).toEqual([
      'krbtgt/PP.TEST@PP.TEST',
      'cifs/ntprint.pp.test@PP.TEST',
    ]);
    const tgt = cc.credentials[0]!;
    expect(tgt.enctype).toBe(18);
    expect(tgt.key).toHaveLength(32);
    expect(tgt.authtime.toISOString()).toBe('2026-12-04T20:42:29.000Z');
    expect(tgt.endtime.toISOString()).toBe('2026-12-05T06:42:29.000Z');
    expect(cc.kdcTimeOffsetSeconds).toBe(0);
  });

  it('carries tickets the server keytab decrypts, naming alice and the session key of the cache', () => {
    const service = cc.credentials[1]!;
    const ticket = decodeTicketBytes(service.ticket);
    expect(ticket.sname.nameString).toEqual(['cifs', 'ntprint.pp.test']);
    expect(ticket.encPart).toMatchObject({ etype: 18, kvno: 1 });
    const key = decodeKeytab(file('ntprint.keytab'))[0]!.key;
    const part = decodeEncTicketPart(encryptionProfile(18)!.decrypt(key, 2, ticket.encPart.cipher));
    expect(part.cname.nameString).toEqual(['alice']);
    expect(part.crealm).toBe('PP.TEST');
    expect(part.key.keyvalue.equals(service.key)).toBe(true);
    expect(part.endtime.getTime()).toBe(service.endtime.getTime());
  });

  it("carries MIT's PAC: client info and signatures, the server one made with the service key", () => {
    const service = cc.credentials[1]!;
    const ticket = decodeTicketBytes(service.ticket);
    const entry = decodeKeytab(file('ntprint.keytab'))[0]!;
    const part = decodeEncTicketPart(encryptionProfile(18)!.decrypt(entry.key, 2, ticket.encPart.cipher));
    const raw = findPacInAuthorizationData(part.authorizationData);
    expect(raw).toBeDefined();
    const pac = decodePac(raw!);
    expect(pac.logonInfo).toBeUndefined(); // MIT's KDC has no Windows logon information to give
    expect(pac.buffers.map((b) => b.type)).toEqual(expect.arrayContaining([6, 7, 10]));
    expect(pac.serverSignature?.type).toBe(16); // hmac-sha1-96-aes256
    expect(verifyPacServerSignature(pac, { keytype: 18, keyvalue: entry.key })).toBe(true);
    expect(verifyPacServerSignature(pac, { keytype: 18, keyvalue: Buffer.alloc(32) })).toBe(false);
  });

  it('refuses truncation at every offset with MalformedPacketError', () => {
    const bytes = file('alice.ccache');
    for (let cut = 0; cut < bytes.length; cut += 37) {
      expect(() => decodeCcache(bytes.subarray(0, cut))).toThrow(MalformedPacketError);
    }
  });

  it('takes FILE: names and bare paths, and refuses other cache types', () => {
    expect(ccachePath('FILE:/tmp/krb5cc_0')).toBe('/tmp/krb5cc_0');
    expect(ccachePath('/tmp/cc')).toBe('/tmp/cc');
    expect(() => ccachePath('KEYRING:persistent:0')).toThrow(/not supported/);
  });
});
