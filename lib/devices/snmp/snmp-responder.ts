/**
 * The command responder (RFC 3413 3.2): turns a request into its Response from a MIB view,
 * with the semantics of each version. Pure: no sockets, no clock.
 *
 * - GetRequest (RFC 3416 4.2.1): each value, or the noSuchObject/noSuchInstance exception.
 *   SNMPv1 (RFC 1157 4.1.2) has no exceptions: the first missing variable fails the whole
 *   request with noSuchName and its 1-based error-index, the variable bindings as received.
 * - GetNextRequest (4.2.2): each successor, or endOfMibView; SNMPv1: noSuchName at the end.
 * - GetBulkRequest (4.2.3, v2c only): N = non-repeaters get one successor each, the other R
 *   variables up to M = max-repetitions successors each, interleaved; the list stops after a
 *   repetition in which every variable reached endOfMibView, or before the message would
 *   exceed the size limit.
 * - SetRequest (4.2.5): nothing here is writable: notWritable (v2c), or noSuchName (v1, as
 *   RFC 3584 4.4 translates notWritable), at error-index 1, the variable bindings as received.
 * - A response over the size limit becomes tooBig (4.2.1): error-index 0 and no variable
 *   bindings in v2c, the request's variable bindings in v1 (RFC 1157 4.1.2).
 * Responses, traps, informs and reports are not requests to an agent: no answer.
 */
import type { MibView } from './mib-view';
import type { Oid } from './oid';
import { ErrorStatus, SnmpVersion } from './snmp-constants';
import { encodeSnmpMessage, type BulkPdu, type SnmpMessage } from './snmp-message';
import { encodeVarBind, isSnmpException, type SnmpValue, type VarBind } from './snmp-value';

const END_OF_MIB_VIEW: SnmpValue = { type: 'endOfMibView' };

/** Room the three enclosing lengths may take beyond their short form (RFC 3417 8 allows 0x82 nn nn). */
const LENGTH_GROWTH = 3 * 2;

function reply(
  request: SnmpMessage,
  errorStatus: number,
  errorIndex: number,
  varBinds: readonly VarBind[],
): SnmpMessage {
  return {
    version: request.version,
    community: request.community,
    pdu: { type: 'Response', requestId: request.pdu.requestId, errorStatus, errorIndex, varBinds },
  };
}

function successor(view: MibView, oid: Oid): VarBind {
  return view.next(oid) ?? { oid, value: END_OF_MIB_VIEW };
}

/** The response to `request`, or undefined when an agent sends none. */
export function respond(request: SnmpMessage, view: MibView, maxMessageSize: number): SnmpMessage | undefined {
  const pdu = request.pdu;
  const v1 = request.version === SnmpVersion.SNMP_V1;
  let response: SnmpMessage;
  switch (pdu.type) {
    case 'GetRequest':
    case 'GetNextRequest': {
      const next = pdu.type === 'GetNextRequest';
      const varBinds = pdu.varBinds.map((vb) =>
        next ? successor(view, vb.oid) : { oid: vb.oid, value: view.get(vb.oid) },
      );
      const missing = varBinds.findIndex((vb) => isSnmpException(vb.value));
      response =
        v1 && missing >= 0
          ? reply(request, ErrorStatus.noSuchName, missing + 1, pdu.varBinds)
          : reply(request, ErrorStatus.noError, 0, varBinds);
      break;
    }
    case 'GetBulkRequest':
      return getBulk(request, pdu, view, maxMessageSize);
    case 'SetRequest':
      response =
        pdu.varBinds.length === 0
          ? reply(request, ErrorStatus.noError, 0, [])
          : reply(request, v1 ? ErrorStatus.noSuchName : ErrorStatus.notWritable, 1, pdu.varBinds);
      break;
    case 'Response':
    case 'InformRequest':
    case 'SNMPv2-Trap':
    case 'Report':
      return undefined;
  }
  return fitOrTooBig(request, response, maxMessageSize);
}

function fitOrTooBig(request: SnmpMessage, response: SnmpMessage, maxMessageSize: number): SnmpMessage | undefined {
  if (encodeSnmpMessage(response).length <= maxMessageSize) return response;
  const tooBig = reply(
    request,
    ErrorStatus.tooBig,
    0,
    request.version === SnmpVersion.SNMP_V1 ? request.pdu.varBinds : [],
  );
  // RFC 3416 4.2.1: when even that does not fit, the request is dropped.
  return encodeSnmpMessage(tooBig).length <= maxMessageSize ? tooBig : undefined;
}

function getBulk(request: SnmpMessage, pdu: BulkPdu, view: MibView, maxMessageSize: number): SnmpMessage {
  const requested = pdu.varBinds;
  const n = Math.min(Math.max(pdu.nonRepeaters, 0), requested.length);
  const m = Math.max(pdu.maxRepetitions, 0);
  const empty = reply(request, ErrorStatus.noError, 0, []);
  let budget = maxMessageSize - encodeSnmpMessage(empty).length - LENGTH_GROWTH;
  const out: VarBind[] = [];
  const take = (vb: VarBind): boolean => {
    const size = encodeVarBind(vb).length;
    if (size > budget) return false;
    budget -= size;
    out.push(vb);
    return true;
  };
  for (let i = 0; i < n; i++) {
    // Over the size limit the list is cut at the end, whatever N, M and R were (RFC 3416 4.2.3).
    if (!take(successor(view, (requested[i] as VarBind).oid))) return reply(request, ErrorStatus.noError, 0, out);
  }
  const cursors = requested.slice(n).map((vb) => vb.oid);
  // Each repetition adds at least one encoded variable binding, so the size budget bounds the loop.
  for (let r = 0; r < m && cursors.length > 0; r++) {
    let ended = 0;
    for (let j = 0; j < cursors.length; j++) {
      const vb = successor(view, cursors[j] as Oid);
      if (!take(vb)) return reply(request, ErrorStatus.noError, 0, out);
      cursors[j] = vb.oid;
      if (vb.value.type === 'endOfMibView') ended++;
    }
    if (ended === cursors.length) break;
  }
  return reply(request, ErrorStatus.noError, 0, out);
}
