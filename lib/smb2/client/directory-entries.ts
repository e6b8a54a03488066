/**
 * Decoding the directory entries QUERY_DIRECTORY returns — [MS-FSCC] 2.4.17
 * FileIdBothDirectoryInformation (the class Windows, Samba's smbclient and this client ask for).
 * lib/smb2/messages/file-information.ts only encodes (the server's side), so the client's
 * decoder lives here.
 *
 *   0 NextEntryOffset 4 | 4 FileIndex 4 | 8 CreationTime 8 | 16 LastAccessTime 8 | 24 LastWriteTime 8
 *  32 ChangeTime 8 | 40 EndOfFile 8 | 48 AllocationSize 8 | 56 FileAttributes 4 | 60 FileNameLength 4
 *  64 EaSize 4 | 68 ShortNameLength 1 | 69 Reserved1 1 | 70 ShortName 24 | 94 Reserved2 2
 *  96 FileId 8 | 104 FileName (FileNameLength bytes, UTF-16LE)
 * Entries are chained by NextEntryOffset (0 on the last), each starting where the previous says.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';

export interface FileIdBothDirectoryEntry {
  readonly fileName: string;
  readonly shortName: string;
  readonly creationTime: bigint;
  readonly lastAccessTime: bigint;
  readonly lastWriteTime: bigint;
  readonly changeTime: bigint;
  readonly endOfFile: bigint;
  readonly allocationSize: bigint;
  readonly fileAttributes: number;
  readonly fileId: bigint;
}

const FIXED_SIZE = 104;

export function decodeFileIdBothDirectoryInformation(buf: Buffer): FileIdBothDirectoryEntry[] {
  const out: FileIdBothDirectoryEntry[] = [];
  if (buf.length === 0) return out;
  const r = new BufferReader(buf);
  for (let start = 0; ;) {
    r.seek(start, 'NextEntryOffset');
    r.need(FIXED_SIZE, 'FileIdBothDirectoryInformation');
    const next = r.u32('NextEntryOffset');
    r.skip(4, 'FileIndex');
    const creationTime = r.u64('CreationTime');
    const lastAccessTime = r.u64('LastAccessTime');
    const lastWriteTime = r.u64('LastWriteTime');
    const changeTime = r.u64('ChangeTime');
    const endOfFile = r.u64('EndOfFile');
    const allocationSize = r.u64('AllocationSize');
    const fileAttributes = r.u32('FileAttributes');
    const nameLength = r.u32('FileNameLength');
    r.skip(4, 'EaSize');
    const shortNameLength = r.u8('ShortNameLength');
    r.skip(1, 'Reserved1');
    const shortField = r.bytes(24, 'ShortName');
    r.skip(2, 'Reserved2');
    const fileId = r.u64('FileId');
    if (nameLength % 2 !== 0 || shortNameLength % 2 !== 0 || shortNameLength > 24) {
      throw new MalformedPacketError(`odd name lengths ${nameLength}/${shortNameLength}`, {
        offset: start,
        field: 'FileNameLength',
      });
    }
    const fileName = r.bytes(nameLength, 'FileName').toString('utf16le');
    out.push({
      fileName,
      shortName: shortField.subarray(0, shortNameLength).toString('utf16le'),
      creationTime,
      lastAccessTime,
      lastWriteTime,
      changeTime,
      endOfFile,
      allocationSize,
      fileAttributes,
      fileId,
    });
    if (next === 0) return out;
    // Each entry must move forward past its own fixed part, or a hostile chain could loop.
    if (next < FIXED_SIZE)
      throw new MalformedPacketError(`NextEntryOffset ${next} inside the entry`, {
        offset: start,
        field: 'NextEntryOffset',
      });
    start += next;
  }
}
