/**
 * The named-pipe contract between the SMB2 server (IPC$) and whatever serves a pipe
 * (lib/rpc's DCE/RPC endpoints for `spoolss` and `srvsvc`). Neither side imports the other:
 * the composition root hands the SMB2 server a NamedPipeProvider.
 *
 * Pipes are message-mode, as Windows' RPC pipes are: a read returns at most one message; when the
 * message is larger than the read, the rest stays for the next read and `more` is set (the SMB2
 * layer answers STATUS_BUFFER_OVERFLOW, as Windows does).
 */
import type { AuthenticatedUser } from './identity';

export interface PipeRead {
  readonly data: Buffer;
  /** More of the same message is waiting. */
  readonly more: boolean;
}

export interface NamedPipeInstance {
  /** Bytes the client wrote (SMB2 WRITE, or the input of FSCTL_PIPE_TRANSCEIVE). */
  write(data: Buffer): Promise<void>;
  /** Up to `max` bytes of pending output; an empty buffer when nothing is pending. */
  read(max: number): PipeRead;
  /** Whether output is pending (for a READ that must wait or fail with STATUS_PIPE_EMPTY). */
  readonly hasOutput: boolean;
  close(): void;
}

export interface NamedPipeProvider {
  /** Pipe names without `\pipe\`, case-insensitive ("spoolss", "srvsvc"). */
  readonly pipeNames: readonly string[];
  /** Undefined when no such pipe exists (STATUS_OBJECT_NAME_NOT_FOUND). */
  open(
    pipeName: string,
    user: AuthenticatedUser,
    context: { readonly connectionId: string; readonly serverName: string },
  ): NamedPipeInstance | undefined;
}
