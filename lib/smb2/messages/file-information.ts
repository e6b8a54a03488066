/**
 * File and file-system information structures returned by QUERY_INFO and QUERY_DIRECTORY —
 * [MS-FSCC] 2.4 (file information classes) and 2.5 (file system information classes).
 * Pure encoders over plain values; the server fills the values from the share.
 *
 * Directory entries (every entry starts 8-byte aligned; NextEntryOffset 0 on the last):
 *  FileDirectoryInformation (2.4.10)        NextEntryOffset 4 | FileIndex 4 | CreationTime 8 | LastAccessTime 8
 *                                           | LastWriteTime 8 | ChangeTime 8 | EndOfFile 8 | AllocationSize 8
 *                                           | FileAttributes 4 | FileNameLength 4 | FileName        (name at 64)
 *  FileFullDirectoryInformation (2.4.14)    ... FileNameLength 4 | EaSize 4 | FileName                (name at 68)
 *  FileBothDirectoryInformation (2.4.8)     ... EaSize 4 | ShortNameLength 1 | Reserved 1 | ShortName 24 | FileName (94)
 *  FileIdBothDirectoryInformation (2.4.17)  ... ShortName 24 | Reserved2 2 | FileId 8 | FileName          (name at 104)
 *  FileIdFullDirectoryInformation (2.4.18)  ... EaSize 4 | Reserved 4 | FileId 8 | FileName               (name at 80)
 *  FileNamesInformation (2.4.28)            NextEntryOffset 4 | FileIndex 4 | FileNameLength 4 | FileName (at 12)
 */
import { BufferWriter } from '../../common/binary/buffer-writer';
import { FileInformationClass } from '../constants';

/** What a directory entry or an open file reports about itself. */
export interface FileBasics {
  readonly creationTime: bigint;
  readonly lastAccessTime: bigint;
  readonly lastWriteTime: bigint;
  readonly changeTime: bigint;
  readonly endOfFile: bigint;
  readonly allocationSize: bigint;
  readonly fileAttributes: number;
}

export interface DirectoryEntry extends FileBasics {
  readonly fileName: string;
  /** 8.3 name, empty when the long name already is one. */
  readonly shortName: string;
  readonly fileIndex: number;
  readonly fileId: bigint;
  readonly eaSize: number;
}

export const DIRECTORY_INFORMATION_CLASSES: ReadonlySet<number> = new Set([
  FileInformationClass.FileDirectoryInformation,
  FileInformationClass.FileFullDirectoryInformation,
  FileInformationClass.FileBothDirectoryInformation,
  FileInformationClass.FileIdBothDirectoryInformation,
  FileInformationClass.FileIdFullDirectoryInformation,
  FileInformationClass.FileNamesInformation,
]);

function writeTimesSizesAttributes(w: BufferWriter, e: FileBasics): void {
  w.u64(e.creationTime).u64(e.lastAccessTime).u64(e.lastWriteTime).u64(e.changeTime);
  w.u64(e.endOfFile).u64(e.allocationSize).u32(e.fileAttributes);
}

/** One directory entry in `infoClass`, NextEntryOffset 0 and no trailing padding. */
export function encodeDirectoryEntry(infoClass: number, e: DirectoryEntry): Buffer {
  const name = Buffer.from(e.fileName, 'utf16le');
  const w = new BufferWriter(128 + name.length);
  w.u32(0).u32(e.fileIndex);
  if (infoClass === FileInformationClass.FileNamesInformation) {
    w.u32(name.length).bytes(name);
    return w.finish();
  }
  writeTimesSizesAttributes(w, e);
  w.u32(name.length);
  switch (infoClass) {
    case FileInformationClass.FileDirectoryInformation:
      break;
    case FileInformationClass.FileFullDirectoryInformation:
      w.u32(e.eaSize);
      break;
    case FileInformationClass.FileIdFullDirectoryInformation:
      w.u32(e.eaSize).u32(0).u64(e.fileId);
      break;
    case FileInformationClass.FileBothDirectoryInformation:
    case FileInformationClass.FileIdBothDirectoryInformation: {
      const short = Buffer.from(e.shortName, 'utf16le').subarray(0, 24);
      const shortField = Buffer.alloc(24);
      short.copy(shortField);
      w.u32(e.eaSize).u8(short.length).u8(0).bytes(shortField);
      if (infoClass === FileInformationClass.FileIdBothDirectoryInformation) w.u16(0).u64(e.fileId);
      break;
    }
    default:
      throw new RangeError(`not a directory information class: ${infoClass}`);
  }
  w.bytes(name);
  return w.finish();
}

/**
 * Packs entries into at most `maxLength` bytes: each entry 8-aligned, NextEntryOffset chained.
 * Returns the buffer and how many entries fit.
 */
export function packDirectoryEntries(encoded: readonly Buffer[], maxLength: number): { buffer: Buffer; count: number } {
  const offsets: number[] = [];
  let size = 0;
  for (const entry of encoded) {
    const start = (size + 7) & ~7;
    if (start + entry.length > maxLength) break;
    offsets.push(start);
    size = start + entry.length;
  }
  const out = Buffer.alloc(size);
  offsets.forEach((at, i) => {
    encoded[i]?.copy(out, at);
    const next = offsets[i + 1];
    out.writeUInt32LE(next === undefined ? 0 : next - at, at);
  });
  return { buffer: out, count: offsets.length };
}

// --- QUERY_INFO, SMB2_0_INFO_FILE ---------------------------------------------------------------

/** [MS-FSCC] 2.4.7 FileBasicInformation: 4 times 8 | FileAttributes 4 | Reserved 4 (40 bytes). */
export function encodeFileBasicInformation(w: BufferWriter, e: FileBasics): void {
  w.u64(e.creationTime).u64(e.lastAccessTime).u64(e.lastWriteTime).u64(e.changeTime).u32(e.fileAttributes).u32(0);
}

/** [MS-FSCC] 2.4.41 FileStandardInformation: AllocationSize 8 | EndOfFile 8 | NumberOfLinks 4 | DeletePending 1 | Directory 1 | Reserved 2. */
export function encodeFileStandardInformation(
  w: BufferWriter,
  e: FileBasics & { readonly isDirectory: boolean; readonly deletePending?: boolean },
): void {
  w.u64(e.allocationSize)
    .u64(e.endOfFile)
    .u32(1)
    .u8(e.deletePending ? 1 : 0)
    .u8(e.isDirectory ? 1 : 0)
    .u16(0);
}

/** [MS-FSCC] 2.4.22 FileInternalInformation: IndexNumber 8. */
export function encodeFileInternalInformation(w: BufferWriter, indexNumber: bigint): void {
  w.u64(indexNumber);
}

/** [MS-FSCC] 2.4.12 FileEaInformation: EaSize 4. */
export function encodeFileEaInformation(w: BufferWriter, eaSize: number): void {
  w.u32(eaSize);
}

export interface FileAllInformation {
  readonly basics: FileBasics;
  readonly isDirectory: boolean;
  readonly indexNumber: bigint;
  readonly accessFlags: number;
  readonly currentByteOffset: bigint;
  readonly mode: number;
  readonly fileName: string;
}

/**
 * [MS-FSCC] 2.4.2 FileAllInformation: Basic 40 | Standard 24 | Internal 8 | Ea 4 | Access 4
 *   | Position 8 | Mode 4 | Alignment 4 | Name (FileNameLength 4 | FileName).
 */
export function encodeFileAllInformation(w: BufferWriter, m: FileAllInformation): void {
  encodeFileBasicInformation(w, m.basics);
  encodeFileStandardInformation(w, { ...m.basics, isDirectory: m.isDirectory });
  encodeFileInternalInformation(w, m.indexNumber);
  encodeFileEaInformation(w, 0);
  w.u32(m.accessFlags).u64(m.currentByteOffset).u32(m.mode).u32(0);
  const name = Buffer.from(m.fileName, 'utf16le');
  w.u32(name.length).bytes(name);
}

/** [MS-FSCC] 2.4.29 FileNetworkOpenInformation: 4 times | AllocationSize 8 | EndOfFile 8 | FileAttributes 4 | Reserved 4 (56 bytes). */
export function encodeFileNetworkOpenInformation(w: BufferWriter, e: FileBasics): void {
  w.u64(e.creationTime).u64(e.lastAccessTime).u64(e.lastWriteTime).u64(e.changeTime);
  w.u64(e.allocationSize).u64(e.endOfFile).u32(e.fileAttributes).u32(0);
}

/** [MS-FSCC] 2.4.6 FileAttributeTagInformation: FileAttributes 4 | ReparseTag 4. */
export function encodeFileAttributeTagInformation(w: BufferWriter, fileAttributes: number, reparseTag = 0): void {
  w.u32(fileAttributes).u32(reparseTag);
}

/** [MS-FSCC] 2.4.43 FileStreamInformation, one entry: NextEntryOffset 4 | StreamNameLength 4 | StreamSize 8 | StreamAllocationSize 8 | StreamName. */
export function encodeFileStreamInformation(
  w: BufferWriter,
  streams: readonly { name: string; size: bigint; allocationSize: bigint }[],
): void {
  streams.forEach((s, i) => {
    const start = w.offset;
    const name = Buffer.from(s.name, 'utf16le');
    const next = w.reserveU32();
    w.u32(name.length).u64(s.size).u64(s.allocationSize).bytes(name);
    if (i < streams.length - 1) {
      w.align(8, start);
      w.patch(next, w.offset - start);
    }
  });
}

/** [MS-FSCC] 2.4.34 FilePipeInformation: ReadMode 4 | CompletionMode 4. */
export function encodeFilePipeInformation(w: BufferWriter, readMode: number, completionMode: number): void {
  w.u32(readMode).u32(completionMode);
}

export interface FilePipeLocalInformation {
  readonly namedPipeType: number;
  readonly namedPipeConfiguration: number;
  readonly maximumInstances: number;
  readonly currentInstances: number;
  readonly inboundQuota: number;
  readonly readDataAvailable: number;
  readonly outboundQuota: number;
  readonly writeQuotaAvailable: number;
  readonly namedPipeState: number;
  readonly namedPipeEnd: number;
}

/** [MS-FSCC] 2.4.35 FilePipeLocalInformation: ten u32 fields. */
export function encodeFilePipeLocalInformation(w: BufferWriter, m: FilePipeLocalInformation): void {
  w.u32(m.namedPipeType).u32(m.namedPipeConfiguration).u32(m.maximumInstances).u32(m.currentInstances);
  w.u32(m.inboundQuota).u32(m.readDataAvailable).u32(m.outboundQuota).u32(m.writeQuotaAvailable);
  w.u32(m.namedPipeState).u32(m.namedPipeEnd);
}

// --- QUERY_INFO, SMB2_0_INFO_FILESYSTEM ---------------------------------------------------------

/** [MS-FSCC] 2.5.9 FileFsVolumeInformation: VolumeCreationTime 8 | VolumeSerialNumber 4 | VolumeLabelLength 4 | SupportsObjects 1 | Reserved 1 | VolumeLabel. */
export function encodeFileFsVolumeInformation(
  w: BufferWriter,
  creationTime: bigint,
  serialNumber: number,
  label: string,
): void {
  const l = Buffer.from(label, 'utf16le');
  w.u64(creationTime).u32(serialNumber).u32(l.length).u8(0).u8(0).bytes(l);
}

export interface FsSize {
  readonly totalAllocationUnits: bigint;
  readonly availableAllocationUnits: bigint;
  readonly sectorsPerAllocationUnit: number;
  readonly bytesPerSector: number;
}

/** [MS-FSCC] 2.5.8 FileFsSizeInformation: TotalAllocationUnits 8 | AvailableAllocationUnits 8 | SectorsPerAllocationUnit 4 | BytesPerSector 4. */
export function encodeFileFsSizeInformation(w: BufferWriter, s: FsSize): void {
  w.u64(s.totalAllocationUnits).u64(s.availableAllocationUnits).u32(s.sectorsPerAllocationUnit).u32(s.bytesPerSector);
}

/** [MS-FSCC] 2.5.4 FileFsFullSizeInformation: Total 8 | CallerAvailable 8 | ActualAvailable 8 | SectorsPerAllocationUnit 4 | BytesPerSector 4. */
export function encodeFileFsFullSizeInformation(w: BufferWriter, s: FsSize): void {
  w.u64(s.totalAllocationUnits).u64(s.availableAllocationUnits).u64(s.availableAllocationUnits);
  w.u32(s.sectorsPerAllocationUnit).u32(s.bytesPerSector);
}

/** [MS-FSCC] 2.5.1 FileFsAttributeInformation: FileSystemAttributes 4 | MaximumComponentNameLength 4 | FileSystemNameLength 4 | FileSystemName. */
export function encodeFileFsAttributeInformation(
  w: BufferWriter,
  attributes: number,
  maxComponentLength: number,
  fsName: string,
): void {
  const n = Buffer.from(fsName, 'utf16le');
  w.u32(attributes).u32(maxComponentLength).u32(n.length).bytes(n);
}

/** [MS-FSCC] 2.5.10 FileFsDeviceInformation: DeviceType 4 | Characteristics 4. */
export function encodeFileFsDeviceInformation(w: BufferWriter, deviceType: number, characteristics: number): void {
  w.u32(deviceType).u32(characteristics);
}

/**
 * [MS-FSCC] 2.5.7 FileFsSectorSizeInformation: LogicalBytesPerSector 4 | PhysicalBytesPerSectorForAtomicity 4
 *  | PhysicalBytesPerSectorForPerformance 4 | FileSystemEffectivePhysicalBytesPerSectorForAtomicity 4 | Flags 4
 *  | ByteOffsetForSectorAlignment 4 | ByteOffsetForPartitionAlignment 4.
 */
export function encodeFileFsSectorSizeInformation(w: BufferWriter, bytesPerSector: number): void {
  // Flags: SSINFO_FLAGS_ALIGNED_DEVICE | SSINFO_FLAGS_PARTITION_ALIGNED_ON_DEVICE, as NTFS on a 512e disk reports.
  w.u32(bytesPerSector).u32(bytesPerSector).u32(bytesPerSector).u32(bytesPerSector).u32(0x3).u32(0).u32(0);
}

/**
 * [MS-FSCC] 2.5.2 FileFsControlInformation: FreeSpaceStartFiltering 8 | FreeSpaceThreshold 8 |
 * FreeSpaceStopFiltering 8 | DefaultQuotaThreshold 8 | DefaultQuotaLimit 8 | FileSystemControlFlags 4 | Padding 4.
 */
export function encodeFileFsControlInformation(
  w: BufferWriter,
  c: { readonly defaultQuotaThreshold: bigint; readonly defaultQuotaLimit: bigint; readonly flags: number },
): void {
  w.u64(0n).u64(0n).u64(0n).u64(c.defaultQuotaThreshold).u64(c.defaultQuotaLimit).u32(c.flags).u32(0);
}

/** [MS-FSCC] 2.5.6 FileFsObjectIdInformation: ObjectId 16 | ExtendedInfo 48. */
export function encodeFileFsObjectIdInformation(w: BufferWriter, objectId: Buffer): void {
  w.bytes(objectId.subarray(0, 16))
    .zeros(16 - Math.min(16, objectId.length))
    .zeros(48);
}
