/**
 * A session — [MS-SMB2] 3.3.1.8: the authentication state, the keys, the tree connects.
 *
 * States: in-progress (SESSION_SETUP exchange running) -> valid -> expired (LOGOFF / failure).
 */
import type { AuthenticatedUser } from '../../common/identity';
import type { GssAcceptor } from '../../auth/gss-acceptor';
import type { PreauthIntegrity } from '../signing/keys';
import type { TreeConnect } from './tree';

export type SessionState = 'in-progress' | 'valid' | 'expired';

export class Session {
  state: SessionState = 'in-progress';
  user: AuthenticatedUser | undefined;
  sessionKey: Buffer = Buffer.alloc(0);
  signingKey: Buffer | undefined;
  signingRequired = false;
  /** SMB 3.x: serverIn decrypts requests, serverOut encrypts responses. */
  encryptionKeys: { readonly serverIn: Buffer; readonly serverOut: Buffer } | undefined;
  isGuest = false;
  isAnonymous = false;
  /** 3.1.1 only: the session's preauth hash chain, forked from the connection's. */
  preauth: PreauthIntegrity | undefined;
  readonly trees = new Map<number, TreeConnect>();
  private nextTreeId = 1;

  /**
   * The authentication exchange in progress; dropped once it ends (success or failure): its
   * handshake bytes and mechanism state would otherwise stay for the session's life, a few KiB per
   * connection in a storm (docs/benchmarks.md, 2026-12-05). Re-authentication starts a new one.
   */
  acceptor: GssAcceptor | undefined;

  constructor(
    readonly sessionId: bigint,
    acceptor: GssAcceptor,
  ) {
    this.acceptor = acceptor;
  }

  allocateTreeId(): number {
    while (this.trees.has(this.nextTreeId) || this.nextTreeId === 0 || this.nextTreeId === 0xffffffff) {
      this.nextTreeId = (this.nextTreeId + 1) >>> 0;
    }
    return this.nextTreeId++;
  }

  /** Whether responses can be signed at all (guest and null sessions have no key). */
  get canSign(): boolean {
    return this.signingKey !== undefined && !this.isGuest && !this.isAnonymous;
  }
}
