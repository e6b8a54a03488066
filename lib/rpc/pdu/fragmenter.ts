/**
 * One call's stub cut into request or response PDUs — C706 12.6.3.7 (fragmentation): the first
 * PDU carries PFC_FIRST_FRAG, the last PFC_LAST_FRAG (one PDU carries both); alloc_hint is the
 * stub still to come; every fragment's stub but the last is a multiple of 8 bytes, so NDR
 * alignment, counted on the reassembled stub, holds across the cut.
 *
 * The sizes are those negotiated at bind (C706 12.6.4.3-4: bind and bind_ack carry max_xmit_frag
 * and max_recv_frag): each side sends PDUs no larger than the other receives. Client and server
 * negotiate and cut the same way. On an authenticated connection each fragment also carries its
 * auth pad, sec_trailer and token ([MS-RPCE] 2.2.2.11), so the caller gives the stub room the
 * security context leaves (RpcSecurityContext.maxStubLength). Pure: no I/O.
 *
 *   request PDU:  common header (16) | alloc_hint, p_cont_id, opnum (8) | [object UUID (16)] | stub
 *   response PDU: common header (16) | alloc_hint, p_cont_id, cancel_count, reserved (8) | stub
 */
import { PfcFlags, REQUEST_HEADER_LENGTH, RESPONSE_HEADER_LENGTH } from '../constants';
import { encodeRequest, encodeResponse } from './request';

const OBJECT_UUID_LENGTH = 16;

export interface FragSizes {
  /** The largest PDU this side sends. */
  readonly maxXmitFrag: number;
  /** The largest PDU this side accepts. */
  readonly maxRecvFrag: number;
}

/**
 * One side's sizes once the peer has said its own (in the bind, or the bind_ack): it sends no more
 * than the peer receives, and expects no more than the peer sends.
 */
export function negotiateFragSizes(ours: FragSizes, peer: FragSizes): FragSizes {
  return {
    maxXmitFrag: Math.min(ours.maxXmitFrag, peer.maxRecvFrag),
    maxRecvFrag: Math.min(ours.maxRecvFrag, peer.maxXmitFrag),
  };
}

export interface StubFragment {
  readonly flags: number;
  readonly allocHint: number;
  readonly stub: Buffer;
}

/**
 * The fragments of `stub` for PDUs of at most `maxFrag` bytes after a `headerLength`-byte header,
 * or of at most `maxStub` stub bytes each when given (the room an auth verifier leaves).
 */
export function fragmentStub(stub: Buffer, maxFrag: number, headerLength: number, maxStub?: number): StubFragment[] {
  const room = Math.max(8, Math.floor((maxStub ?? maxFrag - headerLength) / 8) * 8);
  const out: StubFragment[] = [];
  let at = 0;
  do {
    const size = Math.min(room, stub.length - at);
    let flags = 0;
    if (at === 0) flags |= PfcFlags.PFC_FIRST_FRAG;
    if (at + size >= stub.length) flags |= PfcFlags.PFC_LAST_FRAG;
    out.push({ flags, allocHint: stub.length - at, stub: stub.subarray(at, at + size) });
    at += size;
  } while (at < stub.length);
  return out;
}

/** The PDUs of one association, cut to its negotiated max_xmit_frag. */
export class Fragmenter {
  constructor(readonly sizes: FragSizes) {}

  /** A call's request PDUs (the client's side). */
  requests(
    call: { readonly callId: number; readonly contextId: number; readonly opnum: number; readonly objectUuid?: string },
    stub: Buffer,
    maxStub?: (headerLength: number) => number,
  ): Buffer[] {
    const header = REQUEST_HEADER_LENGTH + (call.objectUuid === undefined ? 0 : OBJECT_UUID_LENGTH);
    return fragmentStub(stub, this.sizes.maxXmitFrag, header, maxStub?.(header)).map((f) =>
      encodeRequest({ ...call, flags: f.flags, allocHint: f.allocHint, stub: f.stub }),
    );
  }

  /** A call's response PDUs (the server's side). */
  responses(
    call: { readonly callId: number; readonly contextId: number },
    stub: Buffer,
    maxStub?: (headerLength: number) => number,
  ): Buffer[] {
    return fragmentStub(stub, this.sizes.maxXmitFrag, RESPONSE_HEADER_LENGTH, maxStub?.(RESPONSE_HEADER_LENGTH)).map(
      (f) => encodeResponse({ ...call, flags: f.flags, allocHint: f.allocHint, stub: f.stub }),
    );
  }
}
