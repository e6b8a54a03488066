import { MalformedPacketError } from '../../../../lib/common/errors';
import { parseOid } from '../../../../lib/devices/snmp/oid';
import { UnsupportedSnmpVersionError } from '../../../../lib/devices/snmp/snmp-errors';
import { decodeSnmpMessage, encodeSnmpMessage, type SnmpMessage } from '../../../../lib/devices/snmp/snmp-message';
import type { SnmpValue } from '../../../../lib/devices/snmp/snmp-value';
import { hex, NETSNMP_GET_V2C, NETSNMP_GETBULK_V2C, NETSNMP_GETNEXT_V1, NETSNMP_SET_V2C } from './fixtures';

const NULL: SnmpValue = { type: 'Null' };

describe('requests from net-snmp decode', () => {
  it('GetRequest, v2c', () => {
    expect(decodeSnmpMessage(NETSNMP_GET_V2C)).toEqual({
      version: 1,
      community: Buffer.from('public'),
      pdu: {
        type: 'GetRequest',
        requestId: 2011509125,
        errorStatus: 0,
        errorIndex: 0,
        varBinds: [{ oid: parseOid('1.3.6.1.2.1.1.1.0'), value: NULL }],
      },
    });
  });
  it('GetNextRequest, v1', () => {
    const m = decodeSnmpMessage(NETSNMP_GETNEXT_V1);
    expect(m.version).toBe(0);
    expect(m.pdu).toEqual({
      type: 'GetNextRequest',
      requestId: 312224668,
      errorStatus: 0,
      errorIndex: 0,
      varBinds: [{ oid: parseOid('1.3.6.1.2.1.43.11.1.1.9'), value: NULL }],
    });
  });
  it('GetBulkRequest, v2c: non-repeaters and max-repetitions', () => {
    expect(decodeSnmpMessage(NETSNMP_GETBULK_V2C).pdu).toEqual({
      type: 'GetBulkRequest',
      requestId: 1002881005,
      nonRepeaters: 1,
      maxRepetitions: 5,
      varBinds: [
        { oid: parseOid('1.3.6.1.2.1.1.3'), value: NULL },
        { oid: parseOid('1.3.6.1.2.1.43.8.2.1.10'), value: NULL },
      ],
    });
  });
  it('SetRequest, v2c, with an OCTET STRING', () => {
    const m = decodeSnmpMessage(NETSNMP_SET_V2C);
    expect(m.community.toString()).toBe('private');
    expect(m.pdu.type).toBe('SetRequest');
    expect(m.pdu.varBinds).toEqual([
      { oid: parseOid('1.3.6.1.2.1.1.5.0'), value: { type: 'OctetString', value: Buffer.from('NewName') } },
    ]);
  });
  it('each re-encodes to the bytes net-snmp sent', () => {
    for (const bytes of [NETSNMP_GET_V2C, NETSNMP_GETNEXT_V1, NETSNMP_GETBULK_V2C, NETSNMP_SET_V2C]) {
      expect(encodeSnmpMessage(decodeSnmpMessage(bytes))).toEqual(bytes);
    }
  });
});

describe('a Response encodes as RFC 3416 lays it out', () => {
  it('with every value type and the v2 exceptions', () => {
    const response: SnmpMessage = {
      version: 1,
      community: Buffer.from('public'),
      pdu: {
        type: 'Response',
        requestId: 7,
        errorStatus: 0,
        errorIndex: 0,
        varBinds: [
          { oid: [1, 3, 1], value: { type: 'Integer', value: -2 } },
          { oid: [1, 3, 2], value: { type: 'OctetString', value: Buffer.from([0x40, 0x00]) } },
          { oid: [1, 3, 3], value: { type: 'ObjectIdentifier', value: [1, 3, 6, 1, 2, 1, 25, 3, 1, 5] } },
          { oid: [1, 3, 4], value: { type: 'Counter32', value: 2 } },
          { oid: [1, 3, 5], value: { type: 'Gauge32', value: 300 } },
          { oid: [1, 3, 6], value: { type: 'TimeTicks', value: 4294967295 } },
          { oid: [1, 3, 7], value: { type: 'noSuchObject' } },
          { oid: [1, 3, 8], value: { type: 'noSuchInstance' } },
          { oid: [1, 3, 9], value: { type: 'endOfMibView' } },
        ],
      },
    };
    const expected = hex(`
      30 74 02 01 01 04 06 7075626c6963     # Message (116 octets), SNMPv2c, "public"
      a2 67 02 01 07 02 01 00 02 01 00      # Response-PDU (103), request-id 7, noError, index 0
      30 5c                                 # variable-bindings, 92 octets
        30 07 06 02 2b01 02 01 fe           #   1.3.1 = INTEGER -2
        30 08 06 02 2b02 04 02 4000         #   1.3.2 = OCTET STRING 40 00
        30 0f 06 02 2b03 06 09 2b0601020119030105 # 1.3.3 = OID 1.3.6.1.2.1.25.3.1.5
        30 07 06 02 2b04 41 01 02           #   1.3.4 = Counter32 2
        30 08 06 02 2b05 42 02 012c         #   1.3.5 = Gauge32 300
        30 0b 06 02 2b06 43 05 00ffffffff   #   1.3.6 = TimeTicks 4294967295
        30 06 06 02 2b07 80 00              #   1.3.7 = noSuchObject
        30 06 06 02 2b08 81 00              #   1.3.8 = noSuchInstance
        30 06 06 02 2b09 82 00              #   1.3.9 = endOfMibView
    `);
    expect(encodeSnmpMessage(response)).toEqual(expected);
    expect(decodeSnmpMessage(expected)).toEqual(response);
  });
});

describe('refusals', () => {
  it('an SNMPv3 message is an unsupported version, not garbage', () => {
    // msgVersion 3 then msgGlobalData: nothing after the version is read.
    const v3 = hex('30 0e 02 01 03 30 09 02 01 01 02 01 01 04 01 04');
    expect(() => decodeSnmpMessage(v3)).toThrow(UnsupportedSnmpVersionError);
  });
  it('GetBulkRequest does not exist in SNMPv1', () => {
    const bulkV1 = Buffer.from(NETSNMP_GETBULK_V2C);
    bulkV1[4] = 0; // version 1 -> 0
    expect(() => decodeSnmpMessage(bulkV1)).toThrow(MalformedPacketError);
  });
  it('a v1 Trap-PDU is not served', () => {
    const trap = hex('30 0f 02 01 00 04 06 7075626c6963 a4 02 0500');
    expect(() => decodeSnmpMessage(trap)).toThrow(MalformedPacketError);
  });
  it('bytes after the message are refused', () => {
    expect(() => decodeSnmpMessage(Buffer.concat([NETSNMP_GET_V2C, Buffer.from([0])]))).toThrow(MalformedPacketError);
  });
  it('every truncation of a real request is a MalformedPacketError, never another error', () => {
    for (const bytes of [NETSNMP_GET_V2C, NETSNMP_GETNEXT_V1, NETSNMP_GETBULK_V2C, NETSNMP_SET_V2C]) {
      for (let n = 0; n < bytes.length; n++) {
        expect(() => decodeSnmpMessage(bytes.subarray(0, n))).toThrow(MalformedPacketError);
      }
    }
  });
  it('corrupting any single octet gives a message or a MalformedPacketError', () => {
    for (let i = 0; i < NETSNMP_GETBULK_V2C.length; i++) {
      for (const v of [0x00, 0x7f, 0x80, 0xff]) {
        const bad = Buffer.from(NETSNMP_GETBULK_V2C);
        bad[i] = v;
        try {
          decodeSnmpMessage(bad);
        } catch (err) {
          expect(err instanceof MalformedPacketError || err instanceof UnsupportedSnmpVersionError).toBe(true);
        }
      }
    }
  });
});
