// Our DCE/RPC Kerberos client security against our server security over real encoded PDUs, with
// a service ticket and keytab MIT wrote (tests/fixtures/kerberos): bare krb5 (auth_type 16, three
// legs ending in rpc_auth_3) and SPNEGO (auth_type 9, four legs with mechListMICs), at
// PKT_INTEGRITY and PKT_PRIVACY, with and without header signing; then requests and responses
// both ways, a replayed or tampered PDU refused, and a refused AP-REQ answered with bind_nak 9.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeCcache } from '../../../../lib/auth/kerberos/ccache';
import type { ServiceTicket } from '../../../../lib/auth/kerberos/kdc-client';
import { createKerberosAcceptorSettings } from '../../../../lib/auth/kerberos/kerberos-acceptor';
import { decodeKeytab } from '../../../../lib/auth/kerberos/keytab';
import { RpcClientSecurity } from '../../../../lib/rpc/auth/client-security';
import {
  kerberosInitiatorMechanism,
  spnegoKerberosInitiatorMechanism,
} from '../../../../lib/rpc/auth/kerberos-initiator-mechanism';
import { serverAcceptors } from '../../../../lib/rpc/auth/providers';
import { RpcSecurityError } from '../../../../lib/rpc/auth/rpc-security-error';
import { RpcServerSecurity } from '../../../../lib/rpc/auth/server-security';
import { BindNakReason, PacketType, RpcAuthnLevel, RpcAuthnType } from '../../../../lib/rpc/constants';
import { decodeAuthVerifier } from '../../../../lib/rpc/pdu/auth-verifier';
import { acceptorOptions, bind, bindAck, request, response } from './harness';

const DIR = path.resolve(__dirname, '../../../fixtures/kerberos');
const keytab = decodeKeytab(readFileSync(path.join(DIR, 'ntprint.keytab')));
const c = decodeCcache(readFileSync(path.join(DIR, 'alice.ccache'))).credentials[1]!;
const ticket: ServiceTicket = {
  client: c.client,
  server: c.server,
  ticket: c.ticket,
  sessionKey: { keytype: c.enctype, keyvalue: c.key },
  endtime: c.endtime,
};
// Within the fixture ticket's life (20:42:29 to 06:42:29 UTC).
const T = new Date('2026-12-04T21:00:00.250Z');
const now = (): Date => T;

type Flavour = 'krb5' | 'spnego';

function serverSecurity(headerSigning = true): RpcServerSecurity {
  const kerberos = createKerberosAcceptorSettings({ keytab, now });
  const lookupUser = (name: string) =>
    name.toLowerCase() === 'alice' ? { name: 'alice', password: 'x', groups: ['Users'] } : undefined;
  return new RpcServerSecurity({
    acceptor: serverAcceptors(acceptorOptions({ kerberos, lookupUser })),
    headerSigning,
  });
}

function clientSecurity(flavour: Flavour, authLevel: number): RpcClientSecurity {
  const mechanism =
    flavour === 'krb5' ? kerberosInitiatorMechanism(ticket, now) : spnegoKerberosInitiatorMechanism(ticket, now);
  return new RpcClientSecurity({ mechanism, authLevel, authContextId: 7 });
}

/** Runs the legs; returns the PDU types in order. */
function establish(client: RpcClientSecurity, server: RpcServerSecurity): number[] {
  const types: number[] = [PacketType.BIND];
  const outcome = server.processBind(client.firstLeg(bind()));
  if (outcome.result !== 'accept') throw new Error(`bind refused: ${outcome.message}`);
  let ack = outcome.finishAck(bindAck());
  for (let i = 0; i < 3; i++) {
    const next = client.processAck(ack);
    if (next.send === 'nothing') return types;
    if (next.send === 'auth3') {
      types.push(PacketType.AUTH3);
      server.processAuth3(next.encode(1));
      return types;
    }
    types.push(PacketType.ALTER_CONTEXT);
    ack = server.processAlterContext(next.attach(bind(PacketType.ALTER_CONTEXT)))(
      bindAck(PacketType.ALTER_CONTEXT_RESP),
    );
  }
  throw new Error('no end in 3 legs');
}

const LEVELS = [
  ['PKT_INTEGRITY', RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY, 28],
  ['PKT_PRIVACY', RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY, 76],
] as const;

describe.each<Flavour>(['krb5', 'spnego'])('%s', (flavour) => {
  it.each(LEVELS)('%s: the legs, then calls both ways, each verifier of the right length', (_n, level, tokenLength) => {
    for (const headerSigning of [true, false]) {
      const server = serverSecurity(headerSigning);
      const client = clientSecurity(flavour, level);
      const legs = establish(client, server);
      expect(legs).toEqual(
        flavour === 'krb5' ? [PacketType.BIND, PacketType.AUTH3] : [PacketType.BIND, PacketType.ALTER_CONTEXT],
      );
      expect(server.user).toMatchObject({ userName: 'alice', domain: 'PP.TEST' });
      expect(server.context?.params.description).toBe(
        `${flavour === 'krb5' ? 'Kerberos' : 'SPNEGO(Kerberos)'} alice@PP.TEST DCE-style`,
      );
      expect(server.context?.params.authType).toBe(
        flavour === 'krb5' ? RpcAuthnType.RPC_C_AUTHN_GSS_KERBEROS : RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE,
      );
      for (let call = 2; call < 5; call++) {
        const stub = Buffer.from(`stub of call ${call}: ${'x'.repeat(call * 7)}`);
        const sent = client.context!.protect(request(stub, call));
        expect(decodeAuthVerifier(sent).token.length).toBe(tokenLength);
        if (level === RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY) expect(sent.includes(stub)).toBe(false);
        expect(server.unprotectRequest(sent)).toEqual(stub);
        const answer = Buffer.from(`answer ${call}`);
        expect(client.context!.unprotect(server.protectResponse(response(answer, call)))).toEqual(answer);
      }
    }
  });

  it('a replayed request and a tampered one are refused (bad signature)', () => {
    const server = serverSecurity();
    const client = clientSecurity(flavour, RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
    establish(client, server);
    const first = client.context!.protect(request(Buffer.from('first'), 2));
    server.unprotectRequest(first);
    const reason = (pdu: Buffer): string => {
      try {
        server.unprotectRequest(pdu);
        return 'accepted';
      } catch (e) {
        return e instanceof RpcSecurityError ? e.reason : String(e);
      }
    };
    expect(reason(first)).toBe('bad-signature');
    const second = client.context!.protect(request(Buffer.from('second call, sixteen+ bytes'), 3));
    const tampered = Buffer.from(second);
    tampered[24] = (tampered[24] ?? 0) ^ 0x80; // the first stub byte
    expect(reason(tampered)).toBe('bad-signature');
    // The genuine PDU still verifies: a refused one spends no sequence number.
    expect(reason(second)).toBe('accepted');
  });

  it('an AP-REQ outside the ticket life is refused with bind_nak invalid_checksum', () => {
    const late = new Date(T.getTime() + 24 * 3600_000);
    const mechanism =
      flavour === 'krb5'
        ? kerberosInitiatorMechanism(ticket, () => late)
        : spnegoKerberosInitiatorMechanism(ticket, () => late);
    const server = new RpcServerSecurity({
      acceptor: serverAcceptors(
        acceptorOptions({ kerberos: createKerberosAcceptorSettings({ keytab, now: () => late }) }),
      ),
    });
    const client = new RpcClientSecurity({ mechanism, authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY });
    const outcome = server.processBind(client.firstLeg(bind()));
    expect(outcome).toMatchObject({ result: 'reject', reason: BindNakReason.INVALID_CHECKSUM });
    expect(outcome.result === 'reject' && outcome.message).toMatch(/KRB_AP_ERR_TKT_EXPIRED/);
  });
});

it('without a keytab the server does not speak auth_type 16 (bind_nak 8) and SPNEGO falls to NTLM', () => {
  const server = new RpcServerSecurity({ acceptor: serverAcceptors(acceptorOptions()) });
  const client = clientSecurity('krb5', RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
  expect(server.processBind(client.firstLeg(bind()))).toMatchObject({
    result: 'reject',
    reason: BindNakReason.AUTHENTICATION_TYPE_NOT_RECOGNIZED,
  });
  const spnego = new RpcServerSecurity({ acceptor: serverAcceptors(acceptorOptions()) });
  const outcome = spnego.processBind(
    clientSecurity('spnego', RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY).firstLeg(bind()),
  );
  expect(outcome).toMatchObject({ result: 'reject', reason: BindNakReason.INVALID_CHECKSUM });
});

it('random and truncated tokens on every leg are refused, never thrown', () => {
  const kerberos = createKerberosAcceptorSettings({ keytab, now });
  const acceptor = serverAcceptors(acceptorOptions({ kerberos }));
  const client = clientSecurity('spnego', RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
  const genuine = decodeAuthVerifier(client.firstLeg(bind())).token;
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 300; i++) {
    const cut = Buffer.from(genuine.subarray(0, next() % genuine.length));
    const noise = Buffer.from(Array.from({ length: next() % 200 }, () => next() % 256));
    for (const authType of [RpcAuthnType.RPC_C_AUTHN_GSS_KERBEROS, RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE]) {
      for (const token of [cut, noise]) {
        const mechanism = acceptor(authType)!;
        expect(mechanism.step(Buffer.from(token)).state).toBe('failed');
      }
    }
  }
  // A genuine first leg, then garbage as the client's AP-REP.
  for (let i = 0; i < 50; i++) {
    const mechanism = acceptor(RpcAuthnType.RPC_C_AUTHN_GSS_NEGOTIATE)!;
    const fresh = decodeAuthVerifier(
      clientSecurity('spnego', RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY).firstLeg(bind()),
    ).token;
    expect(mechanism.step(Buffer.from(fresh)).state).toBe('continue');
    const noise = Buffer.from(Array.from({ length: next() % 300 }, () => next() % 256));
    expect(mechanism.step(noise).state).toBe('failed');
  }
});
