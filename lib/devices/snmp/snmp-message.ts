/**
 * SNMPv1 and SNMPv2c messages and PDUs (RFC 1157 4, RFC 1901 3, RFC 3416 3).
 *
 *   Message ::= SEQUENCE { version INTEGER (0 = v1, 1 = v2c), community OCTET STRING, data PDU }
 *   PDU     ::= [tag] IMPLICIT SEQUENCE { request-id INTEGER, error-status INTEGER,
 *                                        error-index INTEGER, variable-bindings SEQUENCE OF VarBind }
 *   BulkPDU ::= [5] IMPLICIT SEQUENCE { request-id INTEGER, non-repeaters INTEGER,
 *                                      max-repetitions INTEGER, variable-bindings SEQUENCE OF VarBind }
 *   tags: GetRequest a0, GetNextRequest a1, Response a2, SetRequest a3, GetBulkRequest a5,
 *         InformRequest a6, SNMPv2-Trap a7, Report a8 (the v1 Trap-PDU a4 has another shape and is not served)
 *
 * GetBulkRequest, InformRequest, SNMPv2-Trap and Report do not exist in SNMPv1 (RFC 3584 4.1):
 * a v1 message carrying one is malformed. Decoding checks the version before anything else, so
 * that an SNMPv3 message is told apart from garbage (UnsupportedSnmpVersionError).
 */
import { MalformedPacketError } from '../../common/errors';
import { BerReader, encodeInteger, encodeOctetString, encodeSequence, encodeTlv } from './ber';
import { PduTag, SnmpVersion } from './snmp-constants';
import { UnsupportedSnmpVersionError } from './snmp-errors';
import { decodeVarBind, encodeVarBind, type VarBind } from './snmp-value';

export type BasicPduType =
  'GetRequest' | 'GetNextRequest' | 'Response' | 'SetRequest' | 'InformRequest' | 'SNMPv2-Trap' | 'Report';

export interface BasicPdu {
  readonly type: BasicPduType;
  readonly requestId: number;
  readonly errorStatus: number;
  readonly errorIndex: number;
  readonly varBinds: readonly VarBind[];
}

export interface BulkPdu {
  readonly type: 'GetBulkRequest';
  readonly requestId: number;
  readonly nonRepeaters: number;
  readonly maxRepetitions: number;
  readonly varBinds: readonly VarBind[];
}

export type Pdu = BasicPdu | BulkPdu;

export interface SnmpMessage {
  readonly version: SnmpVersion;
  readonly community: Buffer;
  readonly pdu: Pdu;
}

const PDU_TAGS: Readonly<Record<Pdu['type'], number>> = {
  GetRequest: PduTag.GET_REQUEST,
  GetNextRequest: PduTag.GET_NEXT_REQUEST,
  Response: PduTag.RESPONSE,
  SetRequest: PduTag.SET_REQUEST,
  GetBulkRequest: PduTag.GET_BULK_REQUEST,
  InformRequest: PduTag.INFORM_REQUEST,
  'SNMPv2-Trap': PduTag.SNMPV2_TRAP,
  Report: PduTag.REPORT,
};
const PDU_TYPES = new Map<number, Pdu['type']>(Object.entries(PDU_TAGS).map(([k, v]) => [v, k as Pdu['type']]));
const V1_TYPES: ReadonlySet<Pdu['type']> = new Set(['GetRequest', 'GetNextRequest', 'Response', 'SetRequest']);

export function encodeSnmpMessage(message: SnmpMessage): Buffer {
  const pdu = message.pdu;
  const [second, third] =
    pdu.type === 'GetBulkRequest' ? [pdu.nonRepeaters, pdu.maxRepetitions] : [pdu.errorStatus, pdu.errorIndex];
  const pduBytes = encodeTlv(PDU_TAGS[pdu.type], [
    encodeInteger(pdu.requestId),
    encodeInteger(second),
    encodeInteger(third),
    encodeSequence(...pdu.varBinds.map(encodeVarBind)),
  ]);
  return encodeSequence(encodeInteger(message.version), encodeOctetString(message.community), pduBytes);
}

export function decodeSnmpMessage(buf: Buffer): SnmpMessage {
  const outer = BerReader.of(buf);
  const message = outer.readSequence('Message');
  outer.end('Message');
  const version = message.readInteger('version');
  if (version !== SnmpVersion.SNMP_V1 && version !== SnmpVersion.SNMP_V2C)
    throw new UnsupportedSnmpVersionError(version);
  const community = message.readOctetString('community');
  const at = message.offset;
  const { tag, body } = message.readTlv('PDU');
  message.end('Message');
  const type = PDU_TYPES.get(tag);
  if (type === undefined || (version === SnmpVersion.SNMP_V1 && !V1_TYPES.has(type))) {
    throw new MalformedPacketError(`PDU type 0x${tag.toString(16)} is not served in SNMP version ${version}`, {
      offset: at,
      field: 'PDU',
    });
  }
  const pdu = new BerReader(body);
  const requestId = pdu.readInteger('request-id');
  const second = pdu.readInteger(type === 'GetBulkRequest' ? 'non-repeaters' : 'error-status');
  const third = pdu.readInteger(type === 'GetBulkRequest' ? 'max-repetitions' : 'error-index');
  const list = pdu.readSequence('variable-bindings');
  pdu.end('PDU');
  const varBinds: VarBind[] = [];
  while (list.remaining > 0) varBinds.push(decodeVarBind(list, `variable-bindings[${varBinds.length}]`));
  const common = { requestId, varBinds };
  return {
    version,
    community,
    pdu:
      type === 'GetBulkRequest'
        ? { type, ...common, nonRepeaters: second, maxRepetitions: third }
        : { type, ...common, errorStatus: second, errorIndex: third },
  };
}
