/**
 * An RpcPipeTransport over a NamedPipeInstance (lib/common/named-pipe.ts) opened in process: the
 * same message-mode semantics the SMB2 IPC$ share gives a remote client (a read returns at most
 * one message; the rest of a larger message waits for the next read), without a socket. Used when
 * the print server runs in the same process, and by the tests of the RPC client.
 */
import { NtStatusError } from '../../common/errors';
import type { NamedPipeInstance } from '../../common/named-pipe';
import { NtStatus } from '../../common/status/ntstatus';
import type { RpcPipeTransport } from './rpc-client';

export function createPipeInstanceTransport(pipe: NamedPipeInstance): RpcPipeTransport {
  let closed = false;
  const read = (max: number): Buffer => {
    if (closed) throw new NtStatusError(NtStatus.STATUS_PIPE_DISCONNECTED);
    return pipe.read(max).data;
  };
  return {
    async transceive(data, maxOutput = 0xffff) {
      if (closed) throw new NtStatusError(NtStatus.STATUS_PIPE_DISCONNECTED);
      await pipe.write(data);
      return read(maxOutput);
    },
    async write(data) {
      if (closed) throw new NtStatusError(NtStatus.STATUS_PIPE_DISCONNECTED);
      await pipe.write(data);
    },
    read(max) {
      return Promise.resolve(read(max));
    },
    close() {
      if (!closed) {
        closed = true;
        pipe.close();
      }
      return Promise.resolve();
    },
  };
}
