/**
 * IPC$ — the named-pipe share ([MS-SMB2] 3.3.5.9: CREATE on a pipe share opens a pipe by its
 * bare name, e.g. "spoolss"). The pipes themselves are served through NamedPipeProvider.
 */
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { NtStatusError } from '../../../common/errors';
import type { NamedPipeInstance, NamedPipeProvider } from '../../../common/named-pipe';
import { NtStatus } from '../../../common/status/ntstatus';
import {
  CreateAction,
  FILE_DEVICE_NAMED_PIPE,
  FileAttributes,
  FileInformationClass,
  FsInformationClass,
  FsctlCode,
  Smb2ShareFlags,
  Smb2ShareType,
} from '../../constants';
import type { CreateRequest } from '../../messages/create';
import type { FileBasics } from '../../messages/file-information';
import {
  encodeFileBasicInformation,
  encodeFileFsDeviceInformation,
  encodeFilePipeInformation,
  encodeFilePipeLocalInformation,
  encodeFileStandardInformation,
} from '../../messages/file-information';
import type { InfoOutput, IoOutput } from '../open';
import { Open } from '../open';
import type { CreateResult, Share, ShareRequestContext } from './share';
import { ShareTypeSrvsvc } from './share';

/** [MS-FSCC] 2.4.34/2.4.35 pipe values. */
const FILE_PIPE_MESSAGE_MODE = 1;
const FILE_PIPE_QUEUE_OPERATION = 0;
const FILE_PIPE_MESSAGE_TYPE = 1;
const FILE_PIPE_FULL_DUPLEX = 2;
const FILE_PIPE_CONNECTED_STATE = 3;
const FILE_PIPE_SERVER_END = 1;
const PIPE_QUOTA = 4096;

function info(encode: (w: BufferWriter) => void, minimumSize?: number): InfoOutput {
  const w = new BufferWriter(64);
  encode(w);
  const data = w.finish();
  return { data, minimumSize: minimumSize ?? data.length };
}

export class PipeOpen extends Open {
  readonly isDirectory = false;
  private closed = false;

  constructor(
    name: string,
    grantedAccess: number,
    private readonly pipe: NamedPipeInstance,
  ) {
    super(name, grantedAccess);
  }

  basics(): FileBasics {
    return {
      creationTime: 0n,
      lastAccessTime: 0n,
      lastWriteTime: 0n,
      changeTime: 0n,
      endOfFile: 0n,
      allocationSize: BigInt(PIPE_QUOTA),
      fileAttributes: FileAttributes.FILE_ATTRIBUTE_NORMAL,
    };
  }

  override read(_offset: number, length: number): Promise<IoOutput> {
    if (!this.pipe.hasOutput)
      return Promise.reject(new NtStatusError(NtStatus.STATUS_PIPE_EMPTY, 'nothing written to read back'));
    const out = this.pipe.read(length);
    return Promise.resolve({
      data: out.data,
      status: out.more ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS,
    });
  }

  override async write(_offset: bigint, data: Buffer): Promise<number> {
    await this.pipe.write(data);
    return data.length;
  }

  override async fsctl(ctlCode: number, input: Buffer, maxOutput: number): Promise<IoOutput> {
    if (ctlCode !== FsctlCode.FSCTL_PIPE_TRANSCEIVE) throw new NtStatusError(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
    // [MS-FSCC] 2.3.49: the pipe must hold no unread data when a transceive starts.
    if (this.pipe.hasOutput)
      throw new NtStatusError(NtStatus.STATUS_PIPE_BUSY, 'unread data before FSCTL_PIPE_TRANSCEIVE');
    await this.pipe.write(input);
    if (!this.pipe.hasOutput) return { data: Buffer.alloc(0), status: NtStatus.STATUS_SUCCESS };
    const out = this.pipe.read(maxOutput);
    return { data: out.data, status: out.more ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS };
  }

  override queryFileInfo(infoClass: number): Promise<InfoOutput> {
    switch (infoClass) {
      case FileInformationClass.FileStandardInformation:
        // Windows reports a pipe as a 4096-byte allocation, empty, delete-pending file.
        return Promise.resolve(
          info((w) => encodeFileStandardInformation(w, { ...this.basics(), isDirectory: false, deletePending: true })),
        );
      case FileInformationClass.FileBasicInformation:
        return Promise.resolve(info((w) => encodeFileBasicInformation(w, this.basics())));
      case FileInformationClass.FilePipeInformation:
        return Promise.resolve(
          info((w) => encodeFilePipeInformation(w, FILE_PIPE_MESSAGE_MODE, FILE_PIPE_QUEUE_OPERATION)),
        );
      case FileInformationClass.FilePipeLocalInformation:
        return Promise.resolve(
          info((w) =>
            encodeFilePipeLocalInformation(w, {
              namedPipeType: FILE_PIPE_MESSAGE_TYPE,
              namedPipeConfiguration: FILE_PIPE_FULL_DUPLEX,
              maximumInstances: 0xffffffff,
              currentInstances: 1,
              inboundQuota: PIPE_QUOTA,
              readDataAvailable: 0,
              outboundQuota: PIPE_QUOTA,
              writeQuotaAvailable: PIPE_QUOTA,
              namedPipeState: FILE_PIPE_CONNECTED_STATE,
              namedPipeEnd: FILE_PIPE_SERVER_END,
            }),
          ),
        );
      default:
        return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS));
    }
  }

  override queryFsInfo(infoClass: number): Promise<InfoOutput> {
    if (infoClass === FsInformationClass.FileFsDeviceInformation) {
      return Promise.resolve(info((w) => encodeFileFsDeviceInformation(w, FILE_DEVICE_NAMED_PIPE, 0)));
    }
    return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS));
  }

  override close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.pipe.close();
    }
    return Promise.resolve();
  }
}

export class IpcShare implements Share {
  readonly name = 'IPC$';
  readonly shareType = Smb2ShareType.SMB2_SHARE_TYPE_PIPE;
  readonly shareFlags = Smb2ShareFlags.SMB2_SHAREFLAG_NO_CACHING;
  readonly maximalAccess = 0x001f01ff;
  readonly netShareType = ShareTypeSrvsvc.STYPE_IPC | ShareTypeSrvsvc.STYPE_SPECIAL;
  readonly comment: string;

  constructor(
    private readonly pipes: NamedPipeProvider | undefined,
    comment = 'Remote IPC',
  ) {
    this.comment = comment;
  }

  create(request: CreateRequest, context: ShareRequestContext): Promise<CreateResult> {
    // Clients send the bare pipe name; some prefix it with "\pipe\" or a backslash.
    const name = request.name.replace(/^\\+/, '').replace(/^pipe\\/i, '');
    const instance = this.pipes?.open(name, context.user, {
      connectionId: context.connectionId,
      serverName: context.serverName,
    });
    if (instance === undefined) {
      return Promise.reject(new NtStatusError(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, `no pipe "${request.name}"`));
    }
    return Promise.resolve({
      open: new PipeOpen(name, request.desiredAccess, instance),
      createAction: CreateAction.FILE_OPENED,
    });
  }
}
