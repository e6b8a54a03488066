/**
 * What an open file or pipe needs of its tree: requests with the tree's SessionId and TreeId
 * filled in, one READ ([MS-SMB2] 3.2.4.6) and CLOSE (3.2.4.5). Smb2Tree provides it; files and
 * pipes depend on this, not on the tree.
 */
import type { FileId } from '../messages/common';
import type { Smb2CallRequest, Smb2CallResponse } from './client-messages';

/** A request on a tree: the tree fills in SessionId and TreeId. */
export type TreeRequest = Omit<Smb2CallRequest, 'sessionId' | 'treeId'>;

export interface TreeIo {
  call(request: TreeRequest): Promise<Smb2CallResponse>;
  /** One READ of at most `length` bytes: empty at end of file; `more` when a pipe message continues. */
  readOnce(fileId: FileId, offset: number, length: number): Promise<{ data: Buffer; more: boolean }>;
  closeFile(fileId: FileId): Promise<void>;
}
