/**
 * A printer share (SMB2_SHARE_TYPE_PRINT, srvsvc STYPE_PRINTQ): CREATE starts a print job with the
 * created name as the document name, WRITE appends bytes, CLOSE queues it ([MS-SMB2] 3.3.5.9,
 * 3.3.5.13). The spooler side is a PrintQueueSink. The job's handle answers file, volume and
 * security queries as a spool file's (print-job-information.ts).
 */
import { NtStatusError } from '../../../common/errors';
import type { PrintJobWriter, PrintQueueSink } from '../../../spoolss/print-queue-sink';
import { NtStatus } from '../../../common/status/ntstatus';
import { CreateAction, FileAttributes, Smb2ShareFlags, Smb2ShareType } from '../../constants';
import type { CreateRequest } from '../../messages/create';
import type { FileBasics } from '../../messages/file-information';
import type { InfoOutput } from '../open';
import { Open } from '../open';
import { printJobFileInformation, printJobSecurityDescriptor, spoolVolume } from './print-job-information';
import { volumeInformation, type Volume } from './volume-information';
import type { CreateResult, Share, ShareRequestContext } from './share';
import { ShareTypeSrvsvc } from './share';

/** The document name Windows gives a job that arrives without one. */
const DEFAULT_DOCUMENT_NAME = 'Remote Downlevel Document';

export class PrintJobOpen extends Open {
  readonly isDirectory = false;
  private written = 0n;
  private finished = false;

  constructor(
    name: string,
    grantedAccess: number,
    private readonly job: PrintJobWriter,
    private readonly volume?: Volume,
  ) {
    super(name, grantedAccess);
  }

  override queryFileInfo(infoClass: number): Promise<InfoOutput> {
    const file = { name: this.name, jobId: this.job.jobId, grantedAccess: this.grantedAccess, written: this.written };
    const out = printJobFileInformation({ ...file, basics: this.basics() }, infoClass);
    return out === undefined
      ? Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS))
      : Promise.resolve(out);
  }

  override queryFsInfo(infoClass: number): Promise<InfoOutput> {
    if (this.volume === undefined) return super.queryFsInfo(infoClass);
    return volumeInformation(this.volume, infoClass);
  }

  override querySecurity(additionalInformation: number): Promise<Buffer> {
    return Promise.resolve(printJobSecurityDescriptor(additionalInformation));
  }

  basics(): FileBasics {
    return {
      creationTime: 0n,
      lastAccessTime: 0n,
      lastWriteTime: 0n,
      changeTime: 0n,
      endOfFile: this.written,
      allocationSize: this.written,
      // A new spool file on NTFS, as Windows and Samba create it: archive bit set.
      fileAttributes: FileAttributes.FILE_ATTRIBUTE_ARCHIVE,
    };
  }

  override async write(_offset: bigint, data: Buffer): Promise<number> {
    if (this.finished) throw new NtStatusError(NtStatus.STATUS_FILE_CLOSED);
    // A spool file is a stream: the bytes go to the job in arrival order.
    await this.job.write(data);
    this.written += BigInt(data.length);
    return data.length;
  }

  override async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.job.commit();
  }

  override async abandon(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.job.abort();
  }
}

export class PrintQueueShare implements Share {
  readonly shareType = Smb2ShareType.SMB2_SHARE_TYPE_PRINT;
  readonly shareFlags = Smb2ShareFlags.SMB2_SHAREFLAG_MANUAL_CACHING;
  readonly maximalAccess = 0x001f01ff;
  readonly netShareType = ShareTypeSrvsvc.STYPE_PRINTQ;

  private readonly volume: Volume | undefined;

  constructor(
    readonly name: string,
    private readonly sink: PrintQueueSink,
    readonly comment = '',
    /** Where jobs are spooled, and the volume's serial number: what volume queries describe. */
    spool?: { readonly folder: string; readonly serialNumber: number },
  ) {
    this.volume = spool === undefined ? undefined : spoolVolume(name, spool.serialNumber, spool.folder);
  }

  async create(request: CreateRequest, context: ShareRequestContext): Promise<CreateResult> {
    const documentName = request.name.replace(/^.*\\/, '') || DEFAULT_DOCUMENT_NAME;
    const job = await this.sink.startJob(this.name, documentName, context.user, context.clientName);
    return {
      open: new PrintJobOpen(documentName, request.desiredAccess, job, this.volume),
      createAction: CreateAction.FILE_CREATED,
    };
  }
}
