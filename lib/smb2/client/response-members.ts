/**
 * The responses in one frame from the server — [MS-SMB2] 2.1 (a NetBIOS session message; keep-
 * alives carry none), 3.2.5.1.9 (a compounded response is split on NextCommand, each member
 * 8-aligned inside the frame). An encrypted frame (0xFD) is decrypted before it comes here
 * (client-encryption.ts); this client never asks for compression (0xFC): any protocol id but
 * SMB2's is a protocol error.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { SMB2_HEADER_SIZE, SMB2_PROTOCOL_ID } from '../constants';
import { NBSS_KEEP_ALIVE, NBSS_SESSION_MESSAGE } from '../framing';
import type { Frame } from '../framing';
import type { Smb2Header } from '../header';
import { decodeSmb2Header } from '../header';
import { Smb2ProtocolError } from './client-errors';

export interface ResponseMember {
  readonly header: Smb2Header;
  /** The member's bytes, padding included (as signed). */
  readonly message: Buffer;
}

/** The members of `frame`, one at a time: a bad one throws only once those before it are handled. */
export function* responseMembers(frame: Frame): Generator<ResponseMember, void, undefined> {
  if (frame.type === NBSS_KEEP_ALIVE) return;
  if (frame.type !== NBSS_SESSION_MESSAGE)
    throw new Smb2ProtocolError(`NetBIOS packet type 0x${frame.type.toString(16)}`);
  const payload = frame.payload;
  if (payload.length < 4) throw new Smb2ProtocolError('frame shorter than a protocol id');
  const protocolId = payload.readUInt32LE(0);
  if (protocolId !== SMB2_PROTOCOL_ID)
    throw new Smb2ProtocolError(`unexpected protocol id 0x${protocolId.toString(16)}`);
  for (let start = 0; ;) {
    if (payload.length - start < SMB2_HEADER_SIZE) throw new Smb2ProtocolError('truncated SMB2 header');
    const header = decodeSmb2Header(new BufferReader(payload, start));
    const next = header.nextCommand;
    if (next !== 0 && (next % 8 !== 0 || next < SMB2_HEADER_SIZE || start + next > payload.length)) {
      throw new Smb2ProtocolError(`bad NextCommand ${next}`);
    }
    const end = next === 0 ? payload.length : start + next;
    yield { header, message: payload.subarray(start, end) };
    if (next === 0) return;
    start = end;
  }
}
