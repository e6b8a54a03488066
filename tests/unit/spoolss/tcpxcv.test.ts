/**
 * The Standard TCP/IP monitor's XcvData structures (tcpxcv.h), checked against offsets written out
 * by hand from the C layout (each DWORD 4-aligned): never against our own writer.
 */
import { MalformedPacketError } from '../../../lib/common/errors';
import {
  decodeConfigInfoData,
  decodeDeletePortData,
  decodePortData,
  encodeDeletePortData,
  encodePortData,
  PORT_DATA_1_SIZE,
  PORT_DATA_2_SIZE,
} from '../../../lib/spoolss/tcpxcv';

/** A dumb builder: a zeroed blob with strings and DWORDs put at the offsets given. */
function blob(size: number, fields: ReadonlyArray<[number, string | number]>): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, v] of fields) {
    if (typeof v === 'string') b.write(v, at, 'utf16le');
    else b.writeUInt32LE(v, at);
  }
  return b;
}

describe('PORT_DATA_1 (964 bytes)', () => {
  const bytes = blob(964, [
    [0, 'IP_192.168.1.20'], // sztPortName[64]
    [128, 1], // dwVersion
    [132, 2], // dwProtocol LPR
    [136, 964], // cbSize
    [144, 'printer.local'], // sztHostAddress[49]
    [242, 'private'], // sztSNMPCommunity[33]
    [308, 1], // dwDoubleSpool
    [312, 'lp1'], // sztQueue[33]
    [378, '192.168.1.20'], // sztIPAddress[16]
    [952, 515], // dwPortNumber (after Reserved[540] at 410 and 2 bytes of padding)
    [956, 1], // dwSNMPEnabled
    [960, 3], // dwSNMPDevIndex
  ]);
  const value = {
    version: 1,
    portName: 'IP_192.168.1.20',
    protocol: 2,
    hostAddress: 'printer.local',
    snmpCommunity: 'private',
    doubleSpool: 1,
    queue: 'lp1',
    ipAddress: '192.168.1.20',
    portNumber: 515,
    snmpEnabled: 1,
    snmpDevIndex: 3,
  } as const;

  it('decodes the fields at their offsets, and encodes the same bytes', () => {
    expect(PORT_DATA_1_SIZE).toBe(964);
    expect(decodePortData(bytes)).toEqual(value);
    expect(encodePortData(value).toString('hex')).toBe(bytes.toString('hex'));
  });

  it('is malformed when short or when a string fills its array without a NUL', () => {
    expect(() => decodePortData(bytes.subarray(0, 963))).toThrow(MalformedPacketError);
    expect(() => decodePortData(Buffer.alloc(100))).toThrow(MalformedPacketError);
    const noNul = Buffer.from(bytes);
    noNul.fill(0x41, 378, 410); // sztIPAddress: 16 characters, no NUL
    expect(() => decodePortData(noNul)).toThrow(MalformedPacketError);
  });

  it('has no version but 1 and 2', () => {
    const v7 = Buffer.from(bytes);
    v7.writeUInt32LE(7, 128);
    expect(decodePortData(v7)).toBeUndefined();
  });
});

describe('PORT_DATA_2 (1068 bytes)', () => {
  it('decodes its longer host address and moved fields', () => {
    const bytes = blob(1068, [
      [0, 'P2'],
      [128, 2],
      [132, 1],
      [136, 1068],
      [144, 'a-very-long-host-name.example.org'], // sztHostAddress[128]
      [400, 'public'], // sztSNMPCommunity[33]
      [468, 0], // dwDoubleSpool after 2 bytes of padding
      [472, ''], // sztQueue[33]
      [1052, 9100], // dwPortNumber after Reserved[514]
      [1056, 0],
      [1060, 1],
    ]);
    expect(PORT_DATA_2_SIZE).toBe(1068);
    expect(decodePortData(bytes)).toMatchObject({
      version: 2,
      portName: 'P2',
      hostAddress: 'a-very-long-host-name.example.org',
      snmpCommunity: 'public',
      portNumber: 9100,
      snmpDevIndex: 1,
      ipAddress: '',
    });
  });
});

describe('DELETE_PORT_DATA_1 and CONFIG_INFO_DATA_1', () => {
  it('DELETE_PORT_DATA_1: the name, then dwVersion at 228 (Reserved[98] and 2 bytes of padding)', () => {
    const bytes = blob(236, [
      [0, 'IP_10.0.0.5'],
      [228, 1],
    ]);
    expect(decodeDeletePortData(bytes)).toEqual({ portName: 'IP_10.0.0.5', version: 1 });
    expect(encodeDeletePortData('IP_10.0.0.5').toString('hex')).toBe(bytes.toString('hex'));
    expect(() => decodeDeletePortData(bytes.subarray(0, 235))).toThrow(MalformedPacketError);
  });

  it('CONFIG_INFO_DATA_1: dwVersion after Reserved[128]', () => {
    expect(decodeConfigInfoData(blob(132, [[128, 1]]))).toEqual({ version: 1 });
    expect(() => decodeConfigInfoData(Buffer.alloc(131))).toThrow(MalformedPacketError);
  });
});
