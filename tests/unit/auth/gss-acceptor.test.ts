// The server's GSS acceptor, driven by our initiator (SPNEGO and raw NTLMSSP), by the [MS-NLMP]
// 4.2 example messages, and by hand-built NTLMv1 messages shaped like @marsaud/smb2's ntlm@0.1.
import { AuthenticationError } from '../../../lib/common/errors';
import type { UserAccount } from '../../../lib/common/identity';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { type AcceptorOptions, type AcceptorStep, GssAcceptor } from '../../../lib/auth/gss-acceptor';
import { GssInitiator, type InitiatorOptions } from '../../../lib/auth/gss-initiator';
import { MsvAv } from '../../../lib/auth/ntlm-constants';
import { NtlmSigner } from '../../../lib/auth/ntlm-crypto';
import { NtlmInitiator } from '../../../lib/auth/ntlm-initiator';
import { AUTHENTICATE_MIC_OFFSET, decodeNtlmChallenge } from '../../../lib/auth/ntlmssp-messages';
import {
  KERBEROS_V5_OID,
  NTLMSSP_OID,
  NegState,
  decodeSpnegoToken,
  encodeMechTypeList,
  encodeNegTokenInit,
  encodeNegTokenResp,
} from '../../../lib/auth/spnego';

const h = (...parts: string[]): Buffer => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');
const NOW = new Date('2026-11-21T12:00:00Z');
const accounts: UserAccount[] = [
  { name: 'alice', password: 'Secr3t!', groups: ['Administrators'] },
  { name: 'User', password: 'Password', groups: ['Users'] },
];
const lookupUser = (name: string): UserAccount | undefined =>
  accounts.find((a) => a.name.toLowerCase() === name.toLowerCase());

function acceptor(overrides: Partial<AcceptorOptions> = {}): GssAcceptor {
  return new GssAcceptor({
    serverName: 'NTPRINT',
    domain: 'NTPRINT',
    lookupUser,
    allowNtlmV1: false,
    allowGuest: false,
    allowAnonymous: false,
    now: () => NOW,
    ...overrides,
  });
}

function initiator(overrides: Partial<InitiatorOptions> = {}): GssInitiator {
  return new GssInitiator({
    user: 'alice',
    password: 'Secr3t!',
    domain: 'NTPRINT',
    workstation: 'CLIENT1',
    useSpnego: true,
    ...overrides,
  });
}

function tokenOf(step: AcceptorStep): Buffer {
  if (step.state === 'failed') throw new Error(`acceptor failed: ${step.reason}`);
  return step.responseToken;
}

/** Negotiate, challenge, authenticate; `tamper` may rewrite the client's last token. */
function exchange(
  acc: GssAcceptor,
  init: GssInitiator,
  tamper: (t: Buffer) => Buffer = (t) => t,
): { first: AcceptorStep; last: AcceptorStep } {
  const t1 = init.step(GssAcceptor.negotiateToken());
  expect(t1.done).toBe(false);
  const first = acc.step(t1.token);
  expect(first.state).toBe('continue');
  const t2 = init.step(tokenOf(first));
  expect(t2.done).toBe(true);
  return { first, last: acc.step(tamper(t2.token)) };
}

/** Always the same "random" bytes: the server challenge becomes the [MS-NLMP] 4.2 one. */
const specRandom = (n: number): Buffer =>
  Buffer.from(
    h('0123456789abcdef')
      .subarray(0, n)
      .toString('hex')
      .padEnd(n * 2, '0'),
    'hex',
  );

describe('SPNEGO with NTLMv2 (our initiator)', () => {
  it('authenticates, agrees on the session key, and exchanges verified mechListMICs', () => {
    const acc = acceptor();
    const init = initiator();
    const { last } = exchange(acc, init);
    if (last.state !== 'done') throw new Error(JSON.stringify(last));
    expect(last.user).toMatchObject({
      userName: 'alice',
      domain: 'NTPRINT',
      isAdministrator: true,
      isGuest: false,
      isAnonymous: false,
      machineName: 'CLIENT1',
    });
    expect(last.sessionKey).toHaveLength(16);
    expect(last.sessionKey).toEqual(init.sessionKey);
    const final = decodeSpnegoToken(last.responseToken);
    expect(final.kind === 'resp' && final.resp.negState).toBe(NegState.ACCEPT_COMPLETED);
    expect(final.kind === 'resp' && final.resp.mechListMIC).toHaveLength(16);
    expect(() => init.finish(last.responseToken)).not.toThrow();
  });

  it('answers the first token with accept-incomplete, NTLMSSP and a CHALLENGE carrying the required AV pairs', () => {
    const acc = acceptor({ dnsName: 'ntprint.example.test' });
    const resp = decodeSpnegoToken(tokenOf(acc.step(initiator().step(undefined).token)));
    if (resp.kind !== 'resp' || !resp.resp.responseToken) throw new Error('expected a NegTokenResp with a token');
    expect(resp.resp.negState).toBe(NegState.ACCEPT_INCOMPLETE);
    expect(resp.resp.supportedMech).toBe(NTLMSSP_OID);
    const challenge = decodeNtlmChallenge(resp.resp.responseToken);
    expect(challenge.targetName).toBe('NTPRINT');
    const pairs = new Map(challenge.targetInfo.map((p) => [p.id, p.value]));
    expect(pairs.get(MsvAv.MsvAvNbComputerName)?.toString('utf16le')).toBe('NTPRINT');
    expect(pairs.get(MsvAv.MsvAvNbDomainName)?.toString('utf16le')).toBe('NTPRINT');
    expect(pairs.get(MsvAv.MsvAvDnsComputerName)?.toString('utf16le')).toBe('ntprint.example.test');
    expect(pairs.get(MsvAv.MsvAvDnsDomainName)?.toString('utf16le')).toBe('example.test');
    // FILETIME of NOW: (ms since 1970 + 11644473600000) * 10^4
    expect(pairs.get(MsvAv.MsvAvTimestamp)?.readBigUInt64LE(0)).toBe(
      (BigInt(NOW.getTime()) + 11644473600000n) * 10000n,
    );
  });

  it('matches the user name case-insensitively', () => {
    const { last } = exchange(acceptor(), initiator({ user: 'ALICE' }));
    expect(last.state === 'done' && last.user.userName).toBe('alice');
  });

  it('refuses a wrong password with STATUS_LOGON_FAILURE', () => {
    const { last } = exchange(acceptor({ allowGuest: true }), initiator({ password: 'nope' }));
    expect(last).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
  });

  it('refuses an unknown user, or makes a guest of them when allowed', () => {
    expect(exchange(acceptor(), initiator({ user: 'mallory' })).last).toMatchObject({
      state: 'failed',
      status: NtStatus.STATUS_LOGON_FAILURE,
    });
    const init = initiator({ user: 'mallory' });
    const { last } = exchange(acceptor({ allowGuest: true }), init);
    expect(last).toMatchObject({
      state: 'done',
      isGuest: true,
      isAnonymous: false,
      user: { isGuest: true, isAdministrator: false },
    });
    expect(last.state === 'done' && last.sessionKey).toHaveLength(0);
    // A guest session has no key, so there is no server mechListMIC for the client to check.
    expect(() => init.finish(tokenOf(last))).toThrow(AuthenticationError);
  });

  it('accepts a null session only when anonymous (or guest) logons are allowed', () => {
    const anon = () => initiator({ user: '', password: '' });
    expect(exchange(acceptor(), anon()).last).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
    expect(exchange(acceptor({ allowAnonymous: true }), anon()).last).toMatchObject({
      state: 'done',
      isAnonymous: true,
      isGuest: false,
    });
    expect(exchange(acceptor({ allowGuest: true }), anon()).last).toMatchObject({
      state: 'done',
      isAnonymous: false,
      isGuest: true,
    });
  });

  it('refuses an AUTHENTICATE whose MIC was tampered with', () => {
    const tamper = (token: Buffer): Buffer => {
      const t = decodeSpnegoToken(token);
      if (t.kind !== 'resp' || !t.resp.responseToken) throw new Error('expected a NegTokenResp');
      const auth = Buffer.from(t.resp.responseToken);
      auth.writeUInt8(auth.readUInt8(AUTHENTICATE_MIC_OFFSET + 3) ^ 0x40, AUTHENTICATE_MIC_OFFSET + 3);
      return encodeNegTokenResp({ ...t.resp, responseToken: auth });
    };
    const { last } = exchange(acceptor(), initiator(), tamper);
    expect(last).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
    expect(last.state === 'failed' && last.reason).toMatch(/MIC/);
  });

  it('refuses a tampered mechListMIC', () => {
    const tamper = (token: Buffer): Buffer => {
      const t = decodeSpnegoToken(token);
      if (t.kind !== 'resp' || !t.resp.mechListMIC) throw new Error('expected a mechListMIC');
      const mic = Buffer.from(t.resp.mechListMIC);
      mic.writeUInt8(mic.readUInt8(6) ^ 1, 6);
      return encodeNegTokenResp({ ...t.resp, mechListMIC: mic });
    };
    expect(exchange(acceptor(), initiator(), tamper).last).toMatchObject({
      state: 'failed',
      status: NtStatus.STATUS_LOGON_FAILURE,
    });
  });

  it('the initiator refuses a final token without, or with a wrong, mechListMIC', () => {
    const init1 = initiator();
    exchange(acceptor(), init1);
    expect(() => init1.finish(encodeNegTokenResp({ negState: NegState.ACCEPT_COMPLETED }))).toThrow(
      AuthenticationError,
    );
    const init2 = initiator();
    exchange(acceptor(), init2);
    expect(() =>
      init2.finish(encodeNegTokenResp({ negState: NegState.ACCEPT_COMPLETED, mechListMIC: Buffer.alloc(16, 1) })),
    ).toThrow(AuthenticationError);
    const init3 = initiator();
    exchange(acceptor(), init3);
    expect(() => init3.finish(encodeNegTokenResp({ negState: NegState.REJECT }))).toThrow(AuthenticationError);
  });
});

describe('SPNEGO when NTLMSSP is not the first mechanism', () => {
  const mechTypes = [KERBEROS_V5_OID, NTLMSSP_OID];

  function start(acc: GssAcceptor, ntlm: NtlmInitiator): Buffer {
    const first = acc.step(encodeNegTokenInit({ mechTypes, mechToken: h('6082000100') }));
    const resp = decodeSpnegoToken(tokenOf(first));
    expect(resp).toEqual({ kind: 'resp', resp: { negState: NegState.REQUEST_MIC, supportedMech: NTLMSSP_OID } });
    const second = decodeSpnegoToken(tokenOf(acc.step(encodeNegTokenResp({ responseToken: ntlm.negotiate() }))));
    if (second.kind !== 'resp' || !second.resp.responseToken) throw new Error('expected a CHALLENGE');
    return second.resp.responseToken;
  }

  it('selects NTLMSSP, requires the client mechListMIC over the full list, and returns its own', () => {
    const acc = acceptor();
    const ntlm = new NtlmInitiator({ user: 'alice', password: 'Secr3t!', domain: 'NTPRINT', workstation: 'W' });
    const auth = ntlm.authenticate(start(acc, ntlm));
    const mechListMIC = new NtlmSigner(auth.flags, auth.sessionKey, 'client-to-server').sign(
      encodeMechTypeList(mechTypes),
    );
    const last = acc.step(encodeNegTokenResp({ responseToken: auth.token, mechListMIC }));
    if (last.state !== 'done') throw new Error(JSON.stringify(last));
    const final = decodeSpnegoToken(last.responseToken);
    const expected = new NtlmSigner(auth.flags, auth.sessionKey, 'server-to-client').sign(
      encodeMechTypeList(mechTypes),
    );
    expect(final).toEqual({ kind: 'resp', resp: { negState: NegState.ACCEPT_COMPLETED, mechListMIC: expected } });
  });

  it('fails when the client leaves the mechListMIC out', () => {
    const acc = acceptor();
    const ntlm = new NtlmInitiator({ user: 'alice', password: 'Secr3t!', domain: 'NTPRINT', workstation: 'W' });
    const auth = ntlm.authenticate(start(acc, ntlm));
    expect(acc.step(encodeNegTokenResp({ responseToken: auth.token }))).toMatchObject({
      state: 'failed',
      status: NtStatus.STATUS_LOGON_FAILURE,
    });
  });

  it('rejects a mechanism list without NTLMSSP', () => {
    const step = acceptor().step(encodeNegTokenInit({ mechTypes: [KERBEROS_V5_OID], mechToken: h('00') }));
    expect(step).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
    expect(step.responseToken && decodeSpnegoToken(step.responseToken)).toEqual({
      kind: 'resp',
      resp: { negState: NegState.REJECT },
    });
  });
});

describe('raw NTLMSSP', () => {
  it('answers in kind and ends with an empty token', () => {
    const acc = acceptor();
    const init = initiator({ useSpnego: false });
    const { first, last } = exchange(acc, init);
    expect(tokenOf(first).subarray(0, 8).toString('latin1')).toBe('NTLMSSP\0');
    expect(last).toMatchObject({ state: 'done', responseToken: Buffer.alloc(0) });
    expect(last.state === 'done' && last.sessionKey).toEqual(init.sessionKey);
    expect(acc.mechanism).toBe('raw');
    expect(() => init.finish(undefined)).not.toThrow();
  });

  it('verifies the [MS-NLMP] 4.2.4 AUTHENTICATE and unwraps its session key (55 x 16)', () => {
    const acc = acceptor({ randomBytes: specRandom, domain: 'Domain' });
    // NEGOTIATE asking for what the example negotiated (Unicode, sign, seal, NTLM, always-sign, ESS, version, 128, KEY_EXCH, 56).
    const negotiate = h('4e544c4d53535000 01000000 358288e2 0000000000000000 0000000000000000 0000000000000000');
    const challenge = decodeNtlmChallenge(tokenOf(acc.step(negotiate)));
    expect(challenge.serverChallenge.toString('hex')).toBe('0123456789abcdef');
    const authenticate = h(
      '4e544c4d535350000300000018001800 6c00000054005400840000000c000c00',
      '48000000080008005400000010001000 5c00000010001000d8000000358288e2',
      '0501280a0000000f44006f006d006100 69006e00550073006500720043004f00',
      '4d005000550054004500520086c35097 ac9cec102554764a57cccc19aaaaaaaa',
      'aaaaaaaa68cd0ab851e51c96aabc927b ebef6a1c010100000000000000000000',
      '00000000aaaaaaaaaaaaaaaa00000000 02000c0044006f006d00610069006e00',
      '01000c00530065007200760065007200 0000000000000000c5dad2544fc97990',
      '94ce1ce90bc9d03e',
    );
    const done = acc.step(authenticate);
    expect(done).toMatchObject({
      state: 'done',
      user: { userName: 'User', domain: 'Domain', machineName: 'COMPUTER' },
    });
    expect(done.state === 'done' && done.sessionKey).toEqual(Buffer.alloc(16, 0x55));
  });
});

describe('NTLMv1 (as @marsaud/smb2 sends it)', () => {
  // Produced by ntlm@0.1.3 (the library @marsaud/smb2 uses), run under --openssl-legacy-provider:
  // encodeType1('WS', 'DOMAIN') and encodeType3('User', 'WS', 'Domain', 0123456789abcdef, 'Password').
  const negotiate = h(
    '4e544c4d53535000 01000000 03b20000', // NEGOTIATE, flags 0xb203
    '0600 0600 2200 0000', // DomainName: 6 OEM bytes at 0x22
    '0200 0200 2000 0000', // Workstation: 2 OEM bytes at 0x20
    '5753 444f4d41494e', // "WS" "DOMAIN"
  );
  const v1 = h(
    '4e544c4d53535000 03000000',
    '1800 1800 58000000', // LmChallengeResponse: 24 at 0x58
    '1800 1800 70000000', // NtChallengeResponse: 24 at 0x70
    '0c00 0c00 40000000', // DomainName: 12 at 0x40
    '0800 0800 4c000000', // UserName: 8 at 0x4c
    '0400 0400 54000000', // Workstation: 4 at 0x54
    '0000 0000 88000000', // EncryptedRandomSessionKey: none
    '01820000', // flags 0x8201; the payload follows at 0x40 (no Version, no MIC)
    '44004f004d00410049004e00 5500730065007200 57005300', // "DOMAIN" "User" "WS"
    '98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13', // [MS-NLMP] 4.2.2.2.2 LM response
    '67c43011f30298a2ad35ece64f16331c44bdbed927841f94', // [MS-NLMP] 4.2.2.2.1 NT response
  );
  /** The same layout with other flags and responses (a dumb builder for the variants below). */
  function authenticate(flags: string, lm: string, nt: string): Buffer {
    return Buffer.concat([v1.subarray(0, 60), h(flags), v1.subarray(64, 88), h(lm), h(nt)]);
  }

  it('is refused when allowNtlmV1 is off (the default)', () => {
    const acc = acceptor({ randomBytes: specRandom });
    tokenOf(acc.step(negotiate));
    expect(acc.step(v1)).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
  });

  it('is accepted when allowed; the session key is MD4(NT hash)', () => {
    const acc = acceptor({ randomBytes: specRandom, allowNtlmV1: true });
    const challenge = decodeNtlmChallenge(tokenOf(acc.step(negotiate)));
    expect(challenge.flags & 0x00080000).toBe(0); // no ESS offered: the client did not ask
    const done = acc.step(v1);
    expect(done).toMatchObject({ state: 'done', user: { userName: 'User' }, responseToken: Buffer.alloc(0) });
    expect(done.state === 'done' && done.sessionKey.toString('hex')).toBe('d87262b0cde4b1cb7499becccdf10784');
  });

  it('still checks the password', () => {
    const acc = acceptor({ randomBytes: specRandom, allowNtlmV1: true });
    tokenOf(acc.step(negotiate));
    const wrong = authenticate('01820000', '00'.repeat(24), '67c43011f30298a2ad35ece64f16331c44bdbed927841f95');
    expect(acc.step(wrong)).toMatchObject({ state: 'failed', status: NtStatus.STATUS_LOGON_FAILURE });
  });

  it('accepts NTLMv1 with extended session security ([MS-NLMP] 4.2.3)', () => {
    const acc = acceptor({ randomBytes: specRandom, allowNtlmV1: true });
    const essNegotiate = h('4e544c4d53535000 01000000 01820800');
    tokenOf(acc.step(essNegotiate));
    const ess = authenticate(
      '01820800',
      'aaaaaaaaaaaaaaaa00000000000000000000000000000000',
      '7537f803ae367128ca458204bde7caf81e97ed2683267232',
    );
    const done = acc.step(ess);
    expect(done.state === 'done' && done.sessionKey.toString('hex')).toBe('eb93429a8bd952f8b89c55b87f475edc');
  });
});

describe('robustness', () => {
  it('turns garbage into STATUS_INVALID_PARAMETER', () => {
    for (const bad of [
      Buffer.alloc(0),
      h('00'),
      h('4e544c4d53535000'),
      h('a0020500'),
      h('4e544c4d53535000 03000000'),
    ]) {
      expect(acceptor().step(bad)).toMatchObject({ state: 'failed', status: NtStatus.STATUS_INVALID_PARAMETER });
    }
  });

  it('never throws on any truncation of the client tokens', () => {
    const init = initiator();
    const t1 = init.step(undefined).token;
    const ref = acceptor({ randomBytes: specRandom });
    const t2 = init.step(tokenOf(ref.step(t1))).token;
    for (let n = 0; n < t1.length; n++) expect(acceptor().step(t1.subarray(0, n)).state).toBe('failed');
    for (let n = 0; n < t2.length; n++) {
      const acc = acceptor({ randomBytes: specRandom });
      tokenOf(acc.step(t1));
      expect(acc.step(t2.subarray(0, n)).state).toBe('failed');
    }
  });

  it('never throws when any byte of the AUTHENTICATE token is flipped, and never accepts the result as alice', () => {
    const init = initiator();
    const t1 = init.step(undefined).token;
    const t2 = init.step(tokenOf(acceptor({ randomBytes: specRandom }).step(t1))).token;
    for (let i = 0; i < t2.length; i++) {
      const acc = acceptor({ randomBytes: specRandom });
      tokenOf(acc.step(t1));
      const bad = Buffer.from(t2);
      bad.writeUInt8(bad.readUInt8(i) ^ 0x5a, i);
      const step = acc.step(bad);
      if (step.state === 'done') expect(step.sessionKey).toEqual(init.sessionKey); // only a flip in ignored bytes (e.g. the workstation name) may pass
    }
  });

  it('refuses tokens after the exchange ended, and AUTHENTICATE before NEGOTIATE', () => {
    const acc = acceptor();
    const { last } = exchange(acc, initiator());
    expect(last.state).toBe('done');
    expect(acc.step(GssAcceptor.negotiateToken())).toMatchObject({
      state: 'failed',
      status: NtStatus.STATUS_INVALID_PARAMETER,
    });
    const raw = initiator({ useSpnego: false });
    raw.step(undefined);
    const otherAcc = acceptor();
    const rawAuth = raw.step(tokenOf(otherAcc.step(initiator({ useSpnego: false }).step(undefined).token))).token;
    expect(acceptor().step(rawAuth)).toMatchObject({ state: 'failed', status: NtStatus.STATUS_INVALID_PARAMETER });
  });

  it('offers NTLMSSP in its NegTokenInit2', () => {
    const t = decodeSpnegoToken(GssAcceptor.negotiateToken());
    expect(t.kind === 'init' && t.init.mechTypes).toEqual([NTLMSSP_OID]);
  });
});
