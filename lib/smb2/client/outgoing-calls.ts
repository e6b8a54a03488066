/**
 * A message's requests becoming outstanding calls — [MS-SMB2] 3.2.4.1. Once credits are granted,
 * each encoded member gets its CreditCharge, CreditRequest and consecutive MessageIds (3.2.4.1.2,
 * 3.2.4.1.3: a multi-credit request takes CreditCharge MessageIds), and is signed when its
 * session signs and the message is not sealed (3.2.4.1.1; a sealed message is not signed,
 * 3.2.4.1.8). The first member asks for the credits the client lacks.
 */
import type { Smb2Dialect } from '../signing/keys';
import type { SigningAlgorithm } from '../signing/sign';
import { signSmb2Message } from '../signing/sign';
import type { Smb2CallRequest } from './client-messages';
import type { Deferred, PendingCall } from './pending-call';
import { stampRequest } from './request-encoder';
import type { SessionSigning } from './response-protection';

const MAX_CREDIT_REQUEST = 0xffff;

export interface OutgoingMessage {
  readonly requests: readonly Smb2CallRequest[];
  /** The encoded members, in order (request-encoder.ts); stamped and signed in place. */
  readonly members: readonly Buffer[];
  readonly deferreds: readonly Deferred[];
  /** CreditCharge of each member. */
  readonly charges: readonly number[];
  /** The first MessageId the credits gave. */
  readonly firstId: bigint;
  /** Credits the client lacks of what it aims to hold (asked for by the first member). */
  readonly deficit: number;
  /** Whether the message goes in a TRANSFORM_HEADER. */
  readonly sealed: boolean;
}

export interface OutgoingContext {
  readonly dialect: Smb2Dialect | undefined;
  readonly signingAlgorithm: SigningAlgorithm | undefined;
  readonly signingFor: (sessionId: bigint) => SessionSigning | undefined;
  readonly defaultTimeoutMs: number;
}

/** Stamps (and signs) each member; the calls to wait on, one per member. */
export function stampOutgoingCalls(m: OutgoingMessage, ctx: OutgoingContext): PendingCall[] {
  const calls: PendingCall[] = [];
  let id = m.firstId;
  m.members.forEach((bytes, i) => {
    const req = m.requests[i];
    const d = m.deferreds[i];
    if (req === undefined || d === undefined) throw new RangeError('compound member without request');
    const charge = m.charges[i] ?? 1;
    const creditsRequested = Math.min(MAX_CREDIT_REQUEST, i === 0 ? Math.max(charge, m.deficit) : charge);
    stampRequest(bytes, {
      // 2.0.2 and the NEGOTIATE before any dialect: CreditCharge is reserved and zero.
      creditCharge: ctx.dialect === undefined || ctx.dialect === 0x0202 ? 0 : charge,
      creditRequest: creditsRequested,
      messageId: id,
    });
    const sessionId = req.sessionId ?? 0n;
    const signing = ctx.signingFor(sessionId);
    const forceSign = req.sign === true;
    if (!m.sealed && signing !== undefined && (signing.signAll || forceSign) && ctx.dialect !== undefined) {
      signSmb2Message(ctx.dialect, signing.key, bytes, ctx.signingAlgorithm);
    }
    calls.push({
      messageId: id,
      command: req.command,
      sessionId,
      forceSign,
      encrypted: m.sealed,
      request: bytes,
      timeoutMs: req.timeoutMs ?? ctx.defaultTimeoutMs,
      creditsRequested,
      timer: undefined,
      asyncId: undefined,
      resolve: d.resolve,
      reject: d.reject,
    });
    id += BigInt(charge);
  });
  return calls;
}
