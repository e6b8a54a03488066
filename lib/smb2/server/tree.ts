/**
 * A tree connect — [MS-SMB2] 3.3.1.9: one share, seen through one session.
 */
import type { Share } from './shares/share';

export class TreeConnect {
  constructor(
    readonly treeId: number,
    readonly share: Share,
  ) {}
}
