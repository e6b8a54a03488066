/**
 * File system information classes — [MS-FSCC] 2.5 — of the volume a share lives on, for any
 * handle on it: PRINT$ files (the read-only drivers store) and print job handles on printer shares
 * (the spool folder's volume, as on Windows where a job is a file in spool\PRINTERS).
 *
 * A buffer smaller than the class's C structure on Windows (sizeof, padding included: 24 bytes
 * for FILE_FS_VOLUME_INFORMATION although its fixed fields end at 18) is
 * STATUS_INFO_LENGTH_MISMATCH; a label or name that does not fit is cut, STATUS_BUFFER_OVERFLOW
 * (query-info.ts). smbtorture's smb2.getinfo.qfs_buffercheck checks both against those sizes.
 *
 *   class                          fixed  sizeof
 *   FileFsVolumeInformation    1     18     24   creation time, serial, label
 *   FileFsSizeInformation      3     24     24
 *   FileFsDeviceInformation    4      8      8
 *   FileFsAttributeInformation 5     12     16   attributes, name length, "NTFS"
 *   FileFsControlInformation   6     48     48   quotas: none tracked
 *   FileFsFullSizeInformation  7     32     32
 *   FileFsObjectIdInformation  8     64     64
 *   FileFsSectorSizeInformation 11   28     28
 */
import * as fs from 'node:fs';
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { dateToFiletime } from '../../../common/binary/filetime';
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { FILE_DEVICE_DISK, FILE_DEVICE_IS_MOUNTED, FileSystemAttributes, FsInformationClass } from '../../constants';
import {
  encodeFileFsAttributeInformation,
  encodeFileFsControlInformation,
  encodeFileFsDeviceInformation,
  encodeFileFsFullSizeInformation,
  encodeFileFsObjectIdInformation,
  encodeFileFsSectorSizeInformation,
  encodeFileFsSizeInformation,
  encodeFileFsVolumeInformation,
} from '../../messages/file-information';
import type { InfoOutput } from '../open';

const BYTES_PER_SECTOR = 512;
/** [MS-FSCC] 2.5.1 FILE_READ_ONLY_DEVICE in FileFsDeviceInformation Characteristics. */
const FILE_READ_ONLY_DEVICE = 0x00000002;
/** No quota limit ([MS-FSCC] 2.5.2: quotas are not tracked on this volume). */
const NO_QUOTA_LIMIT = 0xffffffffffffffffn;

/** What a share's volume looks like to a client. */
export interface Volume {
  /** The label (Samba and we use the share name). */
  readonly label: string;
  readonly serialNumber: number;
  /** A folder on the file system whose sizes the volume reports. */
  readonly root: string;
  readonly readOnly: boolean;
  /** FileFsObjectIdInformation.ObjectId: 16 bytes that name the volume. */
  readonly objectId: Buffer;
  /** When the volume was created (its root folder's birth time). */
  creationTime(): Promise<Date>;
}

function info(minimumSize: number, encode: (w: BufferWriter) => void): InfoOutput {
  const w = new BufferWriter(64);
  encode(w);
  return { data: w.finish(), minimumSize };
}

/** The file system information class `infoClass` of `volume`; STATUS_INVALID_INFO_CLASS for any other. */
export async function volumeInformation(volume: Volume, infoClass: number): Promise<InfoOutput> {
  switch (infoClass) {
    case FsInformationClass.FileFsVolumeInformation: {
      const created = dateToFiletime(await volume.creationTime());
      // DEVIATION: the volume is labelled with the share name, as Samba does: Samba's client
      // refuses a FileFsVolumeInformation shorter than 24 bytes, which an empty label gives.
      return info(24, (w) => encodeFileFsVolumeInformation(w, created, volume.serialNumber, volume.label));
    }
    case FsInformationClass.FileFsSizeInformation:
    case FsInformationClass.FileFsFullSizeInformation: {
      const s = await fs.promises.statfs(volume.root);
      const size = {
        totalAllocationUnits: BigInt(s.blocks),
        availableAllocationUnits: BigInt(s.bavail),
        sectorsPerAllocationUnit: Math.max(1, Math.floor(s.bsize / BYTES_PER_SECTOR)),
        bytesPerSector: BYTES_PER_SECTOR,
      };
      return infoClass === FsInformationClass.FileFsSizeInformation
        ? info(24, (w) => encodeFileFsSizeInformation(w, size))
        : info(32, (w) => encodeFileFsFullSizeInformation(w, size));
    }
    case FsInformationClass.FileFsDeviceInformation:
      return info(8, (w) =>
        encodeFileFsDeviceInformation(
          w,
          FILE_DEVICE_DISK,
          FILE_DEVICE_IS_MOUNTED | (volume.readOnly ? FILE_READ_ONLY_DEVICE : 0),
        ),
      );
    case FsInformationClass.FileFsAttributeInformation:
      return info(16, (w) =>
        encodeFileFsAttributeInformation(
          w,
          FileSystemAttributes.FILE_CASE_PRESERVED_NAMES |
            FileSystemAttributes.FILE_UNICODE_ON_DISK |
            FileSystemAttributes.FILE_PERSISTENT_ACLS |
            (volume.readOnly ? FileSystemAttributes.FILE_READ_ONLY_VOLUME : 0),
          255,
          'NTFS',
        ),
      );
    case FsInformationClass.FileFsControlInformation:
      return info(48, (w) =>
        encodeFileFsControlInformation(w, {
          defaultQuotaThreshold: NO_QUOTA_LIMIT,
          defaultQuotaLimit: NO_QUOTA_LIMIT,
          flags: 0,
        }),
      );
    case FsInformationClass.FileFsObjectIdInformation:
      return info(64, (w) => encodeFileFsObjectIdInformation(w, volume.objectId));
    case FsInformationClass.FileFsSectorSizeInformation:
      return info(28, (w) => encodeFileFsSectorSizeInformation(w, BYTES_PER_SECTOR));
    default:
      throw new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS);
  }
}
