/**
 * The connection-oriented common header — C706 12.6.3.1 (16 bytes, drep 0x10 = little-endian):
 *
 *   0  u8  rpc_vers (5)        1  u8  rpc_vers_minor (0)   2  u8  PTYPE   3  u8  pfc_flags
 *   4  u8[4] packed_drep       8  u16 frag_length          10 u16 auth_length
 *   12 u32 call_id
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { COMMON_HEADER_LENGTH, RPC_VERSION, RPC_VERSION_MINOR } from '../constants';

export interface CommonHeader {
  readonly packetType: number;
  readonly flags: number;
  readonly fragLength: number;
  readonly authLength: number;
  readonly callId: number;
}

/** Reads and checks the common header at the reader's position. */
export function decodeCommonHeader(r: BufferReader): CommonHeader {
  const start = r.offset;
  const version = r.u8('rpc_vers');
  const minor = r.u8('rpc_vers_minor');
  if (version !== RPC_VERSION || minor !== RPC_VERSION_MINOR) {
    throw new MalformedPacketError(`unsupported DCE/RPC version ${version}.${minor}`, {
      offset: start,
      field: 'rpc_vers',
    });
  }
  const packetType = r.u8('PTYPE');
  const flags = r.u8('pfc_flags');
  const drep = r.bytes(4, 'packed_drep');
  // Only little-endian integers and ASCII characters: what every Windows and Samba peer sends.
  if ((drep[0] ?? 0) !== 0x10) {
    throw new MalformedPacketError(`unsupported data representation 0x${(drep[0] ?? 0).toString(16)}`, {
      offset: start + 4,
      field: 'packed_drep',
    });
  }
  const fragLength = r.u16('frag_length');
  const authLength = r.u16('auth_length');
  const callId = r.u32('call_id');
  if (fragLength < COMMON_HEADER_LENGTH) {
    throw new MalformedPacketError(`frag_length ${fragLength} shorter than the header`, {
      offset: start + 8,
      field: 'frag_length',
    });
  }
  return { packetType, flags, fragLength, authLength, callId };
}

/** Peeks frag_length of the PDU starting at `offset` (the framer's only need). */
export function peekFragLength(buf: Buffer, offset = 0): number {
  return new BufferReader(buf, offset).skip(8).u16('frag_length');
}

/**
 * Writes a header whose frag_length is patched by the returned `finish` once the body is written.
 * The PDU must start at the writer's offset 0 (one PDU per writer).
 */
export function encodeCommonHeader(
  w: BufferWriter,
  header: Omit<CommonHeader, 'fragLength' | 'authLength'> & { readonly authLength?: number },
): () => void {
  const start = w.offset;
  w.u8(RPC_VERSION).u8(RPC_VERSION_MINOR).u8(header.packetType).u8(header.flags);
  w.u8(0x10).u8(0).u8(0).u8(0);
  const frag = w.reserveU16();
  w.u16(header.authLength ?? 0);
  w.u32(header.callId);
  return () => {
    w.patch(frag, w.offset - start);
  };
}
