/**
 * What PRINT$ answers about a store entry — [MS-FSCC] 2.4 (file information classes), 2.5 (file
 * system information classes, volume-information.ts) and [MS-DTYP] 2.4.6 (the security
 * descriptor): a read-only NTFS volume labelled PRINT$, files with stable 64-bit ids, readable by
 * Everyone. Minimum buffer sizes are Windows' structure sizes.
 */
import { createHash } from 'node:crypto';
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { dateToFiletime } from '../../../common/binary/filetime';
import type { DriverStore, DriverStoreEntry } from '../../../drivers/driver-store';
import {
  FILE_ALL_ACCESS,
  FILE_GENERIC_READ_EXECUTE,
  FileAttributes,
  FileInformationClass,
  SecurityInformation,
} from '../../constants';
import type { FileBasics } from '../../messages/file-information';
import {
  encodeFileAllInformation,
  encodeFileAttributeTagInformation,
  encodeFileBasicInformation,
  encodeFileEaInformation,
  encodeFileInternalInformation,
  encodeFileNetworkOpenInformation,
  encodeFileStandardInformation,
  encodeFileStreamInformation,
} from '../../messages/file-information';
import type { SecurityDescriptor } from '../../messages/security-descriptor';
import { WellKnownSid, encodeSecurityDescriptor } from '../../messages/security-descriptor';
import type { InfoOutput } from '../open';
import { shortNameOf } from './short-name';
import { volumeInformation, type Volume } from './volume-information';

const CLUSTER_SIZE = 4096;
const VOLUME_LABEL = 'PRINT$';
/** sizeof(FILE_NAME_INFORMATION) on Windows: the length and the name's first WCHAR, padded to 8. */
const FILE_NAME_INFORMATION_SIZE = 8;
/** ACE flags OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE for directories. */
const INHERIT_FLAGS = 0x03;

export function entryBasics(e: DriverStoreEntry): FileBasics {
  const size = e.isDirectory ? 0 : e.size;
  return {
    creationTime: dateToFiletime(e.birthtime),
    lastAccessTime: dateToFiletime(e.atime),
    lastWriteTime: dateToFiletime(e.mtime),
    changeTime: dateToFiletime(e.ctime),
    endOfFile: BigInt(size),
    allocationSize: BigInt(Math.ceil(size / CLUSTER_SIZE) * CLUSTER_SIZE),
    fileAttributes: e.isDirectory ? FileAttributes.FILE_ATTRIBUTE_DIRECTORY : FileAttributes.FILE_ATTRIBUTE_ARCHIVE,
  };
}

/** A stable 64-bit file id (FileInternalInformation.IndexNumber) from the store-relative path. */
export function fileIndexNumber(winPath: string): bigint {
  const digest = createHash('sha256').update(winPath.toLowerCase(), 'utf8').digest();
  return digest.readBigUInt64LE(0) & 0x7fffffffffffffffn;
}

function info(encode: (w: BufferWriter) => void, minimumSize?: number): InfoOutput {
  const w = new BufferWriter(128);
  encode(w);
  const data = w.finish();
  return { data, minimumSize: minimumSize ?? data.length };
}

/** A file information class ([MS-FSCC] 2.4) of `entry`; undefined for a class PRINT$ does not answer. */
export function fileInformation(
  entry: DriverStoreEntry,
  grantedAccess: number,
  volumeSerial: number,
  infoClass: number,
): InfoOutput | undefined {
  const b = entryBasics(entry);
  const isDirectory = entry.isDirectory;
  const indexNumber = fileIndexNumber(entry.path);
  switch (infoClass) {
    case FileInformationClass.FileBasicInformation:
      return info((w) => encodeFileBasicInformation(w, b));
    case FileInformationClass.FileStandardInformation:
      return info((w) => encodeFileStandardInformation(w, { ...b, isDirectory }));
    case FileInformationClass.FileInternalInformation:
      return info((w) => encodeFileInternalInformation(w, indexNumber));
    case FileInformationClass.FileEaInformation:
      return info((w) => encodeFileEaInformation(w, 0));
    case FileInformationClass.FileAccessInformation:
      return info((w) => w.u32(grantedAccess));
    case FileInformationClass.FilePositionInformation:
      return info((w) => w.u64(0n));
    case FileInformationClass.FileModeInformation:
      return info((w) => w.u32(0));
    case FileInformationClass.FileAlignmentInformation:
      return info((w) => w.u32(0));
    case FileInformationClass.FileAllInformation:
      // Windows names the file from the share root, with a leading backslash.
      return info(
        (w) =>
          encodeFileAllInformation(w, {
            basics: b,
            isDirectory,
            indexNumber,
            accessFlags: grantedAccess,
            currentByteOffset: 0n,
            mode: 0,
            fileName: `\\${entry.path}`,
          }),
        // sizeof(FILE_ALL_INFORMATION) on Windows: 100 bytes of fields and the name's first WCHAR, padded.
        104,
      );
    case FileInformationClass.FileNameInformation:
      return info((w) => {
        const n = Buffer.from(`\\${entry.path}`, 'utf16le');
        w.u32(n.length).bytes(n);
      }, FILE_NAME_INFORMATION_SIZE);
    case FileInformationClass.FileNetworkOpenInformation:
      return info((w) => encodeFileNetworkOpenInformation(w, b));
    case FileInformationClass.FileAttributeTagInformation:
      return info((w) => encodeFileAttributeTagInformation(w, b.fileAttributes));
    case FileInformationClass.FileStreamInformation:
      // A file has its unnamed data stream; a directory has none.
      return info(
        (w) =>
          encodeFileStreamInformation(
            w,
            isDirectory ? [] : [{ name: '::$DATA', size: b.endOfFile, allocationSize: b.allocationSize }],
          ),
        0,
      );
    case FileInformationClass.FileIdInformation:
      // [MS-FSCC] 2.4.21: VolumeSerialNumber 8 | FileId 16 (the 64-bit index, zero-extended).
      return info((w) => w.u64(BigInt(volumeSerial)).u64(indexNumber).u64(0n));
    case FileInformationClass.FileAlternateNameInformation:
      // [MS-FSCC] 2.4.5: FileNameLength 4 | FileName (the 8.3 name of the last component).
      return info((w) => {
        const n = Buffer.from(shortNameOf(entry.name || '\\'), 'utf16le');
        w.u32(n.length).bytes(n);
      }, FILE_NAME_INFORMATION_SIZE);
    default:
      return undefined;
  }
}

/** The store's volume: read-only, labelled PRINT$, sized by the file system it is on. */
export function storeVolume(store: DriverStore, volumeSerial: number): Volume {
  const objectId = Buffer.alloc(16);
  objectId.write(VOLUME_LABEL, 'latin1');
  objectId.writeUInt32LE(volumeSerial, 12);
  return {
    label: VOLUME_LABEL,
    serialNumber: volumeSerial,
    root: store.root,
    readOnly: true,
    objectId,
    creationTime: async () => (await store.resolve(''))?.birthtime ?? new Date(0),
  };
}

/** A file system information class ([MS-FSCC] 2.5) of the store's volume. */
export function fsInformation(store: DriverStore, volumeSerial: number, infoClass: number): Promise<InfoOutput> {
  return volumeInformation(storeVolume(store, volumeSerial), infoClass);
}

/** Owner Administrators, group SYSTEM; Everyone may read and execute, Administrators and SYSTEM do all. */
export function securityDescriptor(isDirectory: boolean, additionalInformation: number): Buffer {
  const flags = isDirectory ? INHERIT_FLAGS : 0;
  const sd: SecurityDescriptor = {
    ...((additionalInformation & SecurityInformation.OWNER_SECURITY_INFORMATION) !== 0 && {
      owner: WellKnownSid.BUILTIN_ADMINISTRATORS,
    }),
    ...((additionalInformation & SecurityInformation.GROUP_SECURITY_INFORMATION) !== 0 && {
      group: WellKnownSid.LOCAL_SYSTEM,
    }),
    ...((additionalInformation & SecurityInformation.DACL_SECURITY_INFORMATION) !== 0 && {
      dacl: [
        { sid: WellKnownSid.EVERYONE, mask: FILE_GENERIC_READ_EXECUTE, flags },
        { sid: WellKnownSid.BUILTIN_ADMINISTRATORS, mask: FILE_ALL_ACCESS, flags },
        { sid: WellKnownSid.LOCAL_SYSTEM, mask: FILE_ALL_ACCESS, flags },
      ],
    }),
  };
  return encodeSecurityDescriptor(sd);
}
