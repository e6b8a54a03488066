/**
 * The Standard TCP/IP port monitor's XcvData structures (tcpxcv.h; [MS-RPRN] 2.2.2.14.x, the
 * PORT_DATA_1, PORT_DATA_2, DELETE_PORT_DATA_1 and CONFIG_INFO_DATA_1 blobs RpcXcvData carries
 * as pInputData / pOutputData). C layouts, little-endian, fixed-size UTF-16 arrays NUL-padded,
 * each DWORD 4-aligned (hence the 2-byte pads):
 *
 *   PORT_DATA_1 (964 bytes)                 PORT_DATA_2 (1068 bytes)
 *     0 WCHAR sztPortName[64]                 0 WCHAR sztPortName[64]
 *   128 DWORD dwVersion (1)                 128 DWORD dwVersion (2)
 *   132 DWORD dwProtocol (1 RAW, 2 LPR)     132 DWORD dwProtocol
 *   136 DWORD cbSize                        136 DWORD cbSize
 *   140 DWORD dwReserved                    140 DWORD dwReserved
 *   144 WCHAR sztHostAddress[49]            144 WCHAR sztHostAddress[128]
 *   242 WCHAR sztSNMPCommunity[33]          400 WCHAR sztSNMPCommunity[33]
 *   308 DWORD dwDoubleSpool                 466 (pad 2) 468 DWORD dwDoubleSpool
 *   312 WCHAR sztQueue[33]                  472 WCHAR sztQueue[33]
 *   378 WCHAR sztIPAddress[16]              538 BYTE Reserved[514]
 *   410 BYTE Reserved[540]                 1052 DWORD dwPortNumber
 *   950 (pad 2) 952 DWORD dwPortNumber     1056 DWORD dwSNMPEnabled
 *   956 DWORD dwSNMPEnabled                1060 DWORD dwSNMPDevIndex
 *   960 DWORD dwSNMPDevIndex               1064 DWORD dwPortMonitorMibIndex
 *
 *   DELETE_PORT_DATA_1 (236 bytes): 0 WCHAR psztPortName[64] | 128 BYTE Reserved[98] | (pad 2)
 *                                   228 DWORD dwVersion (1) | 232 DWORD dwReserved
 *   CONFIG_INFO_DATA_1 (132 bytes): 0 BYTE Reserved[128] | 128 DWORD dwVersion (1)
 *
 * Pure codecs: no I/O. A blob too short, or a string that fills its array without a NUL, is a
 * MalformedPacketError (the monitor answers ERROR_INVALID_PARAMETER / ERROR_INVALID_DATA).
 */
import { BufferReader } from '../common/binary/buffer-reader';
import { MalformedPacketError } from '../common/errors';

/** The two port monitors every Windows print server has (their names in Monitors\\). */
export const STANDARD_TCPIP_MONITOR = 'Standard TCP/IP Port';
export const LOCAL_PORT_MONITOR = 'Local Port';

/** dwProtocol (tcpxcv.h). */
export const PROTOCOL_RAWTCP_TYPE = 1;
export const PROTOCOL_LPR_TYPE = 2;

export const PORT_DATA_1_SIZE = 964;
export const PORT_DATA_2_SIZE = 1068;
export const DELETE_PORT_DATA_1_SIZE = 236;
export const CONFIG_INFO_DATA_1_SIZE = 132;

/** tcpxcv.h array lengths, in WCHARs with the NUL. */
export const TcpXcvLength = {
  MAX_PORTNAME_LEN: 64,
  MAX_NETWORKNAME_LEN: 49,
  MAX_NETWORKNAME2_LEN: 128,
  MAX_SNMP_COMMUNITY_STR_LEN: 33,
  MAX_QUEUENAME_LEN: 33,
  MAX_IPADDR_STR_LEN: 16,
} as const;

/** What PORT_DATA_1 and PORT_DATA_2 both say about a port. */
export interface PortData {
  readonly version: 1 | 2;
  readonly portName: string;
  /** PROTOCOL_RAWTCP_TYPE (1) or PROTOCOL_LPR_TYPE (2). */
  readonly protocol: number;
  readonly hostAddress: string;
  readonly snmpCommunity: string;
  readonly doubleSpool: number;
  readonly queue: string;
  /** PORT_DATA_1 only (empty in PORT_DATA_2). */
  readonly ipAddress: string;
  readonly portNumber: number;
  readonly snmpEnabled: number;
  readonly snmpDevIndex: number;
}

interface Layout {
  readonly size: number;
  readonly host: readonly [number, number];
  readonly community: number;
  readonly doubleSpool: number;
  readonly queue: number;
  readonly ip?: number;
  readonly portNumber: number;
}

const LAYOUT_1: Layout = {
  size: PORT_DATA_1_SIZE,
  host: [144, TcpXcvLength.MAX_NETWORKNAME_LEN],
  community: 242,
  doubleSpool: 308,
  queue: 312,
  ip: 378,
  portNumber: 952,
};
const LAYOUT_2: Layout = {
  size: PORT_DATA_2_SIZE,
  host: [144, TcpXcvLength.MAX_NETWORKNAME2_LEN],
  community: 400,
  doubleSpool: 468,
  queue: 472,
  portNumber: 1052,
};

/** A fixed WCHAR[n] array: the characters before the first NUL; one with no NUL is malformed. */
function fixedString(r: BufferReader, offset: number, chars: number, field: string): string {
  const raw = r.slice(offset, chars * 2, field);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i] === 0 && raw[i + 1] === 0) return raw.toString('utf16le', 0, i);
  }
  throw new MalformedPacketError(`${field} fills its ${chars} characters without a NUL`, { offset, field });
}

function putString(out: Buffer, offset: number, chars: number, s: string): void {
  // The last character stays NUL: a longer string is cut, as the monitor's own copy would be.
  out.write(s.slice(0, chars - 1), offset, (chars - 1) * 2, 'utf16le');
}

/** PORT_DATA_1 or PORT_DATA_2, as dwVersion at offset 128 says (undefined for another version). */
export function decodePortData(blob: Buffer): PortData | undefined {
  const r = new BufferReader(blob);
  const version = r.slice(128, 4, 'dwVersion').readUInt32LE(0);
  if (version !== 1 && version !== 2) return undefined;
  const l = version === 1 ? LAYOUT_1 : LAYOUT_2;
  r.need(l.size, version === 1 ? 'PORT_DATA_1' : 'PORT_DATA_2');
  const dword = (at: number, field: string): number => r.slice(at, 4, field).readUInt32LE(0);
  return {
    version,
    portName: fixedString(r, 0, TcpXcvLength.MAX_PORTNAME_LEN, 'sztPortName'),
    protocol: dword(132, 'dwProtocol'),
    hostAddress: fixedString(r, l.host[0], l.host[1], 'sztHostAddress'),
    snmpCommunity: fixedString(r, l.community, TcpXcvLength.MAX_SNMP_COMMUNITY_STR_LEN, 'sztSNMPCommunity'),
    doubleSpool: dword(l.doubleSpool, 'dwDoubleSpool'),
    queue: fixedString(r, l.queue, TcpXcvLength.MAX_QUEUENAME_LEN, 'sztQueue'),
    ipAddress: l.ip !== undefined ? fixedString(r, l.ip, TcpXcvLength.MAX_IPADDR_STR_LEN, 'sztIPAddress') : '',
    portNumber: dword(l.portNumber, 'dwPortNumber'),
    snmpEnabled: dword(l.portNumber + 4, 'dwSNMPEnabled'),
    snmpDevIndex: dword(l.portNumber + 8, 'dwSNMPDevIndex'),
  };
}

/** PORT_DATA_1 (or _2 for version 2) with cbSize set and the reserved bytes zero. */
export function encodePortData(d: PortData): Buffer {
  const l = d.version === 1 ? LAYOUT_1 : LAYOUT_2;
  const out = Buffer.alloc(l.size);
  putString(out, 0, TcpXcvLength.MAX_PORTNAME_LEN, d.portName);
  out.writeUInt32LE(d.version, 128);
  out.writeUInt32LE(d.protocol, 132);
  out.writeUInt32LE(l.size, 136);
  putString(out, l.host[0], l.host[1], d.hostAddress);
  putString(out, l.community, TcpXcvLength.MAX_SNMP_COMMUNITY_STR_LEN, d.snmpCommunity);
  out.writeUInt32LE(d.doubleSpool, l.doubleSpool);
  putString(out, l.queue, TcpXcvLength.MAX_QUEUENAME_LEN, d.queue);
  if (l.ip !== undefined) putString(out, l.ip, TcpXcvLength.MAX_IPADDR_STR_LEN, d.ipAddress);
  out.writeUInt32LE(d.portNumber, l.portNumber);
  out.writeUInt32LE(d.snmpEnabled, l.portNumber + 4);
  out.writeUInt32LE(d.snmpDevIndex, l.portNumber + 8);
  return out;
}

/** DELETE_PORT_DATA_1: the port's name and dwVersion. */
export function decodeDeletePortData(blob: Buffer): { readonly portName: string; readonly version: number } {
  const r = new BufferReader(blob);
  r.need(DELETE_PORT_DATA_1_SIZE, 'DELETE_PORT_DATA_1');
  return {
    portName: fixedString(r, 0, TcpXcvLength.MAX_PORTNAME_LEN, 'psztPortName'),
    version: r.slice(228, 4, 'dwVersion').readUInt32LE(0),
  };
}

export function encodeDeletePortData(portName: string): Buffer {
  const out = Buffer.alloc(DELETE_PORT_DATA_1_SIZE);
  putString(out, 0, TcpXcvLength.MAX_PORTNAME_LEN, portName);
  out.writeUInt32LE(1, 228);
  return out;
}

/** CONFIG_INFO_DATA_1: only dwVersion (1) matters. */
export function decodeConfigInfoData(blob: Buffer): { readonly version: number } {
  const r = new BufferReader(blob);
  r.need(CONFIG_INFO_DATA_1_SIZE, 'CONFIG_INFO_DATA_1');
  return { version: r.slice(128, 4, 'dwVersion').readUInt32LE(0) };
}

export function encodeConfigInfoData(): Buffer {
  const out = Buffer.alloc(CONFIG_INFO_DATA_1_SIZE);
  out.writeUInt32LE(1, 128);
  return out;
}
