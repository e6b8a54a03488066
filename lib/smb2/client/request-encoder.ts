/**
 * Encoding the client's requests — [MS-SMB2] 3.2.4.1. Each member is encoded first with MessageId
 * 0, so that a request that cannot be encoded fails before it takes credits; in a compound every
 * member but the last is padded to 8 bytes and chained by NextCommand (3.2.4.1.4), and a related
 * member carries SMB2_FLAGS_RELATED_OPERATIONS. Once credits are granted, CreditCharge,
 * CreditRequest and MessageId are written into each header (2.2.1.2), before signing.
 */
import { BufferWriter } from '../../common/binary/buffer-writer';
import { Smb2Flags } from '../constants';
import { NEXT_COMMAND_OFFSET, encodeSmb2Header } from '../header';
import type { Smb2CallRequest } from './client-messages';

// [MS-SMB2] 2.2.1.2 header fields written once the MessageId is known.
const CREDIT_CHARGE_OFFSET = 6;
const CREDIT_REQUEST_OFFSET = 14;
const MESSAGE_ID_OFFSET = 24;

/** One buffer per member, chained; MessageId, CreditCharge and CreditRequest still zero. */
export function encodeRequestMembers(requests: readonly Smb2CallRequest[]): Buffer[] {
  return requests.map((req, i) => {
    const w = new BufferWriter(256);
    encodeSmb2Header(w, {
      command: req.command,
      flags: req.related === true && i > 0 ? Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS : 0,
      messageId: 0n,
      treeId: req.treeId ?? 0,
      sessionId: req.sessionId ?? 0n,
    });
    req.encodeBody(w, 0);
    let bytes = w.finish();
    if (i < requests.length - 1) {
      if (bytes.length % 8 !== 0) bytes = Buffer.concat([bytes, Buffer.alloc(8 - (bytes.length % 8))]);
      bytes.writeUInt32LE(bytes.length, NEXT_COMMAND_OFFSET);
    }
    return bytes;
  });
}

export interface RequestStamp {
  readonly creditCharge: number;
  readonly creditRequest: number;
  readonly messageId: bigint;
}

/** Writes the credit fields and the MessageId into an encoded member's header. */
export function stampRequest(bytes: Buffer, stamp: RequestStamp): void {
  bytes.writeUInt16LE(stamp.creditCharge, CREDIT_CHARGE_OFFSET);
  bytes.writeUInt16LE(stamp.creditRequest, CREDIT_REQUEST_OFFSET);
  bytes.writeBigUInt64LE(stamp.messageId, MESSAGE_ID_OFFSET);
}
