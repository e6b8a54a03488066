/**
 * Our client security against our server security over real encoded PDUs: bind, bind_ack, then
 * rpc_auth_3 or alter_context legs until the context is built (bounded), then calls.
 */
import type { AcceptorOptions } from '../../../../lib/auth/gss-acceptor';
import type { UserAccount } from '../../../../lib/common/identity';
import { RpcClientSecurity } from '../../../../lib/rpc/auth/client-security';
import { ntlmInitiatorMechanism } from '../../../../lib/rpc/auth/ntlm-mechanism';
import { serverAcceptors } from '../../../../lib/rpc/auth/providers';
import { RpcServerSecurity } from '../../../../lib/rpc/auth/server-security';
import { spnegoInitiatorMechanism } from '../../../../lib/rpc/auth/spnego-mechanism';
import { MSRPC_UUID_RPRN, NDR20_SYNTAX, PacketType, PfcFlags } from '../../../../lib/rpc/constants';
import { encodeBind, encodeBindAck } from '../../../../lib/rpc/pdu/bind';
import { encodeRequest, encodeResponse } from '../../../../lib/rpc/pdu/request';

export const ALICE: UserAccount = { name: 'alice', password: 'Passw0rd!', groups: ['Users'] };

export function acceptorOptions(overrides: Partial<AcceptorOptions> = {}): AcceptorOptions {
  return {
    serverName: 'NTPRINT',
    domain: 'NTPRINT',
    lookupUser: (name) => (name.toLowerCase() === ALICE.name ? ALICE : undefined),
    allowNtlmV1: false,
    allowGuest: false,
    allowAnonymous: false,
    ...overrides,
  };
}

export type Kind = 'ntlm' | 'spnego';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export function initiator(kind: Kind, creds: Credentials = { user: 'alice', password: 'Passw0rd!' }) {
  const options = { ...creds, domain: 'NTPRINT', workstation: 'CLIENT' };
  return kind === 'ntlm' ? ntlmInitiatorMechanism(options) : spnegoInitiatorMechanism(options);
}

const CONTEXTS = [{ contextId: 0, abstractSyntax: MSRPC_UUID_RPRN, transferSyntaxes: [NDR20_SYNTAX] }];
export const bind = (type: typeof PacketType.BIND | typeof PacketType.ALTER_CONTEXT = PacketType.BIND, callId = 1) =>
  encodeBind(type, { callId, maxXmitFrag: 4280, maxRecvFrag: 4280, assocGroupId: 0, contexts: CONTEXTS });
export const bindAck = (
  type: typeof PacketType.BIND_ACK | typeof PacketType.ALTER_CONTEXT_RESP = PacketType.BIND_ACK,
  callId = 1,
) =>
  encodeBindAck(type, {
    callId,
    maxXmitFrag: 4280,
    maxRecvFrag: 4280,
    assocGroupId: 0x1234,
    secondaryAddress: type === PacketType.BIND_ACK ? '\\PIPE\\spoolss' : '',
    results: [{ result: 0, reason: 0, transferSyntax: NDR20_SYNTAX }],
  });

const FIRST_LAST = PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG;
export const request = (stub: Buffer, callId = 2, objectUuid?: string) =>
  encodeRequest({
    callId,
    flags: FIRST_LAST,
    allocHint: stub.length,
    contextId: 0,
    opnum: 69,
    ...(objectUuid !== undefined && { objectUuid }),
    stub,
  });
export const response = (stub: Buffer, callId = 2) =>
  encodeResponse({ callId, flags: FIRST_LAST, allocHint: stub.length, contextId: 0, stub });

export interface Established {
  readonly client: RpcClientSecurity;
  readonly server: RpcServerSecurity;
  /** The PDUs of the exchange, in order, for inspection. */
  readonly legs: Buffer[];
}

export function establish(
  kind: Kind,
  authLevel: number,
  options: { clientHeaderSigning?: boolean; serverHeaderSigning?: boolean; creds?: Credentials } = {},
): Established {
  const server = new RpcServerSecurity({
    acceptor: serverAcceptors(acceptorOptions()),
    ...(options.serverHeaderSigning !== undefined && { headerSigning: options.serverHeaderSigning }),
  });
  const client = new RpcClientSecurity({
    mechanism: initiator(kind, options.creds),
    authLevel,
    authContextId: 79231,
    ...(options.clientHeaderSigning !== undefined && { headerSigning: options.clientHeaderSigning }),
  });
  const legs: Buffer[] = [];
  const first = client.firstLeg(bind());
  legs.push(first);
  const outcome = server.processBind(first);
  if (outcome.result !== 'accept') throw new Error(`bind refused: ${outcome.message}`);
  let ack = outcome.finishAck(bindAck());
  legs.push(ack);
  for (let i = 0; i < 4; i++) {
    const next = client.processAck(ack);
    if (next.send === 'nothing') return { client, server, legs };
    if (next.send === 'auth3') {
      const auth3 = next.encode(1);
      legs.push(auth3);
      server.processAuth3(auth3);
      return { client, server, legs };
    }
    const alter = next.attach(bind(PacketType.ALTER_CONTEXT));
    legs.push(alter);
    ack = server.processAlterContext(alter)(bindAck(PacketType.ALTER_CONTEXT_RESP));
    legs.push(ack);
  }
  throw new Error('the exchange did not end in 4 legs');
}
