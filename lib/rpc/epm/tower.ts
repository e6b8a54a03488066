/**
 * Protocol towers — C706 appendix L, [MS-RPCE] 2.2.1.2.2 and 3.1.3.5.3: the octets of a twr_t.
 *
 *   u16 floor_count (LE), then per floor:
 *     u16 lhs_length (LE) | u8 protocol identifier | lhs data | u16 rhs_length (LE) | rhs data
 *
 *   floor 1  0x0d interface: lhs UUID (16) + u16 major (LE), rhs u16 minor (LE)
 *   floor 2  0x0d transfer syntax, same layout (NDR 8a885d04-... 2.0)
 *   floor 3  0x0b connection-oriented RPC, rhs u16 minor version (0)
 *   floor 4  0x07 TCP port (u16 big-endian)          | 0x0f named pipe, NUL-terminated
 *   floor 5  0x09 IPv4 address (4 bytes, net order)  | 0x11 NetBIOS host, NUL-terminated
 *
 * Decoding is bounds-checked (MalformedPacketError) and refuses more than six floors.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { guidFromBuffer, guidToBuffer } from '../../common/binary/guid';
import { MalformedPacketError } from '../../common/errors';
import { NDR20_SYNTAX, type SyntaxId } from '../constants';
import { MAX_TOWER_FLOORS, TowerProtocol as P } from './epm-constants';

export type TowerFloor =
  | { readonly protocol: typeof P.EPM_PROTOCOL_UUID; readonly syntax: SyntaxId }
  | { readonly protocol: typeof P.EPM_PROTOCOL_NCACN; readonly minorVersion: number }
  | { readonly protocol: typeof P.EPM_PROTOCOL_TCP; readonly port: number }
  | { readonly protocol: typeof P.EPM_PROTOCOL_IP; readonly address: string }
  | { readonly protocol: typeof P.EPM_PROTOCOL_SMB; readonly pipe: string }
  | { readonly protocol: typeof P.EPM_PROTOCOL_NETBIOS; readonly host: string }
  /** Any other protocol, kept as bytes. */
  | { readonly protocol: number; readonly lhsData: Buffer; readonly rhs: Buffer };

export type TowerEndpoint =
  | { readonly protseq: 'ncacn_ip_tcp'; readonly port: number; readonly address: string }
  | { readonly protseq: 'ncacn_np'; readonly pipe: string; readonly host: string };

/** A tower read as a binding: interface, transfer syntax and where to reach it. */
export interface TowerBinding {
  readonly interface: SyntaxId;
  readonly transferSyntax: SyntaxId;
  readonly endpoint: TowerEndpoint | undefined;
}

function asciiz(b: Buffer, field: string): string {
  const nul = b.indexOf(0);
  if (nul !== b.length - 1) throw new MalformedPacketError(`${field} is not one NUL-terminated string`, { field });
  return b.toString('latin1', 0, nul);
}

function decodeFloor(r: BufferReader, index: number): TowerFloor {
  const field = `floor ${index + 1}`;
  const lhsLength = r.u16(`${field}.lhs_length`);
  if (lhsLength < 1) throw new MalformedPacketError(`${field}: empty left-hand side`, { offset: r.offset, field });
  const lhs = r.sub(lhsLength, `${field}.lhs`);
  const protocol = lhs.u8(`${field}.protocol`);
  const lhsData = lhs.bytes(lhs.remaining, `${field}.lhs_data`);
  const rhs = r.bytes(r.u16(`${field}.rhs_length`), `${field}.rhs`);
  const size = (n: number, b: Buffer, part: string): void => {
    if (b.length !== n) throw new MalformedPacketError(`${field}: ${part} of ${b.length} bytes, not ${n}`, { field });
  };
  switch (protocol) {
    case P.EPM_PROTOCOL_UUID:
      size(18, lhsData, 'UUID and major version');
      size(2, rhs, 'minor version');
      return {
        protocol,
        syntax: {
          uuid: guidFromBuffer(lhsData.subarray(0, 16)),
          major: lhsData.readUInt16LE(16),
          minor: rhs.readUInt16LE(0),
        },
      };
    case P.EPM_PROTOCOL_NCACN:
      size(2, rhs, 'minor version');
      return { protocol, minorVersion: rhs.readUInt16LE(0) };
    case P.EPM_PROTOCOL_TCP:
      size(2, rhs, 'port');
      return { protocol, port: rhs.readUInt16BE(0) };
    case P.EPM_PROTOCOL_IP:
      size(4, rhs, 'IPv4 address');
      return { protocol, address: [...rhs].join('.') };
    case P.EPM_PROTOCOL_SMB:
      return { protocol, pipe: asciiz(rhs, `${field} pipe name`) };
    case P.EPM_PROTOCOL_NETBIOS:
      return { protocol, host: asciiz(rhs, `${field} host name`) };
    default:
      return { protocol, lhsData: Buffer.from(lhsData), rhs: Buffer.from(rhs) };
  }
}

/** Decodes tower octets (all of them: trailing bytes are refused). */
export function decodeTower(octets: Buffer): TowerFloor[] {
  const r = new BufferReader(octets);
  const count = r.u16('floor_count');
  if (count > MAX_TOWER_FLOORS)
    throw new MalformedPacketError(`a tower of ${count} floors (at most ${MAX_TOWER_FLOORS})`, {
      field: 'floor_count',
    });
  const floors: TowerFloor[] = [];
  for (let i = 0; i < count; i++) floors.push(decodeFloor(r, i));
  if (r.remaining !== 0)
    throw new MalformedPacketError(`${r.remaining} bytes after the last floor`, { offset: r.offset, field: 'tower' });
  return floors;
}

function encodeFloor(w: BufferWriter, floor: TowerFloor): void {
  const side = (b: Buffer): void => {
    w.u16(b.length).bytes(b);
  };
  const u16le = (v: number): Buffer => Buffer.from([v & 0xff, (v >> 8) & 0xff]);
  const lhs = (data: Buffer): void => side(Buffer.concat([Buffer.from([floor.protocol]), data]));
  if ('syntax' in floor) {
    lhs(Buffer.concat([guidToBuffer(floor.syntax.uuid), u16le(floor.syntax.major)]));
    side(u16le(floor.syntax.minor));
  } else if ('minorVersion' in floor) {
    lhs(Buffer.alloc(0));
    side(u16le(floor.minorVersion));
  } else if ('port' in floor) {
    lhs(Buffer.alloc(0));
    side(Buffer.from([(floor.port >> 8) & 0xff, floor.port & 0xff]));
  } else if ('address' in floor) {
    const parts = floor.address.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
      throw new RangeError(`not an IPv4 address: ${floor.address}`);
    lhs(Buffer.alloc(0));
    side(Buffer.from(parts));
  } else if ('pipe' in floor) {
    lhs(Buffer.alloc(0));
    side(Buffer.from(`${floor.pipe}\0`, 'latin1'));
  } else if ('host' in floor) {
    lhs(Buffer.alloc(0));
    side(Buffer.from(`${floor.host}\0`, 'latin1'));
  } else {
    lhs(floor.lhsData);
    side(floor.rhs);
  }
}

export function encodeTower(floors: readonly TowerFloor[]): Buffer {
  const w = new BufferWriter(128);
  w.u16(floors.length);
  for (const f of floors) encodeFloor(w, f);
  return w.finish();
}

/** The tower of an endpoint ([MS-RPCE] 2.1.1.1 ncacn_ip_tcp, 2.1.1.2 ncacn_np), NDR20. */
export function endpointTower(iface: SyntaxId, endpoint: TowerEndpoint): TowerFloor[] {
  const head: TowerFloor[] = [
    { protocol: P.EPM_PROTOCOL_UUID, syntax: iface },
    { protocol: P.EPM_PROTOCOL_UUID, syntax: NDR20_SYNTAX },
    { protocol: P.EPM_PROTOCOL_NCACN, minorVersion: 0 },
  ];
  return endpoint.protseq === 'ncacn_ip_tcp'
    ? [
        ...head,
        { protocol: P.EPM_PROTOCOL_TCP, port: endpoint.port },
        { protocol: P.EPM_PROTOCOL_IP, address: endpoint.address },
      ]
    : [
        ...head,
        { protocol: P.EPM_PROTOCOL_SMB, pipe: endpoint.pipe },
        { protocol: P.EPM_PROTOCOL_NETBIOS, host: endpoint.host },
      ];
}

/** Reads floors 1-5 as a binding; undefined when floors 1-3 are not interface, syntax, ncacn. */
export function towerBinding(floors: readonly TowerFloor[]): TowerBinding | undefined {
  const [f1, f2, f3, f4, f5] = floors;
  if (f1 === undefined || f2 === undefined || f3 === undefined) return undefined;
  if (!('syntax' in f1) || !('syntax' in f2) || f3.protocol !== P.EPM_PROTOCOL_NCACN) return undefined;
  let endpoint: TowerEndpoint | undefined;
  if (f4 !== undefined && 'port' in f4 && f4.protocol === P.EPM_PROTOCOL_TCP)
    endpoint = {
      protseq: 'ncacn_ip_tcp',
      port: f4.port,
      address: f5 !== undefined && 'address' in f5 ? f5.address : '0.0.0.0',
    };
  else if (f4 !== undefined && 'pipe' in f4)
    endpoint = { protseq: 'ncacn_np', pipe: f4.pipe, host: f5 !== undefined && 'host' in f5 ? f5.host : '' };
  return { interface: f1.syntax, transferSyntax: f2.syntax, endpoint };
}
