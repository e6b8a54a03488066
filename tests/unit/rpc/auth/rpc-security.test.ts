// Our DCE/RPC client security against our server security ([MS-RPCE] 3.3.1.5.2): SPNEGO and raw
// NTLMSSP, every level, with and without header signing; then what each side refuses.
import { RpcAuthnLevel as L, FaultStatus, PFC_SUPPORT_HEADER_SIGN } from '../../../../lib/rpc/constants';
import { RpcSecurityError, type RpcSecurityFailure } from '../../../../lib/rpc/auth/rpc-security-error';
import { decodeAuthVerifier } from '../../../../lib/rpc/pdu/auth-verifier';
import { RpcServerSecurity } from '../../../../lib/rpc/auth/server-security';
import { type Kind, bind, establish, request, response } from './harness';

const STUB = Buffer.from('RpcOpenPrinterEx stub: \\\\NTPRINT\\HpColor', 'utf16le');
const REPLY = Buffer.from('a policy handle and ERROR_SUCCESS', 'latin1');

function refusal(fn: () => unknown): { reason: RpcSecurityFailure; status: number } {
  try {
    fn();
  } catch (e) {
    if (e instanceof RpcSecurityError) return { reason: e.reason, status: e.status };
    throw e;
  }
  throw new Error('expected an RpcSecurityError');
}

const LEVELS = [
  ['CONNECT', L.RPC_C_AUTHN_LEVEL_CONNECT],
  ['PKT', L.RPC_C_AUTHN_LEVEL_PKT],
  ['PKT_INTEGRITY', L.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY],
  ['PKT_PRIVACY', L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY],
] as const;

describe.each<Kind>(['spnego', 'ntlm'])('%s: our initiator against our acceptor', (kind) => {
  it.each(LEVELS)('%s: three calls each way, the identity is the RPC one', (_name, level) => {
    const { client, server, legs } = establish(kind, level);
    // NTLMSSP ends with rpc_auth_3; SPNEGO with alter_context/alter_context_resp (the server's mechListMIC).
    expect(legs.map((pdu) => pdu[2])).toEqual(kind === 'ntlm' ? [11, 12, 16] : [11, 12, 14, 15]);
    expect(server.user?.userName).toBe('alice');
    const context = client.context!;
    for (let call = 0; call < 3; call++) {
      const stub = Buffer.concat([STUB, Buffer.from([call])]);
      const pdu = context.protect(request(stub, 2 + call));
      if (level === L.RPC_C_AUTHN_LEVEL_CONNECT) expect(pdu.readUInt16LE(10)).toBe(0);
      else {
        const v = decodeAuthVerifier(pdu);
        expect(v.trailer).toEqual({
          authType: kind === 'ntlm' ? 10 : 9,
          authLevel: level,
          authPadLength: v.trailer.authPadLength,
          authContextId: 79231,
        });
        expect((v.trailerOffset - 24) % 16).toBe(0);
        expect(v.token.length).toBe(16);
      }
      expect(pdu.includes(STUB)).toBe(level !== L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
      expect(server.unprotectRequest(pdu)).toEqual(stub);
      const answer = server.protectResponse(response(REPLY, 2 + call));
      expect(answer.includes(REPLY)).toBe(level !== L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
      expect(context.unprotect(answer)).toEqual(REPLY);
    }
  });

  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
  ])('header signing offered by client %s, server %s: in force %s', (clientHs, serverHs, inForce) => {
    const { client, server, legs } = establish(kind, L.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY, {
      clientHeaderSigning: clientHs,
      serverHeaderSigning: serverHs,
    });
    expect((legs[0]![3]! & PFC_SUPPORT_HEADER_SIGN) !== 0).toBe(clientHs);
    expect((legs[1]![3]! & PFC_SUPPORT_HEADER_SIGN) !== 0).toBe(inForce);
    expect(client.context!.params.headerSigning).toBe(inForce);
    expect(server.context!.params.headerSigning).toBe(inForce);
    expect(server.unprotectRequest(client.context!.protect(request(STUB)))).toEqual(STUB);
  });

  it('fragments carry their own verifiers and sequence numbers, and stay inside max_frag', () => {
    const { client, server } = establish(kind, L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
    const room = client.context!.maxStubLength(1432, 24);
    expect(room % 16).toBe(0);
    const big = Buffer.alloc(room, 0x41);
    const pdu = client.context!.protect(request(big));
    expect(pdu.length).toBeLessThanOrEqual(1432);
    expect(server.unprotectRequest(pdu)).toEqual(big);
  });

  it('a request with an object UUID (MS-PAR) is padded from its stub start at 40', () => {
    const { client, server } = establish(kind, L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
    const pdu = client.context!.protect(request(STUB, 2, '9940ca8e-512f-4c58-88a9-61098d6896bd'));
    expect((decodeAuthVerifier(pdu).trailerOffset - 40) % 16).toBe(0);
    expect(server.unprotectRequest(pdu)).toEqual(STUB);
  });
});

describe('what the server refuses', () => {
  const privacy = () => establish('spnego', L.RPC_C_AUTHN_LEVEL_PKT_PRIVACY);
  const integrity = () => establish('ntlm', L.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY);

  it('a tampered stub, header field or token (RPC_S_SEC_PKG_ERROR)', () => {
    // 12: call_id, 22: opnum (header, covered: NTLM with ESS signs every segment), 30: stub, -3: token.
    for (const at of [12, 22, 30, -3]) {
      for (const setup of [privacy, integrity]) {
        const { client, server } = setup();
        const pdu = Buffer.from(client.context!.protect(request(STUB)));
        const i = at < 0 ? pdu.length + at : at;
        pdu[i] = pdu[i]! ^ 0x01;
        expect(refusal(() => server.unprotectRequest(pdu))).toEqual({
          reason: 'bad-signature',
          status: FaultStatus.RPC_S_SEC_PKG_ERROR,
        });
      }
    }
  });

  it('a replayed request, and one out of sequence', () => {
    const a = privacy();
    const first = a.client.context!.protect(request(STUB, 2));
    a.server.unprotectRequest(first);
    expect(refusal(() => a.server.unprotectRequest(first)).reason).toBe('bad-signature');
    const b = privacy();
    b.client.context!.protect(request(STUB, 2));
    const second = b.client.context!.protect(request(STUB, 3));
    expect(refusal(() => b.server.unprotectRequest(second)).reason).toBe('bad-signature');
  });

  it('a truncated verifier, a bad auth_length and a bad auth_pad_length (nca_s_proto_error)', () => {
    const { client, server } = privacy();
    const pdu = client.context!.protect(request(STUB));
    // The PDU ends before its sec_trailer could start.
    const truncated = Buffer.from(pdu.subarray(0, 40));
    truncated.writeUInt16LE(truncated.length, 8);
    expect(refusal(() => server.unprotectRequest(truncated))).toEqual({
      reason: 'malformed-verifier',
      status: FaultStatus.NCA_S_PROTO_ERROR,
    });
    const huge = Buffer.from(pdu);
    huge.writeUInt16LE(pdu.length, 10);
    expect(refusal(() => server.unprotectRequest(huge)).reason).toBe('malformed-verifier');
    // A token cut to 12 bytes, lengths consistent: the signature cannot verify.
    const short = Buffer.from(pdu.subarray(0, pdu.length - 4));
    short.writeUInt16LE(short.length, 8);
    short.writeUInt16LE(12, 10);
    expect(refusal(() => server.unprotectRequest(short)).reason).toBe('bad-signature');
    const pad = Buffer.from(pdu);
    pad[decodeAuthVerifier(pdu).trailerOffset + 2] = 0xff;
    expect(refusal(() => server.unprotectRequest(pad)).reason).toBe('malformed-verifier');
  });

  it('a verifier for another context, type or level (RPC_S_ACCESS_DENIED)', () => {
    for (const [offset, value] of [
      [0, 10],
      [1, 5],
      [4, 1],
    ] as const) {
      const { client, server } = privacy();
      const pdu = Buffer.from(client.context!.protect(request(STUB)));
      pdu[decodeAuthVerifier(pdu).trailerOffset + offset] = value;
      expect(refusal(() => server.unprotectRequest(pdu))).toEqual({
        reason: 'trailer-mismatch',
        status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
      });
    }
  });

  it('a request without a verifier at PKT_INTEGRITY, and a verifier without a context', () => {
    const { server } = integrity();
    expect(refusal(() => server.unprotectRequest(request(STUB))).reason).toBe('missing-verifier');
    const signed = integrity().client.context!.protect(request(STUB));
    const { server: plain } = establishNone();
    expect(refusal(() => plain.unprotectRequest(signed))).toEqual({
      reason: 'unexpected-verifier',
      status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
    });
  });
});

function establishNone(): { server: RpcServerSecurity } {
  const server = new RpcServerSecurity({ acceptor: () => undefined });
  expect(server.processBind(bind()).result).toBe('accept');
  return { server };
}
