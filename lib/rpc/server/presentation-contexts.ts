/**
 * Presentation context negotiation for bind and alter_context — C706 12.6.3.4 (p_cont_list_t,
 * p_result_list_t), [MS-RPCE] 3.3.1.5.3 (bind-time feature negotiation), 2.2.2.14.
 *
 * Each element names an abstract syntax (the interface) and the transfer syntaxes the client
 * proposes; we accept NDR 2.0 for an interface the endpoint serves (matching UUID and major
 * version, the client's minor at most ours), and answer the bind-time feature "syntax" with
 * negotiate_ack and the features we honour: KEEP_CONNECTION_ON_ORPHAN only. Security context
 * multiplexing is not offered (one security context per connection, lib/rpc/auth/server-security).
 * A context id already bound to another interface is a protocol error (Samba's
 * dcesrv_check_or_create_context).
 */
import { guidToBuffer } from '../../common/binary/guid';
import {
  BIND_TIME_FEATURE_PREFIX,
  BindTimeFeature,
  ContextResult,
  NDR20_SYNTAX,
  ProviderReason,
  type SyntaxId,
} from '../constants';
import type { ContextResultEntry, PresentationContext } from '../pdu/bind';
import { NULL_SYNTAX, sameSyntax } from '../pdu/syntax-id';
import type { RpcInterfaceDefinition } from './rpc-interface';

/** A presentation context the connection accepted. */
export interface BoundContext {
  readonly definition: RpcInterfaceDefinition;
  readonly abstract: SyntaxId;
  readonly transfer: SyntaxId;
}

/** A context id rebound to another interface. */
export class ContextConflictError extends Error {}

/**
 * The result of every element; accepted ones are added to `bound`. Throws ContextConflictError
 * (nothing is added then).
 */
export function negotiateContexts(
  proposed: readonly PresentationContext[],
  served: readonly RpcInterfaceDefinition[],
  bound: Map<number, BoundContext>,
): ContextResultEntry[] {
  const added = new Map<number, BoundContext>();
  const results = proposed.map((c) => negotiateOne(c, served, bound, added));
  for (const [id, ctx] of added) bound.set(id, ctx);
  return results;
}

function negotiateOne(
  c: PresentationContext,
  served: readonly RpcInterfaceDefinition[],
  bound: ReadonlyMap<number, BoundContext>,
  added: Map<number, BoundContext>,
): ContextResultEntry {
  const btfn = c.transferSyntaxes[0];
  if (btfn !== undefined && btfn.uuid.toLowerCase().startsWith(BIND_TIME_FEATURE_PREFIX)) {
    // [MS-RPCE] 3.3.1.5.3: the bitmask is bytes 8..15 of the "uuid"; answer the bits we honour.
    const bits = guidToBuffer(btfn.uuid).readUInt16LE(8);
    return {
      result: ContextResult.NEGOTIATE_ACK,
      reason: bits & BindTimeFeature.KEEP_CONNECTION_ON_ORPHAN_SUPPORTED,
      transferSyntax: NULL_SYNTAX,
    };
  }
  const definition = served.find(
    (i) =>
      i.syntax.uuid.toLowerCase() === c.abstractSyntax.uuid.toLowerCase() &&
      i.syntax.major === c.abstractSyntax.major &&
      c.abstractSyntax.minor <= i.syntax.minor,
  );
  if (definition === undefined) return rejection(ProviderReason.ABSTRACT_SYNTAX_NOT_SUPPORTED);
  if (!c.transferSyntaxes.some((t) => sameSyntax(t, NDR20_SYNTAX)))
    return rejection(ProviderReason.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED);
  const existing = bound.get(c.contextId) ?? added.get(c.contextId);
  if (existing !== undefined && existing.definition !== definition)
    throw new ContextConflictError(`context ${c.contextId} is already bound to ${existing.definition.name}`);
  added.set(c.contextId, { definition, abstract: c.abstractSyntax, transfer: NDR20_SYNTAX });
  return { result: ContextResult.ACCEPTANCE, reason: 0, transferSyntax: NDR20_SYNTAX };
}

function rejection(reason: number): ContextResultEntry {
  return { result: ContextResult.PROVIDER_REJECTION, reason, transferSyntax: NULL_SYNTAX };
}
