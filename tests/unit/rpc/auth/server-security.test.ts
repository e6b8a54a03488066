// The server's security legs ([MS-RPCE] 3.3.1.5.2.1, 2.2.2.5) and the client's own refusals.
import { AuthenticationError } from '../../../../lib/common/errors';
import {
  BindNakReason,
  FaultStatus,
  PacketType,
  RpcAuthnLevel as L,
  RpcAuthnType as T,
} from '../../../../lib/rpc/constants';
import { RpcClientSecurity } from '../../../../lib/rpc/auth/client-security';
import { serverAcceptors } from '../../../../lib/rpc/auth/providers';
import { RpcSecurityError, type RpcSecurityFailure } from '../../../../lib/rpc/auth/rpc-security-error';
import { RpcServerSecurity } from '../../../../lib/rpc/auth/server-security';
import { appendAuthVerifier, decodeAuthVerifier } from '../../../../lib/rpc/pdu/auth-verifier';
import { encodeAuth3 } from '../../../../lib/rpc/pdu/auth3';
import { acceptorOptions, bind, bindAck, establish, initiator, request, response } from './harness';

const STUB = Buffer.from('stub');

function withVerifier(pdu: Buffer, authType: number, authLevel: number, token: Buffer, authContextId = 1): Buffer {
  const out = appendAuthVerifier(pdu, {
    bodyOffset: pdu.length,
    alignment: 4,
    trailer: { authType, authLevel, authContextId },
    tokenLength: token.length,
  });
  out.pdu.set(token, out.tokenOffset);
  return out.pdu;
}

function refusal(fn: () => unknown): { reason: RpcSecurityFailure; status: number } {
  try {
    fn();
  } catch (e) {
    if (e instanceof RpcSecurityError) return { reason: e.reason, status: e.status };
    throw e;
  }
  throw new Error('expected an RpcSecurityError');
}

const newServer = (overrides = {}) => new RpcServerSecurity({ acceptor: serverAcceptors(acceptorOptions(overrides)) });
const negotiate = () => initiator('ntlm').step(undefined).token;

describe('bind_nak reasons', () => {
  it.each([
    [
      'Kerberos, not served',
      T.RPC_C_AUTHN_GSS_KERBEROS,
      L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
      BindNakReason.AUTHENTICATION_TYPE_NOT_RECOGNIZED,
    ],
    ['auth_level NONE', T.RPC_C_AUTHN_WINNT, L.RPC_C_AUTHN_LEVEL_NONE, BindNakReason.REASON_NOT_SPECIFIED],
    ['auth_level 7', T.RPC_C_AUTHN_WINNT, 7, BindNakReason.REASON_NOT_SPECIFIED],
  ])('%s', (_name, authType, authLevel, reason) => {
    const outcome = newServer().processBind(withVerifier(bind(), authType, authLevel, negotiate()));
    expect(outcome).toMatchObject({ result: 'reject', reason });
  });

  it('a token the provider refuses: invalid_checksum (9)', () => {
    const outcome = newServer().processBind(withVerifier(bind(), T.RPC_C_AUTHN_WINNT, 6, Buffer.from('NTLMSSP\0junk')));
    expect(outcome).toMatchObject({ result: 'reject', reason: BindNakReason.INVALID_CHECKSUM });
  });

  it('a malformed verifier: protocol_version_not_supported (4)', () => {
    const pdu = withVerifier(bind(), T.RPC_C_AUTHN_WINNT, 6, negotiate());
    pdu.writeUInt16LE(pdu.length - 20, 10); // auth_length reaching back into the context list
    expect(newServer().processBind(pdu)).toMatchObject({
      result: 'reject',
      reason: BindNakReason.PROTOCOL_VERSION_NOT_SUPPORTED,
    });
  });
});

describe('refused credentials', () => {
  it('NTLMSSP: rpc_auth_3 is never answered, the first request gets RPC_S_ACCESS_DENIED', () => {
    const server = newServer();
    const client = new RpcClientSecurity({
      mechanism: initiator('ntlm', { user: 'alice', password: 'wrong' }),
      authLevel: 6,
    });
    const outcome = server.processBind(client.firstLeg(bind()));
    if (outcome.result !== 'accept') throw new Error('bind refused');
    const next = client.processAck(outcome.finishAck(bindAck()));
    if (next.send !== 'auth3') throw new Error('expected rpc_auth_3');
    expect(() => server.processAuth3(next.encode(1))).not.toThrow();
    expect(server.state).toBe('failed');
    expect(refusal(() => server.unprotectRequest(client.context!.protect(request(STUB))))).toEqual({
      reason: 'context-failed',
      status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
    });
  });

  it('SPNEGO: the alter_context gets a fault', () => {
    const server = newServer();
    const client = new RpcClientSecurity({
      mechanism: initiator('spnego', { user: 'mallory', password: 'x' }),
      authLevel: 6,
    });
    const outcome = server.processBind(client.firstLeg(bind()));
    if (outcome.result !== 'accept') throw new Error('bind refused');
    const next = client.processAck(outcome.finishAck(bindAck()));
    if (next.send !== 'alter_context') throw new Error('expected alter_context');
    expect(refusal(() => server.processAlterContext(next.attach(bind(PacketType.ALTER_CONTEXT))))).toEqual({
      reason: 'leg-refused',
      status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
    });
  });

  it('a guest has no session key: CONNECT only', () => {
    const guestServer = () => newServer({ allowGuest: true });
    const connect = (server: RpcServerSecurity, level: number) => {
      const client = new RpcClientSecurity({
        mechanism: initiator('ntlm', { user: 'nobody', password: 'x' }),
        authLevel: level,
      });
      const outcome = server.processBind(client.firstLeg(bind()));
      if (outcome.result !== 'accept') throw new Error('bind refused');
      const next = client.processAck(outcome.finishAck(bindAck()));
      if (next.send === 'auth3') server.processAuth3(next.encode(1));
    };
    const a = guestServer();
    connect(a, L.RPC_C_AUTHN_LEVEL_CONNECT);
    expect(a.user).toMatchObject({ userName: 'Guest', isGuest: true });
    // The client computes a key it believes in; the server, which made it a guest, has none to sign with.
    const b = guestServer();
    connect(b, L.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY);
    expect(b.state).toBe('failed');
  });
});

describe('out-of-place legs', () => {
  it('rpc_auth_3 without a bind, or on an unauthenticated connection (nca_s_proto_error)', () => {
    const auth3 = encodeAuth3({
      callId: 1,
      trailer: { authType: 10, authLevel: 6, authContextId: 0 },
      token: Buffer.alloc(16),
    });
    expect(refusal(() => newServer().processAuth3(auth3))).toEqual({
      reason: 'unexpected-auth3',
      status: FaultStatus.NCA_S_PROTO_ERROR,
    });
    const plain = newServer();
    plain.processBind(bind());
    expect(refusal(() => plain.processAuth3(auth3)).reason).toBe('unexpected-auth3');
  });

  it('a malformed rpc_auth_3 mid-exchange: nca_s_fault_remote_no_memory, as Windows', () => {
    const server = newServer();
    server.processBind(withVerifier(bind(), 10, 6, negotiate()));
    const auth3 = encodeAuth3({
      callId: 1,
      trailer: { authType: 10, authLevel: 6, authContextId: 1 },
      token: Buffer.alloc(8),
    });
    auth3.writeUInt16LE(200, 10); // auth_length past the end
    expect(refusal(() => server.processAuth3(auth3))).toEqual({
      reason: 'unexpected-auth3',
      status: FaultStatus.NCA_S_FAULT_REMOTE_NO_MEMORY,
    });
  });

  it('rpc_auth_3 for another auth_context_id leaves the context failed', () => {
    const server = newServer();
    server.processBind(withVerifier(bind(), 10, 6, negotiate(), 7));
    server.processAuth3(
      encodeAuth3({ callId: 1, trailer: { authType: 10, authLevel: 6, authContextId: 8 }, token: Buffer.alloc(16) }),
    );
    expect(server.state).toBe('failed');
  });

  it('a request or a bare alter_context mid-exchange (nca_s_proto_error)', () => {
    const server = newServer();
    server.processBind(withVerifier(bind(), 10, 6, negotiate()));
    expect(refusal(() => server.unprotectRequest(request(STUB))).reason).toBe('context-not-established');
    expect(refusal(() => server.processAlterContext(bind(PacketType.ALTER_CONTEXT))).status).toBe(
      FaultStatus.NCA_S_PROTO_ERROR,
    );
  });

  it('a second security context on the connection (RPC_S_ACCESS_DENIED); a bare alter_context is fine', () => {
    const { server } = establish('ntlm', 6);
    const alter = withVerifier(bind(PacketType.ALTER_CONTEXT), 10, 6, negotiate(), 2);
    expect(refusal(() => server.processAlterContext(alter))).toEqual({
      reason: 'second-context',
      status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
    });
    expect(
      server.processAlterContext(bind(PacketType.ALTER_CONTEXT))(bindAck(PacketType.ALTER_CONTEXT_RESP)).length,
    ).toBe(bindAck(PacketType.ALTER_CONTEXT_RESP).length);
  });

  it('an alter_context may build the context of a connection bound without one', () => {
    const server = newServer();
    expect(server.processBind(bind()).result).toBe('accept');
    const client = new RpcClientSecurity({ mechanism: initiator('ntlm'), authLevel: 6 });
    const resp = server.processAlterContext(client.firstLeg(bind(PacketType.ALTER_CONTEXT)))(
      bindAck(PacketType.ALTER_CONTEXT_RESP),
    );
    const next = client.processAck(resp);
    if (next.send !== 'auth3') throw new Error('expected rpc_auth_3');
    server.processAuth3(next.encode(2));
    expect(server.unprotectRequest(client.context!.protect(request(STUB)))).toEqual(STUB);
  });
});

describe('what the client refuses', () => {
  it('a tampered or replayed response', () => {
    const { client, server } = establish('spnego', 6);
    client.context!.protect(request(STUB));
    const answer = Buffer.from(server.protectResponse(response(STUB)));
    const tampered = Buffer.from(answer);
    tampered[26] = tampered[26]! ^ 0xff;
    expect(refusal(() => client.context!.unprotect(tampered)).reason).toBe('bad-signature');
    const second = establish('ntlm', 5);
    const reply = second.server.protectResponse(response(STUB));
    second.client.context!.unprotect(reply);
    expect(refusal(() => second.client.context!.unprotect(reply)).reason).toBe('bad-signature');
  });

  it('an answer for another security context', () => {
    const server = newServer();
    const client = new RpcClientSecurity({ mechanism: initiator('ntlm'), authLevel: 6, authContextId: 5 });
    const outcome = server.processBind(client.firstLeg(bind()));
    if (outcome.result !== 'accept') throw new Error('bind refused');
    const ack = outcome.finishAck(bindAck());
    ack[decodeAuthVerifier(ack).trailerOffset + 4] = 6;
    expect(() => client.processAck(ack)).toThrow(AuthenticationError);
  });
});
