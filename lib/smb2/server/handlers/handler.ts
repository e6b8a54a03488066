/**
 * The contract between the connection's dispatcher and the per-command handlers: a handler
 * decodes its request body, does the work, and returns how to encode the response body. It
 * throws NtStatusError for failures; the dispatcher turns those into ERROR responses. A handler
 * sees its connection only through ConnectionContext.
 */
import type { BufferReader } from '../../../common/binary/buffer-reader';
import type { BufferWriter } from '../../../common/binary/buffer-writer';
import type { Logger } from '../../../common/logger';
import type { Smb2Header } from '../../header';
import type { FileId } from '../../messages/common';
import type { ConnectionContext } from '../connection-context';
import type { Open } from '../open';
import type { Session } from '../session';
import type { TreeConnect } from '../tree';
import type { MessageSlice } from '../streamed-read';

/** A protocol violation after which the connection is dropped without an answer ([MS-SMB2] 3.3.5.2). */
export class TerminateConnectionError extends Error {
  override readonly name = 'TerminateConnectionError';
}

export interface RequestContext {
  /** The connection as handlers see it: negotiation, sessions, opens, limits. */
  readonly connection: ConnectionContext;
  readonly header: Smb2Header;
  /** Positioned at the body; its window ends where this compound member ends. */
  readonly body: BufferReader;
  /** Offset of this member's header in `body.buf` (SMB2 offsets are relative to it). */
  readonly base: number;
  /** This member's bytes as received (for the 3.1.1 preauth hash). */
  readonly message: Buffer;
  readonly session: Session | undefined;
  readonly tree: TreeConnect | undefined;
  readonly logger: Logger;
  /** The open a FileId names (the related-compound FileId resolves to the previous CREATE's). */
  findOpen(fileId: FileId): Open;
  /** Records the FileId a related request that follows may refer to. */
  setRelatedFileId(fileId: FileId): void;
  /** The response goes out as built, neither signed, encrypted nor compounded: a READ may stream it (streamed-read.ts). */
  readonly streamable?: boolean;
}

export interface HandlerResponse {
  readonly status: number;
  readonly encodeBody: (w: BufferWriter, base: number) => void;
  /**
   * The whole response member, body already in place after SMB2_HEADER_SIZE bytes left for the
   * dispatcher's header (READ, whose data is read straight into it). When set, encodeBody is not used.
   */
  readonly message?: Buffer;
  /** With `message`: its data is still being read, slice by slice (streamable requests only). */
  readonly slices?: readonly MessageSlice[];
  /** SESSION_SETUP: the SessionId to put in the response header. */
  readonly sessionId?: bigint;
  /** TREE_CONNECT: the new TreeId. */
  readonly treeId?: number;
  /** Sign with this session even if the request was not signed (final SESSION_SETUP). */
  readonly signWith?: Session;
  /** Never sign (NEGOTIATE, SESSION_SETUP legs before a key exists). */
  readonly noSign?: boolean;
  /** Called with the response member exactly as sent (preauth hashing). */
  readonly afterSend?: (message: Buffer) => void;
}

/** Undefined: no response at all (CANCEL). */
export type Smb2Handler = (ctx: RequestContext) => Promise<HandlerResponse | undefined>;

export function ok(
  encodeBody: (w: BufferWriter, base: number) => void,
  extra: Partial<HandlerResponse> = {},
): HandlerResponse {
  return { status: 0, encodeBody, ...extra };
}
