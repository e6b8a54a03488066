/**
 * One outstanding call of the client connection — [MS-SMB2] 3.2.1.7 (Connection.OutstandingRequests):
 * the request as sent, what it asked for, its timer, and the promise its response settles.
 */
import type { Smb2CallResponse } from './client-messages';

/** A request sent and not yet answered, by MessageId. */
export interface PendingCall {
  readonly messageId: bigint;
  readonly command: number;
  readonly sessionId: bigint;
  readonly forceSign: boolean;
  /** Sent in a TRANSFORM_HEADER: the response must come encrypted too ([MS-SMB2] 3.2.5.1.1). */
  readonly encrypted: boolean;
  readonly request: Buffer;
  readonly timeoutMs: number;
  creditsRequested: number;
  timer: NodeJS.Timeout | undefined;
  asyncId: bigint | undefined;
  readonly resolve: (r: Smb2CallResponse) => void;
  readonly reject: (e: Error) => void;
}

/** A call's promise and how to settle it. */
export interface Deferred {
  readonly promise: Promise<Smb2CallResponse>;
  readonly resolve: (r: Smb2CallResponse) => void;
  readonly reject: (e: Error) => void;
}

export function defer(): Deferred {
  let resolve: (r: Smb2CallResponse) => void = () => undefined;
  let reject: (e: Error) => void = () => undefined;
  const promise = new Promise<Smb2CallResponse>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
