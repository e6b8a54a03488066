// Random damage to real Kerberos tokens (a seeded generator, so failures reproduce): the GSS
// acceptor answers every one with a step — continue with a KRB-ERROR, or failed with a status —
// and never throws; the decoders throw nothing but MalformedPacketError.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GssAcceptor } from '../../../../lib/auth/gss-acceptor';
import { decodeApReqBytes } from '../../../../lib/auth/kerberos/ap-messages';
import { decodeCcache } from '../../../../lib/auth/kerberos/ccache';
import { decodeGssKrb5Token, MS_KRB5_OID } from '../../../../lib/auth/kerberos/gss-token';
import { createKerberosAcceptorSettings } from '../../../../lib/auth/kerberos/kerberos-acceptor';
import { buildApReq } from '../../../../lib/auth/kerberos/kerberos-initiator';
import { decodeKeytab } from '../../../../lib/auth/kerberos/keytab';
import { decodePac } from '../../../../lib/auth/kerberos/pac';
import { encodeNegTokenInit } from '../../../../lib/auth/spnego';
import { MalformedPacketError } from '../../../../lib/common/errors';

const DIR = path.resolve(__dirname, '../../../fixtures/kerberos');
const keytab = decodeKeytab(readFileSync(path.join(DIR, 'ntprint.keytab')));
const c = decodeCcache(readFileSync(path.join(DIR, 'alice.ccache'))).credentials[1]!;
const ticket = {
  client: c.client,
  server: c.server,
  ticket: c.ticket,
  sessionKey: { keytype: c.enctype, keyvalue: c.key },
  endtime: c.endtime,
};
const T = new Date('2026-12-04T21:00:00Z');

/** xorshift32: small and deterministic. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function damage(bytes: Buffer, next: () => number): Buffer {
  const out = Buffer.from(bytes);
  const kind = next() % 3;
  if (kind === 0) {
    for (let i = 1 + (next() % 4); i > 0; i--) out[next() % out.length] = next() & 0xff;
    return out;
  }
  if (kind === 1) return out.subarray(0, next() % out.length);
  const at = next() % out.length;
  return Buffer.concat([out.subarray(0, at), Buffer.from([next() & 0xff, next() & 0xff]), out.subarray(at)]);
}

describe('fuzzing the Kerberos decoders and acceptor', () => {
  it('GssAcceptor answers 120 damaged AP-REQs with a step, never an exception', () => {
    const settings = createKerberosAcceptorSettings({ keytab, now: () => T });
    const next = rng(0x4b524235);
    const states = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const token = damage(buildApReq(ticket, { now: T }).token, next);
      const acceptor = new GssAcceptor({
        serverName: 'NTPRINT',
        domain: 'PP',
        lookupUser: () => ({ name: 'alice', password: '', groups: [] }),
        allowNtlmV1: false,
        allowGuest: false,
        allowAnonymous: false,
        kerberos: settings,
      });
      const step = acceptor.step(encodeNegTokenInit({ mechTypes: [MS_KRB5_OID], mechToken: token }));
      states.add(step.state);
    }
    expect(states.has('continue') || states.has('failed')).toBe(true);
  });

  it('the AP-REQ, GSS framing and PAC decoders throw only MalformedPacketError', () => {
    const next = rng(0x50414321);
    const apReq = decodeGssKrb5Token(buildApReq(ticket, { now: T }).token).message;
    const pac = Buffer.from(readFileSync(path.join(DIR, 'win2003-pac.hex'), 'utf8').replace(/\s+/g, ''), 'hex');
    const attempts: Array<[Buffer, (b: Buffer) => unknown]> = [
      [apReq, decodeApReqBytes],
      [buildApReq(ticket, { now: T }).token, decodeGssKrb5Token],
      [pac, decodePac],
    ];
    for (const [bytes, decode] of attempts) {
      for (let i = 0; i < 300; i++) {
        try {
          decode(damage(bytes, next));
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedPacketError);
        }
      }
    }
  });
});
