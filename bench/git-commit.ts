/** The commit a run measured: `git rev-parse HEAD` and whether the work tree had changes. */
import { execFileSync } from 'node:child_process';

export interface CommitInfo {
  /** The full hash, or "unknown" outside a git checkout. */
  readonly hash: string;
  /** Tracked or untracked changes were present (git-ignored files do not count). */
  readonly dirty: boolean;
  readonly subject?: string;
}

function git(repo: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

export function describeCommit(repo: string): CommitInfo {
  try {
    const hash = git(repo, ['rev-parse', 'HEAD']);
    const dirty = git(repo, ['status', '--porcelain']) !== '';
    const subject = git(repo, ['log', '-1', '--format=%s']);
    return { hash, dirty, subject: subject.length > 100 ? `${subject.slice(0, 97)}...` : subject };
  } catch {
    return { hash: 'unknown', dirty: false };
  }
}

/** "1a2b3c4" or "1a2b3c4+" when the tree had changes. */
export function shortCommit(c: CommitInfo): string {
  return c.hash === 'unknown' ? 'unknown' : `${c.hash.slice(0, 7)}${c.dirty ? '+' : ''}`;
}
