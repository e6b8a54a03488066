/**
 * Samba's smbd as a reference server for the interop tests: the bench's launcher (bench/samba.ts,
 * one copy for both), always serving a copy of the given print$ so that smbd's architecture
 * folders never land in the repository's drivers-store.
 */
import { startSamba as startReferenceSamba, type SambaOptions, type SambaServer } from '../../bench/samba';

export { freePort, type SambaOptions, type SambaServer } from '../../bench/samba';

export function startSamba(options: SambaOptions): Promise<SambaServer> {
  return startReferenceSamba({ ...options, copyPrintDollar: true });
}
