/**
 * The file information classes a client sets on a disk file — [MS-FSCC] 2.4, as SET_INFO carries
 * them ([MS-SMB2] 2.2.39, InfoType SMB2_0_INFO_FILE):
 *
 *   FileBasicInformation (2.4.7, class 4):      CreationTime 8 | LastAccessTime 8 | LastWriteTime 8
 *                                               | ChangeTime 8 | FileAttributes 4 (| Reserved 4)
 *                                               times: 0 = keep, -1 = stop updating (kept here)
 *   FileRenameInformation (2.4.42.2, class 10): ReplaceIfExists 1 | Reserved 7 | RootDirectory 8
 *                                               | FileNameLength 4 | FileName (UTF-16, from the
 *                                               share's root)
 *   FileDispositionInformation (2.4.11, 13):    DeletePending 1
 *   FileAllocationInformation (2.4.4, 19):      AllocationSize 8
 *   FileEndOfFileInformation (2.4.14, 20):      EndOfFile 8
 *
 * Buffers shorter than the structure are STATUS_INFO_LENGTH_MISMATCH ([MS-FSA] 2.1.5.14).
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { filetimeToDate } from '../../common/binary/filetime';
import { NtStatusError } from '../../common/errors';
import { NtStatus } from '../../common/status/ntstatus';
import { FileInformationClass } from '../constants';

export type SetFileInformation =
  | { readonly kind: 'basic'; readonly lastAccessTime?: Date; readonly lastWriteTime?: Date }
  | { readonly kind: 'rename'; readonly replaceIfExists: boolean; readonly fileName: string }
  | { readonly kind: 'disposition'; readonly deletePending: boolean }
  | { readonly kind: 'allocation'; readonly allocationSize: bigint }
  | { readonly kind: 'end-of-file'; readonly endOfFile: bigint };

const MIN_SIZE: Readonly<Record<number, number>> = {
  [FileInformationClass.FileBasicInformation]: 36,
  [FileInformationClass.FileRenameInformation]: 20,
  [FileInformationClass.FileDispositionInformation]: 1,
  [FileInformationClass.FileAllocationInformation]: 8,
  [FileInformationClass.FileEndOfFileInformation]: 8,
};

/** A time to set: 0 keeps the current one, -1 (and -2) suspend updates, which we do not track. */
function timeToSet(ft: bigint): Date | undefined {
  if (ft === 0n || ft >= 0xfffffffffffffffen) return undefined;
  return filetimeToDate(ft);
}

/** Decodes a SET_INFO file buffer; STATUS_INVALID_INFO_CLASS for the classes a disk share does not set. */
export function decodeSetFileInformation(infoClass: number, buffer: Buffer): SetFileInformation {
  const min = MIN_SIZE[infoClass];
  if (min === undefined) throw new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS, `class ${infoClass}`);
  if (buffer.length < min) throw new NtStatusError(NtStatus.STATUS_INFO_LENGTH_MISMATCH, `class ${infoClass}`);
  const r = new BufferReader(buffer);
  switch (infoClass) {
    case FileInformationClass.FileBasicInformation: {
      r.skip(8, 'CreationTime');
      const lastAccessTime = timeToSet(r.u64('LastAccessTime'));
      const lastWriteTime = timeToSet(r.u64('LastWriteTime'));
      return {
        kind: 'basic',
        ...(lastAccessTime && { lastAccessTime }),
        ...(lastWriteTime && { lastWriteTime }),
      };
    }
    case FileInformationClass.FileRenameInformation: {
      const replaceIfExists = r.u8('ReplaceIfExists') !== 0;
      r.skip(7, 'Reserved');
      r.skip(8, 'RootDirectory');
      const length = r.u32('FileNameLength');
      if (length % 2 !== 0 || length > r.remaining) {
        throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `FileNameLength ${length}`);
      }
      return { kind: 'rename', replaceIfExists, fileName: r.utf16(length / 2, 'FileName') };
    }
    case FileInformationClass.FileDispositionInformation:
      return { kind: 'disposition', deletePending: r.u8('DeletePending') !== 0 };
    case FileInformationClass.FileAllocationInformation:
      return { kind: 'allocation', allocationSize: r.u64('AllocationSize') };
    default:
      return { kind: 'end-of-file', endOfFile: r.u64('EndOfFile') };
  }
}
