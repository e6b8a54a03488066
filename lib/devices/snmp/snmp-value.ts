/**
 * The values a variable binding carries (RFC 3416 3, RFC 2578 7.1) and their BER codec.
 *
 *   VarBind ::= SEQUENCE { name ObjectName,
 *                          CHOICE { value ObjectSyntax, unSpecified NULL,
 *                                   noSuchObject [0] IMPLICIT NULL, noSuchInstance [1] IMPLICIT NULL,
 *                                   endOfMibView [2] IMPLICIT NULL } }
 *   ObjectSyntax: INTEGER, OCTET STRING, OBJECT IDENTIFIER, IpAddress [APPLICATION 0] (4 octets),
 *                 Counter32 [1], Gauge32 [2], TimeTicks [3], Opaque [4], Counter64 [6]
 *
 * The three exceptions exist only in SNMPv2 PDUs; the agent never puts them in a v1 message.
 */
import { MalformedPacketError } from '../../common/errors';
import type { BerReader } from './ber';
import {
  decodeInteger32,
  decodeOidContents,
  decodeUnsigned32,
  decodeUnsigned64,
  encodeCounter64,
  encodeInteger,
  encodeNull,
  encodeOctetString,
  encodeOid,
  encodeSequence,
  encodeUnsigned32,
} from './ber';
import type { Oid } from './oid';
import { BerTag } from './snmp-constants';

export type SnmpException = 'noSuchObject' | 'noSuchInstance' | 'endOfMibView';

export type SnmpValue =
  | { readonly type: 'Integer'; readonly value: number }
  | { readonly type: 'OctetString'; readonly value: Buffer }
  | { readonly type: 'Null' }
  | { readonly type: 'ObjectIdentifier'; readonly value: Oid }
  | { readonly type: 'IpAddress'; readonly value: Buffer }
  | { readonly type: 'Counter32' | 'Gauge32' | 'TimeTicks'; readonly value: number }
  | { readonly type: 'Counter64'; readonly value: bigint }
  | { readonly type: 'Opaque'; readonly value: Buffer }
  | { readonly type: SnmpException };

export interface VarBind {
  readonly oid: Oid;
  readonly value: SnmpValue;
}

export const snmpInteger = (value: number): SnmpValue => ({ type: 'Integer', value });
export const snmpOctets = (value: Buffer | string): SnmpValue => ({
  type: 'OctetString',
  value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
});
export const snmpOid = (value: Oid): SnmpValue => ({ type: 'ObjectIdentifier', value });
export const snmpTimeTicks = (value: number): SnmpValue => ({ type: 'TimeTicks', value });
export const snmpCounter32 = (value: number): SnmpValue => ({ type: 'Counter32', value });
export const SNMP_NULL: SnmpValue = { type: 'Null' };

export function isSnmpException(v: SnmpValue): v is { readonly type: SnmpException } {
  return v.type === 'noSuchObject' || v.type === 'noSuchInstance' || v.type === 'endOfMibView';
}

export function encodeValue(v: SnmpValue): Buffer {
  switch (v.type) {
    case 'Integer':
      return encodeInteger(v.value);
    case 'OctetString':
      return encodeOctetString(v.value);
    case 'Null':
      return encodeNull();
    case 'ObjectIdentifier':
      return encodeOid(v.value);
    case 'IpAddress':
      return encodeOctetString(v.value, BerTag.IP_ADDRESS);
    case 'Counter32':
      return encodeUnsigned32(BerTag.COUNTER32, v.value);
    case 'Gauge32':
      return encodeUnsigned32(BerTag.GAUGE32, v.value);
    case 'TimeTicks':
      return encodeUnsigned32(BerTag.TIME_TICKS, v.value);
    case 'Counter64':
      return encodeCounter64(v.value);
    case 'Opaque':
      return encodeOctetString(v.value, BerTag.OPAQUE);
    case 'noSuchObject':
      return encodeNull(BerTag.NO_SUCH_OBJECT);
    case 'noSuchInstance':
      return encodeNull(BerTag.NO_SUCH_INSTANCE);
    case 'endOfMibView':
      return encodeNull(BerTag.END_OF_MIB_VIEW);
  }
}

export function decodeValue(ber: BerReader, field: string): SnmpValue {
  const at = ber.offset;
  const { tag, body } = ber.readTlv(field);
  const emptyBody = (type: 'Null' | SnmpException): SnmpValue => {
    if (body.remaining !== 0) throw new MalformedPacketError(`${field}: ${type} with contents`, { offset: at, field });
    return { type };
  };
  switch (tag) {
    case BerTag.INTEGER:
      return { type: 'Integer', value: decodeInteger32(body, field) };
    case BerTag.OCTET_STRING:
      return { type: 'OctetString', value: body.bytes(body.remaining, field) };
    case BerTag.NULL:
      return emptyBody('Null');
    case BerTag.OBJECT_IDENTIFIER:
      return { type: 'ObjectIdentifier', value: decodeOidContents(body, field) };
    case BerTag.IP_ADDRESS:
      if (body.remaining !== 4)
        throw new MalformedPacketError(`${field}: IpAddress of ${body.remaining} octets`, { offset: at, field });
      return { type: 'IpAddress', value: body.bytes(4, field) };
    case BerTag.COUNTER32:
      return { type: 'Counter32', value: decodeUnsigned32(body, field) };
    case BerTag.GAUGE32:
      return { type: 'Gauge32', value: decodeUnsigned32(body, field) };
    case BerTag.TIME_TICKS:
      return { type: 'TimeTicks', value: decodeUnsigned32(body, field) };
    case BerTag.OPAQUE:
      return { type: 'Opaque', value: body.bytes(body.remaining, field) };
    case BerTag.COUNTER64:
      return { type: 'Counter64', value: decodeUnsigned64(body, field) };
    case BerTag.NO_SUCH_OBJECT:
      return emptyBody('noSuchObject');
    case BerTag.NO_SUCH_INSTANCE:
      return emptyBody('noSuchInstance');
    case BerTag.END_OF_MIB_VIEW:
      return emptyBody('endOfMibView');
    default:
      throw new MalformedPacketError(`${field}: unknown value type 0x${tag.toString(16)}`, { offset: at, field });
  }
}

export function encodeVarBind(vb: VarBind): Buffer {
  return encodeSequence(encodeOid(vb.oid), encodeValue(vb.value));
}

export function decodeVarBind(ber: BerReader, field: string): VarBind {
  const seq = ber.readSequence(field);
  const oid = seq.readOid(`${field} name`);
  const value = decodeValue(seq, `${field} value`);
  seq.end(field);
  return { oid, value };
}
