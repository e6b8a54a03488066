/**
 * A named pipe opened on IPC$ — [MS-SMB2] 2.2.31 IOCTL with [MS-FSCC] 2.3.49
 * FSCTL_PIPE_TRANSCEIVE (write one message, read the answer in one IOCTL), and WRITE / READ.
 * Pipes are message-mode: when the answer is longer than MaxOutputResponse (or the READ), the
 * server returns STATUS_BUFFER_OVERFLOW with the first part and the rest is READ.
 */
import { NtStatus } from '../../common/status/ntstatus';
import { FsctlCode, SMB2_0_IOCTL_IS_FSCTL, Smb2Command } from '../constants';
import type { FileId } from '../messages/common';
import { decodeIoctlResponse, encodeIoctlRequest } from '../messages/ioctl';
import { decodeWriteResponse, encodeWriteRequest } from '../messages/write';
import { bodyReader, decodeOrThrow } from './client-messages';
import { Smb2ProtocolError } from './client-errors';
import type { Smb2IoLimits } from './io-limits';
import { expectStatus } from './status';
import type { TreeIo } from './tree-io';

/** The most one pipe message may grow to while READing its continuation. */
const MAX_PIPE_MESSAGE = 16 * 1024 * 1024;
const PIPE_READ_SIZE = 65536;

export class Smb2Pipe {
  private closed = false;

  constructor(
    private readonly tree: TreeIo,
    readonly name: string,
    readonly fileId: FileId,
    private readonly limits: Smb2IoLimits,
  ) {}

  /** FSCTL_PIPE_TRANSCEIVE; when the server answers STATUS_BUFFER_OVERFLOW, READs the rest of the message and returns it whole. */
  async transceive(data: Buffer, maxOutput = Math.min(PIPE_READ_SIZE, this.limits.maxTransactSize)): Promise<Buffer> {
    if (data.length > this.limits.maxTransactSize)
      throw new RangeError(`${data.length} bytes exceed MaxTransactSize ${this.limits.maxTransactSize}`);
    const maxOutputResponse = Math.max(1, Math.min(maxOutput, this.limits.maxTransactSize));
    const response = await this.tree.call({
      command: Smb2Command.IOCTL,
      payloadSize: Math.max(data.length, maxOutputResponse),
      encodeBody: (w, base) =>
        encodeIoctlRequest(w, base, {
          ctlCode: FsctlCode.FSCTL_PIPE_TRANSCEIVE,
          fileId: this.fileId,
          input: data,
          maxInputResponse: 0,
          maxOutputResponse,
          flags: SMB2_0_IOCTL_IS_FSCTL,
        }),
    });
    const status = expectStatus(response, `FSCTL_PIPE_TRANSCEIVE on ${this.name}`, [
      NtStatus.STATUS_SUCCESS,
      NtStatus.STATUS_BUFFER_OVERFLOW,
    ]);
    const { output } = decodeOrThrow('IOCTL response', () => decodeIoctlResponse(bodyReader(response), 0));
    if (output.length > maxOutputResponse)
      throw new Smb2ProtocolError(`IOCTL returned ${output.length} bytes for ${maxOutputResponse}`);
    if (status === NtStatus.STATUS_SUCCESS) return output;
    const parts = [output];
    let total = output.length;
    for (let more = true; more;) {
      const next = await this.tree.readOnce(this.fileId, 0, Math.min(PIPE_READ_SIZE, this.limits.maxReadSize));
      if (next.data.length === 0 && next.more)
        throw new Smb2ProtocolError('pipe READ returned nothing but announced more');
      if (next.data.length === 0) break;
      parts.push(next.data);
      total += next.data.length;
      if (total > MAX_PIPE_MESSAGE) throw new Smb2ProtocolError(`pipe message over ${MAX_PIPE_MESSAGE} bytes`);
      more = next.more;
    }
    return Buffer.concat(parts);
  }

  /** WRITE of a whole message (split at MaxWriteSize). */
  async write(data: Buffer): Promise<void> {
    for (let at = 0; at < data.length || (at === 0 && data.length === 0);) {
      const part = data.subarray(at, at + this.limits.maxWriteSize);
      const response = await this.tree.call({
        command: Smb2Command.WRITE,
        payloadSize: part.length,
        encodeBody: (w, base) =>
          encodeWriteRequest(w, base, {
            offset: 0n,
            fileId: this.fileId,
            channel: 0,
            remainingBytes: 0,
            flags: 0,
            data: part,
          }),
      });
      expectStatus(response, `on ${this.name}`);
      const { count } = decodeOrThrow('WRITE response', () => decodeWriteResponse(bodyReader(response)));
      if (count !== part.length)
        throw new Smb2ProtocolError(`WRITE of ${part.length} bytes on ${this.name} took ${count}`);
      at += part.length;
      if (data.length === 0) break;
    }
  }

  /** One READ of at most `max` bytes; a message longer than `max` continues on the next read. */
  async read(max: number): Promise<Buffer> {
    const { data } = await this.tree.readOnce(this.fileId, 0, Math.max(1, Math.min(max, this.limits.maxReadSize)));
    return data;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tree.closeFile(this.fileId);
  }
}
