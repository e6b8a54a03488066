/**
 * SNMP constants, named as the specifications name them: the message versions (RFC 1157 4,
 * RFC 1901 3), the BER tags of the SMI types (RFC 2578 7.1, RFC 1155 3.2.3), the PDU tags
 * (RFC 3416 3), the v2 exception values (RFC 3416 3: noSuchObject, noSuchInstance,
 * endOfMibView) and the error-status values (RFC 3416 3, RFC 1157 4.1.1).
 */

export const SnmpVersion = {
  SNMP_V1: 0,
  SNMP_V2C: 1,
} as const;
export type SnmpVersion = (typeof SnmpVersion)[keyof typeof SnmpVersion];

/** BER identifier octets: class bits (universal 0x00, application 0x40, context 0x80) | constructed 0x20 | tag number. */
export const BerTag = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OBJECT_IDENTIFIER: 0x06,
  SEQUENCE: 0x30,
  IP_ADDRESS: 0x40,
  COUNTER32: 0x41,
  GAUGE32: 0x42,
  TIME_TICKS: 0x43,
  OPAQUE: 0x44,
  COUNTER64: 0x46,
  NO_SUCH_OBJECT: 0x80,
  NO_SUCH_INSTANCE: 0x81,
  END_OF_MIB_VIEW: 0x82,
} as const;

/** PDU tags: context-specific, constructed, [n]. Trap (v1, [4]) and the v2 trap/inform/report are not served. */
export const PduTag = {
  GET_REQUEST: 0xa0,
  GET_NEXT_REQUEST: 0xa1,
  RESPONSE: 0xa2,
  SET_REQUEST: 0xa3,
  TRAP_V1: 0xa4,
  GET_BULK_REQUEST: 0xa5,
  INFORM_REQUEST: 0xa6,
  SNMPV2_TRAP: 0xa7,
  REPORT: 0xa8,
} as const;
export type PduTag = (typeof PduTag)[keyof typeof PduTag];

export const ErrorStatus = {
  noError: 0,
  tooBig: 1,
  noSuchName: 2,
  badValue: 3,
  readOnly: 4,
  genErr: 5,
  noAccess: 6,
  wrongType: 7,
  wrongLength: 8,
  wrongEncoding: 9,
  wrongValue: 10,
  noCreation: 11,
  inconsistentValue: 12,
  resourceUnavailable: 13,
  commitFailed: 14,
  undoFailed: 15,
  authorizationError: 16,
  notWritable: 17,
  inconsistentName: 18,
} as const;
export type ErrorStatus = (typeof ErrorStatus)[keyof typeof ErrorStatus];

const errorNames = new Map<number, string>(Object.entries(ErrorStatus).map(([k, v]) => [v, k]));

/** `errorStatusName(17) === 'notWritable'`, for logs and error messages. */
export function errorStatusName(status: number): string {
  return errorNames.get(status) ?? `errorStatus(${status})`;
}

/** The SNMP agent's well-known UDP port (RFC 3417 3). */
export const SNMP_PORT = 161;

/** The largest message we build: an Ethernet frame's payload less the IPv4 and UDP headers. */
export const DEFAULT_MAX_MESSAGE_SIZE = 1472;
