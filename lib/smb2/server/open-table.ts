/**
 * The opens of one connection — [MS-SMB2] 3.3.1.10 (Open), 3.3.1.7 (Connection) and 3.3.1.8
 * (Session.OpenTable): each open is found by its FileId, and only through the session and tree
 * that created it. A LOGOFF, TREE_DISCONNECT or the end of the connection releases the opens it
 * leaves behind.
 *
 * FileIds: Volatile counts up from 1 on each connection; Persistent repeats it (no durable
 * handles).
 */
import { NtStatusError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import type { FileId } from '../messages/common';
import type { Open } from './open';
import type { Session } from './session';
import type { TreeConnect } from './tree';

interface OpenEntry {
  readonly open: Open;
  readonly session: Session;
  readonly tree: TreeConnect;
}

export class OpenTable {
  private readonly opens = new Map<bigint, OpenEntry>();
  private nextVolatileId = 1n;

  constructor(
    /** Opens one connection may hold (beyond: STATUS_TOO_MANY_OPENED_FILES). */
    private readonly maxOpens: number,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.opens.size;
  }

  /** Gives `open` its FileId; a full table abandons it and fails with STATUS_TOO_MANY_OPENED_FILES. */
  async register(open: Open, session: Session, tree: TreeConnect): Promise<FileId> {
    if (this.opens.size >= this.maxOpens) {
      await open.abandon();
      throw new NtStatusError(NtStatus.STATUS_TOO_MANY_OPENED_FILES);
    }
    const volatile = this.nextVolatileId++;
    open.fileId = { persistent: volatile, volatile };
    this.opens.set(volatile, { open, session, tree });
    return open.fileId;
  }

  /** The open `id` names, if `session` and `tree` created it; otherwise STATUS_FILE_CLOSED. */
  find(id: FileId, session: Session | undefined, tree: TreeConnect | undefined): Open {
    const entry = this.opens.get(id.volatile);
    if (
      entry === undefined ||
      entry.open.fileId.persistent !== id.persistent ||
      entry.session !== session ||
      entry.tree !== tree
    ) {
      throw new NtStatusError(NtStatus.STATUS_FILE_CLOSED, `no open ${id.volatile}`);
    }
    return entry.open;
  }

  /** CLOSE: forgets the open, then closes it. */
  async close(open: Open): Promise<void> {
    this.opens.delete(open.fileId.volatile);
    await open.close();
  }

  /** TREE_DISCONNECT: the tree's opens are abandoned. */
  releaseTree(tree: TreeConnect): Promise<void> {
    return this.abandon((e) => e.tree === tree);
  }

  /** LOGOFF: the session's opens are abandoned. */
  releaseSession(session: Session): Promise<void> {
    return this.abandon((e) => e.session === session);
  }

  /** The connection closed: every open is abandoned. */
  releaseAll(): Promise<void> {
    return this.abandon(() => true);
  }

  private async abandon(match: (e: OpenEntry) => boolean): Promise<void> {
    for (const [id, entry] of [...this.opens]) {
      if (!match(entry)) continue;
      this.opens.delete(id);
      try {
        await entry.open.abandon();
      } catch (err) {
        this.logger.warn('releasing an open failed', { name: entry.open.name, error: String(err) });
      }
    }
  }
}
