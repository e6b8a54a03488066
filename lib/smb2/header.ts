/**
 * The 64-byte SMB2 packet header — [MS-SMB2] 2.2.1.1 (async) and 2.2.1.2 (sync).
 *
 *   0  ProtocolId      4   0xFE 'S' 'M' 'B'
 *   4  StructureSize   2   64
 *   6  CreditCharge    2
 *   8  Status          4   (requests: ChannelSequence 2 + Reserved 2)
 *  12  Command         2
 *  14  CreditRequest / CreditResponse 2
 *  16  Flags           4
 *  20  NextCommand     4   offset of the next header in a compound, 0 for the last
 *  24  MessageId       8
 *  32  Reserved 4 + TreeId 4   (sync)   |   AsyncId 8   (async, SMB2_FLAGS_ASYNC_COMMAND)
 *  40  SessionId       8
 *  48  Signature      16
 */
import type { BufferReader } from '../common/binary/buffer-reader';
import type { BufferWriter } from '../common/binary/buffer-writer';
import { MalformedPacketError } from '../common/errors';
import { SMB2_HEADER_SIZE, SMB2_PROTOCOL_ID, Smb2Flags } from './constants';

export interface Smb2Header {
  readonly creditCharge: number;
  /** NTSTATUS in responses; ChannelSequence/Reserved in requests. */
  readonly status: number;
  readonly command: number;
  /** CreditRequest (requests) or CreditResponse (responses). */
  readonly credits: number;
  readonly flags: number;
  readonly nextCommand: number;
  readonly messageId: bigint;
  /** Sync header only. */
  readonly treeId: number;
  /** Async header only. */
  readonly asyncId: bigint;
  readonly sessionId: bigint;
  readonly signature: Buffer;
}

export const SIGNATURE_OFFSET = 48;
export const SIGNATURE_LENGTH = 16;
export const FLAGS_OFFSET = 16;
export const NEXT_COMMAND_OFFSET = 20;

export function isAsync(h: Pick<Smb2Header, 'flags'>): boolean {
  return (h.flags & Smb2Flags.SMB2_FLAGS_ASYNC_COMMAND) !== 0;
}

export function decodeSmb2Header(r: BufferReader): Smb2Header {
  const start = r.offset;
  const protocolId = r.u32('ProtocolId');
  if (protocolId !== SMB2_PROTOCOL_ID) {
    throw new MalformedPacketError(`not an SMB2 header: protocol id 0x${protocolId.toString(16)}`, {
      offset: start,
      field: 'ProtocolId',
    });
  }
  const structureSize = r.u16('StructureSize');
  if (structureSize !== SMB2_HEADER_SIZE) {
    throw new MalformedPacketError(`header StructureSize ${structureSize}, expected 64`, {
      offset: start + 4,
      field: 'StructureSize',
    });
  }
  const creditCharge = r.u16('CreditCharge');
  const status = r.u32('Status');
  const command = r.u16('Command');
  const credits = r.u16('CreditRequest');
  const flags = r.u32('Flags');
  const nextCommand = r.u32('NextCommand');
  const messageId = r.u64('MessageId');
  let treeId = 0;
  let asyncId = 0n;
  if ((flags & Smb2Flags.SMB2_FLAGS_ASYNC_COMMAND) !== 0) {
    asyncId = r.u64('AsyncId');
  } else {
    r.skip(4, 'Reserved');
    treeId = r.u32('TreeId');
  }
  const sessionId = r.u64('SessionId');
  const signature = r.bytes(SIGNATURE_LENGTH, 'Signature');
  return {
    creditCharge,
    status,
    command,
    credits,
    flags,
    nextCommand,
    messageId,
    treeId,
    asyncId,
    sessionId,
    signature,
  };
}

export interface Smb2HeaderFields {
  readonly creditCharge?: number;
  readonly status?: number;
  readonly command: number;
  readonly credits?: number;
  readonly flags?: number;
  readonly nextCommand?: number;
  readonly messageId: bigint;
  readonly treeId?: number;
  readonly asyncId?: bigint;
  readonly sessionId?: bigint;
}

/** Writes a header with a zero signature (signing patches it later over the finished message). */
export function encodeSmb2Header(w: BufferWriter, h: Smb2HeaderFields): void {
  const flags = h.flags ?? 0;
  w.u32(SMB2_PROTOCOL_ID)
    .u16(SMB2_HEADER_SIZE)
    .u16(h.creditCharge ?? 0)
    .u32(h.status ?? 0)
    .u16(h.command)
    .u16(h.credits ?? 0)
    .u32(flags)
    .u32(h.nextCommand ?? 0)
    .u64(h.messageId);
  if ((flags & Smb2Flags.SMB2_FLAGS_ASYNC_COMMAND) !== 0) w.u64(h.asyncId ?? 0n);
  else w.u32(0).u32(h.treeId ?? 0);
  w.u64(h.sessionId ?? 0n).zeros(SIGNATURE_LENGTH);
}
