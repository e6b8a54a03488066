/**
 * The opens of one connection — [MS-SMB2] 3.3.1.10 (Open), 3.3.1.7 (Connection) and 3.3.1.8
 * (Session.OpenTable): each open is found by its FileId, and only through the session and tree
 * that created it. A LOGOFF, TREE_DISCONNECT or the end of the connection releases the opens it
 * leaves behind.
 *
 * Each open also counts against its user's and the server's budgets of opens, and a named pipe
 * open against those of pipes (resource-budgets.ts): beyond the connection's own table
 * STATUS_TOO_MANY_OPENED_FILES, beyond a budget STATUS_INSUFFICIENT_RESOURCES. CREATE reserves
 * its place before the share opens anything, so a refused open costs the share nothing.
 *
 * FileIds: Volatile counts up from 1 on each connection; Persistent repeats it (no durable
 * handles).
 */
import { NtStatusError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import { Smb2ShareType } from '../constants';
import type { FileId } from '../messages/common';
import type { Open } from './open';
import type { ServerBudgets } from './resource-budgets';
import { userBudgetKey } from './resource-budgets';
import type { Session } from './session';
import type { TreeConnect } from './tree';

/** A place in the table and in the budgets, taken before the share opens anything. */
export interface OpenSlot {
  readonly key: string;
  readonly pipe: boolean;
  /** Gives the place back (the share failed to open); once registered, CLOSE gives it back. */
  release(): void;
}

interface OpenEntry {
  readonly open: Open;
  readonly session: Session;
  readonly tree: TreeConnect;
  readonly slot: OpenSlot;
}

export class OpenTable {
  private readonly opens = new Map<bigint, OpenEntry>();
  private nextVolatileId = 1n;
  /** Slots taken and not yet registered or released. */
  private pending = 0;

  constructor(
    /** Opens one connection may hold (beyond: STATUS_TOO_MANY_OPENED_FILES). */
    private readonly maxOpens: number,
    private readonly logger: Logger,
    /** The server's budgets of opens and pipes, per user and in all; none in some unit tests. */
    private readonly budgets?: Pick<ServerBudgets, 'opens' | 'pipes'>,
  ) {}

  get size(): number {
    return this.opens.size;
  }

  /**
   * Takes a place for an open of `session` on `tree`: STATUS_TOO_MANY_OPENED_FILES when the
   * connection's table is full, STATUS_INSUFFICIENT_RESOURCES when the user's or the server's
   * budget of opens (or of pipes, on IPC$) is spent.
   */
  reserve(session: Session, tree: TreeConnect): OpenSlot {
    if (this.opens.size + this.pending >= this.maxOpens) throw new NtStatusError(NtStatus.STATUS_TOO_MANY_OPENED_FILES);
    // Guests share one key, anonymous sessions another.
    const key = session.user === undefined ? 'user:' : userBudgetKey(session.user);
    const pipe = tree.share.shareType === Smb2ShareType.SMB2_SHARE_TYPE_PIPE;
    const budgets = this.budgets;
    if (budgets !== undefined) {
      if (!budgets.opens.tryTake(key))
        throw new NtStatusError(NtStatus.STATUS_INSUFFICIENT_RESOURCES, `opens budget spent (${key})`);
      if (pipe && !budgets.pipes.tryTake(key)) {
        budgets.opens.give(key);
        throw new NtStatusError(NtStatus.STATUS_INSUFFICIENT_RESOURCES, `pipes budget spent (${key})`);
      }
    }
    this.pending++;
    let held = true;
    return {
      key,
      pipe,
      release: () => {
        if (!held) return;
        held = false;
        budgets?.opens.give(key);
        if (pipe) budgets?.pipes.give(key);
      },
    };
  }

  /**
   * Gives `open` its FileId, in the place `slot` took (or one taken now: a refusal abandons the
   * open and fails with the reservation's status).
   */
  async register(open: Open, session: Session, tree: TreeConnect, slot?: OpenSlot): Promise<FileId> {
    let place: OpenSlot;
    try {
      place = slot ?? this.reserve(session, tree);
    } catch (err) {
      await open.abandon();
      throw err;
    }
    this.pending--;
    const volatile = this.nextVolatileId++;
    open.fileId = { persistent: volatile, volatile };
    this.opens.set(volatile, { open, session, tree, slot: place });
    return open.fileId;
  }

  /** A slot from reserve() that will not be registered (the share refused the open). */
  cancel(slot: OpenSlot): void {
    this.pending--;
    slot.release();
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
    const entry = this.opens.get(open.fileId.volatile);
    if (entry?.open === open) {
      this.opens.delete(open.fileId.volatile);
      entry.slot.release();
    }
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
      entry.slot.release();
      try {
        await entry.open.abandon();
      } catch (err) {
        this.logger.warn('releasing an open failed', { name: entry.open.name, error: String(err) });
      }
    }
  }
}
