/**
 * Directory enumeration state for QUERY_DIRECTORY — [MS-SMB2] 3.3.5.18: a search pattern fixed by
 * the first query (or a restart/reopen), a cursor that later queries resume from, and the
 * wildcard matching of [MS-FSA] 2.1.4.4 (`*`, `?` and the DOS forms `<`, `>`, `"`).
 */

/** A compiled, case-insensitive pattern. An empty pattern means "*". */
export function compileSearchPattern(pattern: string): (name: string) => boolean {
  if (pattern === '' || pattern === '*' || pattern === '*.*' || pattern === '<.*') return () => true;
  let source = '';
  for (const ch of pattern) {
    switch (ch) {
      case '*':
        source += '.*';
        break;
      case '?':
        source += '.';
        break;
      case '<': // DOS_STAR: any characters up to the last dot
        source += '.*';
        break;
      case '>': // DOS_QM: any one character, or none before a dot / at the end
        source += '.?';
        break;
      case '"': // DOS_DOT: a dot, or nothing at the end
        source += '\\.?';
        break;
      default:
        source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const re = new RegExp(`^${source}$`, 'is');
  return (name) => re.test(name);
}

export function hasWildcards(pattern: string): boolean {
  return /[*?<>"]/.test(pattern);
}

export class DirectorySearch<T> {
  private entries: readonly T[] | undefined;
  private cursor = 0;
  private matcher: ((name: string) => boolean) | undefined;
  private returnedAny = false;

  /** Whether the listing must be (re)taken before the next query. */
  get needsListing(): boolean {
    return this.entries === undefined;
  }

  /** RESTART_SCANS / REOPEN / first query: new pattern and listing, cursor at the start. */
  restart(pattern: string, entries: readonly T[]): void {
    this.matcher = compileSearchPattern(pattern);
    this.entries = entries;
    this.cursor = 0;
    this.returnedAny = false;
  }

  /** INDEX_SPECIFIED: resume after the entry whose index (1-based position) is `fileIndex`. */
  seekAfterIndex(fileIndex: number): void {
    this.cursor = Math.max(0, Math.min(fileIndex, this.entries?.length ?? 0));
  }

  /** Whether any entry was ever returned since the last restart (NO_SUCH_FILE vs NO_MORE_FILES). */
  get hasReturned(): boolean {
    return this.returnedAny;
  }

  /** Matching entries from the cursor on, each with its 1-based index; `take` advances past what was used. */
  *pending(nameOf: (entry: T) => string): Generator<{ entry: T; index: number }> {
    const entries = this.entries ?? [];
    const matcher = this.matcher ?? (() => true);
    for (let i = this.cursor; i < entries.length; i++) {
      const entry = entries[i];
      if (entry !== undefined && matcher(nameOf(entry))) yield { entry, index: i + 1 };
    }
  }

  /** Moves the cursor past the entry at 1-based `index`. */
  consumedThrough(index: number): void {
    this.cursor = index;
    this.returnedAny = true;
  }
}
