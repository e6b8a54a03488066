/**
 * READ — [MS-SMB2] 3.3.5.12: a range of a file (never the whole file in memory: at most
 * MaxReadSize per request), or the next message of a pipe (STATUS_BUFFER_OVERFLOW when it
 * continues). Reads at or past the end are STATUS_END_OF_FILE; fewer bytes than MinimumCount too.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import {
  READ_RESPONSE_DATA_OFFSET,
  decodeReadRequest,
  encodeReadResponse,
  writeReadResponseFixedPart,
} from '../../messages/read';
import { checkCreditCharge } from './credit-charge';
import type { HandlerResponse, RequestContext } from './handler';
import type { HeadroomRead } from '../open';

export async function handleRead(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeReadRequest(ctx.body);
  const open = ctx.findOpen(request.fileId);
  const max = ctx.connection.maxReadSize;
  if (request.length > max)
    throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `READ of ${request.length} > MaxReadSize ${max}`);
  checkCreditCharge(ctx, request.length);
  if (request.offset > BigInt(Number.MAX_SAFE_INTEGER)) throw new NtStatusError(NtStatus.STATUS_END_OF_FILE);
  if (request.length === 0) {
    return {
      status: NtStatus.STATUS_SUCCESS,
      encodeBody: (w, base) => encodeReadResponse(w, base, { data: Buffer.alloc(0), dataRemaining: 0 }),
    };
  }
  // The data lands after room for the header and the fixed part: the response is sent from this
  // buffer, taken from the connection's pool; the connection gives it back once it is written.
  const pool = ctx.connection.responseBuffers;
  let taken: Buffer | undefined;
  const take = (size: number): Buffer => {
    taken = pool.take(size);
    return taken;
  };
  const offset = Number(request.offset);
  if (ctx.streamable === true) {
    const streamed = await open.readStreamed(
      offset,
      request.length,
      request.minimumCount,
      READ_RESPONSE_DATA_OFFSET,
      take,
    );
    if (streamed !== undefined) {
      writeReadResponseFixedPart(streamed.buffer, 0);
      return {
        status: NtStatus.STATUS_SUCCESS,
        encodeBody: () => undefined,
        message: streamed.buffer,
        slices: streamed.slices,
      };
    }
  }
  let out: HeadroomRead;
  try {
    out = await open.readWithHeadroom(offset, request.length, READ_RESPONSE_DATA_OFFSET, take);
    if (out.buffer.length - READ_RESPONSE_DATA_OFFSET < request.minimumCount)
      throw new NtStatusError(NtStatus.STATUS_END_OF_FILE, 'fewer bytes than MinimumCount');
  } catch (err) {
    if (taken !== undefined) pool.give(taken);
    throw err;
  }
  if (out.buffer.length === READ_RESPONSE_DATA_OFFSET) {
    pool.give(out.buffer);
    return {
      status: out.status,
      encodeBody: (w, base) => encodeReadResponse(w, base, { data: Buffer.alloc(0), dataRemaining: 0 }),
    };
  }
  writeReadResponseFixedPart(out.buffer, 0);
  return { status: out.status, encodeBody: () => undefined, message: out.buffer };
}
