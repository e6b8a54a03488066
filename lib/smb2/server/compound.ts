/**
 * Compounded requests and responses — [MS-SMB2] 3.3.5.2.7 (receiving a compound), 3.3.4.1.3
 * (sending one), 3.3.4.1.1 (signing each member).
 *
 * Members of a compound are 8-byte aligned and chained by NextCommand. A related member
 * (SMB2_FLAGS_RELATED_OPERATIONS) inherits the SessionId, TreeId and FileId of the member before
 * it (3.3.5.2.7.2); when that member failed, the related one fails with the same status. A related
 * first member, or one after a member that named no valid session or tree, has nothing to inherit:
 * it fails with STATUS_INVALID_PARAMETER, as Windows and Samba answer (smbtorture
 * smb2.compound.invalid1).
 */
import { NtStatusError } from '../../common/errors';
import { NtStatus } from '../../common/status/ntstatus';
import { RELATED_FILE_ID, SMB2_HEADER_SIZE, Smb2Command, Smb2Flags } from '../constants';
import type { Smb2Header } from '../header';
import { NEXT_COMMAND_OFFSET } from '../header';
import type { FileId } from '../messages/common';
import type { Session } from './session';
import type { MessageSlice } from './streamed-read';

/** What related members of one compound inherit ([MS-SMB2] 3.3.5.2.7.2). */
export interface CompoundState {
  index: number;
  /** What a related member inherits; undefined when the member before it had none (or there is none). */
  sessionId: bigint | undefined;
  treeId: number | undefined;
  fileId: FileId | undefined;
  /** The previous member's error status, when it failed. */
  failedStatus: number | undefined;
  /** Whether the previous member named or created a FileId. */
  previousHadFileId: boolean;
}

export function newCompound(): CompoundState {
  return {
    index: 0,
    sessionId: undefined,
    treeId: undefined,
    fileId: undefined,
    failedStatus: undefined,
    previousHadFileId: false,
  };
}

/** Commands that carry (or, for CREATE, generate) a FileId. */
export const FILE_COMMANDS: ReadonlySet<number> = new Set([
  Smb2Command.CREATE,
  Smb2Command.CLOSE,
  Smb2Command.FLUSH,
  Smb2Command.READ,
  Smb2Command.WRITE,
  Smb2Command.LOCK,
  Smb2Command.IOCTL,
  Smb2Command.QUERY_DIRECTORY,
  Smb2Command.CHANGE_NOTIFY,
  Smb2Command.QUERY_INFO,
  Smb2Command.SET_INFO,
]);

/** Whether `header` is a related member (the first member too: it then has nothing to inherit). */
export function isRelated(header: Smb2Header): boolean {
  return (header.flags & Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS) !== 0;
}

/**
 * Where the member starting at `start` ends (NextCommand), or undefined when NextCommand is not
 * a multiple of 8 past a whole header inside the payload.
 */
export function memberEnd(payload: Buffer, start: number, nextCommand: number): number | undefined {
  if (nextCommand === 0) return payload.length;
  if (nextCommand % 8 !== 0 || nextCommand < SMB2_HEADER_SIZE || start + nextCommand > payload.length) return undefined;
  return start + nextCommand;
}

/**
 * The FileId a request means ([MS-SMB2] 3.3.5.2.7.2): in a related compound the all-ones FileId
 * is the previous member's; if that member failed, this one fails with the same status; with no
 * FileId before it, STATUS_INVALID_HANDLE. Outside a related compound it is STATUS_FILE_CLOSED.
 */
export function resolveFileId(fileId: FileId, related: CompoundState | undefined): FileId {
  if (fileId.persistent !== RELATED_FILE_ID || fileId.volatile !== RELATED_FILE_ID) return fileId;
  if (related === undefined)
    throw new NtStatusError(NtStatus.STATUS_FILE_CLOSED, 'the related FileId outside a related compound');
  if (related.previousHadFileId && related.failedStatus !== undefined) {
    throw new NtStatusError(related.failedStatus, 'the previous related request failed');
  }
  if (related.fileId === undefined)
    throw new NtStatusError(NtStatus.STATUS_INVALID_HANDLE, 'no previous FileId in the compound');
  return related.fileId;
}

/** One response member, before padding and chaining. */
export interface ResponseMember {
  bytes: Buffer;
  /** The session whose key signs it, if any. */
  signer: Session | undefined;
  /** Called with the member exactly as sent (preauth hashing). */
  afterSend: ((message: Buffer) => void) | undefined;
  /** The slices of `bytes` still being read (a streamed READ response). */
  slices?: readonly MessageSlice[];
}

/**
 * Pads, chains and signs (each member with its padding, [MS-SMB2] 3.3.4.1.1) the response
 * members, and hands each to its afterSend. A lone member is returned as is, not copied.
 */
export function assembleResponse(
  members: readonly ResponseMember[],
  sign: (session: Session, message: Buffer) => void,
): Buffer {
  const parts = members.map((m, i) => {
    const last = i === members.length - 1;
    const padded =
      last || m.bytes.length % 8 === 0 ? m.bytes : Buffer.concat([m.bytes, Buffer.alloc(8 - (m.bytes.length % 8))]);
    if (!last) padded.writeUInt32LE(padded.length, NEXT_COMMAND_OFFSET);
    if (m.signer !== undefined) sign(m.signer, padded);
    m.afterSend?.(padded);
    return padded;
  });
  return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
}
