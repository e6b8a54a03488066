/**
 * Listing a directory — [MS-SMB2] 3.2.4.17 (QUERY_DIRECTORY) with FileIdBothDirectoryInformation
 * ([MS-FSCC] 2.4.17): from SMB2_RESTART_SCANS until STATUS_NO_MORE_FILES, "." and ".." left out.
 */
import { filetimeToDate } from '../../common/binary/filetime';
import { NtStatus } from '../../common/status/ntstatus';
import { FileAttributes, FileInformationClass, QueryDirectoryFlags, Smb2Command } from '../constants';
import type { FileId } from '../messages/common';
import { decodeQueryDirectoryResponse, encodeQueryDirectoryRequest } from '../messages/query-directory';
import { bodyReader, decodeOrThrow } from './client-messages';
import { Smb2ProtocolError } from './client-errors';
import { decodeFileIdBothDirectoryInformation } from './directory-entries';
import { expectStatus } from './status';
import type { TreeIo } from './tree-io';

export interface Smb2FileStat {
  readonly size: number;
  readonly isDirectory: boolean;
  readonly mtime: Date;
}

export interface Smb2DirectoryEntry extends Smb2FileStat {
  readonly name: string;
}

const DIRECTORY_BUFFER = 65536;
/** A server that never says STATUS_NO_MORE_FILES must not keep the client listing forever. */
const MAX_DIRECTORY_ROUNDS = 100000;

/** A file size as a number; larger than Number.MAX_SAFE_INTEGER is a protocol error. */
export function sizeOf(endOfFile: bigint, what: string): number {
  if (endOfFile > BigInt(Number.MAX_SAFE_INTEGER)) throw new Smb2ProtocolError(`${what}: size ${endOfFile} too large`);
  return Number(endOfFile);
}

export function isDirectory(attributes: number): boolean {
  return (attributes & FileAttributes.FILE_ATTRIBUTE_DIRECTORY) !== 0;
}

/** The entries of the open directory `dir` (`what` names it in errors). */
export async function listDirectory(
  tree: TreeIo,
  dir: FileId,
  what: string,
  maxTransactSize: number,
): Promise<Smb2DirectoryEntry[]> {
  const entries: Smb2DirectoryEntry[] = [];
  const outputBufferLength = Math.min(DIRECTORY_BUFFER, maxTransactSize);
  for (let round = 0; round < MAX_DIRECTORY_ROUNDS; round++) {
    const response = await tree.call({
      command: Smb2Command.QUERY_DIRECTORY,
      payloadSize: outputBufferLength,
      encodeBody: (w, base) =>
        encodeQueryDirectoryRequest(w, base, {
          fileInformationClass: FileInformationClass.FileIdBothDirectoryInformation,
          flags: round === 0 ? QueryDirectoryFlags.SMB2_RESTART_SCANS : 0,
          fileIndex: 0,
          fileId: dir,
          fileName: '*',
          outputBufferLength,
        }),
    });
    if (response.status === NtStatus.STATUS_NO_MORE_FILES) return entries;
    if (round === 0 && response.status === NtStatus.STATUS_NO_SUCH_FILE) return entries;
    expectStatus(response, what);
    const { output } = decodeOrThrow('QUERY_DIRECTORY response', () =>
      decodeQueryDirectoryResponse(bodyReader(response), 0),
    );
    if (output.length > outputBufferLength)
      throw new Smb2ProtocolError(`QUERY_DIRECTORY returned ${output.length} bytes for ${outputBufferLength}`);
    for (const e of decodeOrThrow('directory entries', () => decodeFileIdBothDirectoryInformation(output))) {
      if (e.fileName === '.' || e.fileName === '..') continue;
      entries.push({
        name: e.fileName,
        size: sizeOf(e.endOfFile, e.fileName),
        isDirectory: isDirectory(e.fileAttributes),
        mtime: filetimeToDate(e.lastWriteTime),
      });
    }
  }
  throw new Smb2ProtocolError('QUERY_DIRECTORY never reported STATUS_NO_MORE_FILES');
}
