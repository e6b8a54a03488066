/**
 * A client request and its response as the tree, session and pipe code sees them — [MS-SMB2]
 * 3.2.4.1 (sending a request), 3.2.5.1 (receiving a response): what to encode and how, and the
 * bytes that came back, whose body the caller decodes.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { SMB2_HEADER_SIZE } from '../constants';
import type { Smb2Header } from '../header';
import { Smb2ProtocolError } from './client-errors';

export interface Smb2CallRequest {
  readonly command: number;
  readonly sessionId?: bigint;
  readonly treeId?: number;
  /** The larger of what the request sends and what its response may carry, for the CreditCharge. */
  readonly payloadSize?: number;
  readonly encodeBody: (w: BufferWriter, base: number) => void;
  /** Sign this request and require a signed response even if the session does not sign everything. */
  readonly sign?: boolean;
  /** Encrypt this request (a tree whose share requires it) even if the session does not encrypt everything. */
  readonly encrypt?: boolean;
  /** A compound member that inherits the previous member's FileId (SMB2_FLAGS_RELATED_OPERATIONS). */
  readonly related?: boolean;
  readonly timeoutMs?: number;
}

export interface Smb2CallResponse {
  readonly header: Smb2Header;
  readonly status: number;
  /** This response's bytes (one compound member with its padding), as hashed and signed. */
  readonly message: Buffer;
  /** The request's bytes as sent. */
  readonly request: Buffer;
}

/** A reader over a response body; the codecs take offsets relative to base 0 (the header). */
export function bodyReader(response: Smb2CallResponse): BufferReader {
  return new BufferReader(response.message, SMB2_HEADER_SIZE);
}

/** Rethrows a decoder failure on a response as a protocol error naming the command. */
export function decodeOrThrow<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof MalformedPacketError)
      throw new Smb2ProtocolError(`malformed ${what}: ${err.message}`, { cause: err });
    throw err;
  }
}
