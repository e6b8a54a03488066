/**
 * What a print job handle on a printer share answers — [MS-FSCC] 2.4 (file information classes),
 * 2.5 (file system information classes) and [MS-DTYP] 2.4.6 (security descriptor). On Windows a
 * job arrives as a file in spool\PRINTERS, and Samba spools it to a file in the share's folder, so
 * both answer these classes like any file's; so do we: the job's size so far, its document name,
 * and the volume of the spool folder (labelled with the share's name, as PRINT$ is).
 */
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { FILE_GENERIC_READ_EXECUTE, FileInformationClass, SecurityInformation } from '../../constants';
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
import { WellKnownSid, encodeSecurityDescriptor } from '../../messages/security-descriptor';
import type { InfoOutput } from '../open';
import { shortNameOf } from './short-name';
import type { Volume } from './volume-information';

const FILE_ALL_ACCESS = 0x001f01ff;
/** sizeof(FILE_ALL_INFORMATION) and sizeof(FILE_NAME_INFORMATION) on Windows. */
const FILE_ALL_INFORMATION_SIZE = 104;
const FILE_NAME_INFORMATION_SIZE = 8;
/** sizeof(FILE_STREAM_INFORMATION): 24 bytes of fields and the name's first WCHAR, padded to 8. */
const FILE_STREAM_INFORMATION_SIZE = 32;
/** [MS-FSCC] 2.4.9 COMPRESSION_FORMAT_NONE. */
const COMPRESSION_FORMAT_NONE = 0;

/** The job as its handle shows it. */
export interface PrintJobFile {
  /** The document name, as the client created it. */
  readonly name: string;
  readonly jobId: number;
  readonly grantedAccess: number;
  /** Bytes written so far. */
  readonly written: bigint;
  readonly basics: FileBasics;
}

function info(encode: (w: BufferWriter) => void, minimumSize?: number): InfoOutput {
  const w = new BufferWriter(128);
  encode(w);
  const data = w.finish();
  return { data, minimumSize: minimumSize ?? data.length };
}

/** A file information class of the job's spool file; undefined for a class it does not answer. */
export function printJobFileInformation(job: PrintJobFile, infoClass: number): InfoOutput | undefined {
  const b = job.basics;
  const indexNumber = BigInt(job.jobId);
  switch (infoClass) {
    case FileInformationClass.FileBasicInformation:
      return info((w) => encodeFileBasicInformation(w, b));
    case FileInformationClass.FileStandardInformation:
      return info((w) => encodeFileStandardInformation(w, { ...b, isDirectory: false }));
    case FileInformationClass.FileInternalInformation:
      return info((w) => encodeFileInternalInformation(w, indexNumber));
    case FileInformationClass.FileEaInformation:
      return info((w) => encodeFileEaInformation(w, 0));
    case FileInformationClass.FileAccessInformation:
      return info((w) => w.u32(job.grantedAccess));
    case FileInformationClass.FilePositionInformation:
      // Jobs are written as a stream: the position is where the next bytes go.
      return info((w) => w.u64(job.written));
    case FileInformationClass.FileModeInformation:
    case FileInformationClass.FileAlignmentInformation:
      return info((w) => w.u32(0));
    case FileInformationClass.FileNetworkOpenInformation:
      return info((w) => encodeFileNetworkOpenInformation(w, b));
    case FileInformationClass.FileAttributeTagInformation:
      return info((w) => encodeFileAttributeTagInformation(w, b.fileAttributes));
    case FileInformationClass.FileNameInformation:
      return info((w) => {
        const n = Buffer.from(`\\${job.name}`, 'utf16le');
        w.u32(n.length).bytes(n);
      }, FILE_NAME_INFORMATION_SIZE);
    case FileInformationClass.FileAlternateNameInformation:
      return info((w) => {
        const n = Buffer.from(shortNameOf(job.name), 'utf16le');
        w.u32(n.length).bytes(n);
      }, FILE_NAME_INFORMATION_SIZE);
    case FileInformationClass.FileStreamInformation:
      return info(
        (w) =>
          encodeFileStreamInformation(w, [{ name: '::$DATA', size: b.endOfFile, allocationSize: b.allocationSize }]),
        FILE_STREAM_INFORMATION_SIZE,
      );
    case FileInformationClass.FileCompressionInformation:
      // [MS-FSCC] 2.4.9: CompressedFileSize 8 | CompressionFormat 2 | CompressionUnitShift 1 | ChunkShift 1 | ClusterShift 1 | Reserved 3.
      return info((w) => w.u64(b.endOfFile).u16(COMPRESSION_FORMAT_NONE).u8(0).u8(0).u8(0).zeros(3));
    case FileInformationClass.FileAllInformation:
      return info(
        (w) =>
          encodeFileAllInformation(w, {
            basics: b,
            isDirectory: false,
            indexNumber,
            accessFlags: job.grantedAccess,
            currentByteOffset: job.written,
            mode: 0,
            fileName: `\\${job.name}`,
          }),
        FILE_ALL_INFORMATION_SIZE,
      );
    default:
      return undefined;
  }
}

/** The spool folder's volume as a printer share shows it. */
export function spoolVolume(shareName: string, serialNumber: number, spoolFolder: string): Volume {
  const objectId = Buffer.alloc(16);
  objectId.write(shareName.slice(0, 12), 'latin1');
  objectId.writeUInt32LE(serialNumber, 12);
  return {
    label: shareName,
    serialNumber,
    root: spoolFolder,
    readOnly: false,
    objectId,
    creationTime: () => Promise.resolve(new Date(0)),
  };
}

/** A spool file's descriptor: owned by Administrators; Administrators and SYSTEM do all, Users read. */
export function printJobSecurityDescriptor(additionalInformation: number): Buffer {
  const has = (bit: number): boolean => (additionalInformation & bit) !== 0;
  return encodeSecurityDescriptor({
    ...(has(SecurityInformation.OWNER_SECURITY_INFORMATION) && { owner: WellKnownSid.BUILTIN_ADMINISTRATORS }),
    ...(has(SecurityInformation.GROUP_SECURITY_INFORMATION) && { group: WellKnownSid.LOCAL_SYSTEM }),
    ...(has(SecurityInformation.DACL_SECURITY_INFORMATION) && {
      dacl: [
        { sid: WellKnownSid.BUILTIN_ADMINISTRATORS, mask: FILE_ALL_ACCESS, flags: 0 },
        { sid: WellKnownSid.LOCAL_SYSTEM, mask: FILE_ALL_ACCESS, flags: 0 },
        { sid: WellKnownSid.BUILTIN_USERS, mask: FILE_GENERIC_READ_EXECUTE, flags: 0 },
      ],
    }),
  });
}
