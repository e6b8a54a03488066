/**
 * The spooler's registry kept in the state folder: the single source of truth for everything an
 * administrator changes over the wire (printers, forms, drivers, printer data and keys, security
 * descriptors in each printer's `Security` value). It is `<state>/registry.reg`, written as
 * regedit writes an export (regedit5: UTF-16LE with its BOM, every key under HKEY_LOCAL_MACHINE
 * in Windows' own layout, `...\Control\Print\Printers\<name>`, `...\Control\Print\Forms` ...),
 * so `reg import`, lib/registry/reg-file.ts (parseRegFileToRegistry) and any .reg reader read it.
 *
 * At start a stored registry replaces the fixture's (in place: every part of the server holds
 * the same Registry object); the whole file is written at start, after each change and at close,
 * atomically (lib/common/persistent-files.ts: temporary file, fsync, rename), one write at a
 * time, the last change always written. This is the registry's one writer: the state folder's
 * fixture (`pointprint export`) reads this file. Without a state folder nothing is kept (the
 * registry lives in memory).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import { PersistentFiles } from '../../common/persistent-files';
import { exportRegFile, importRegFile } from '../../registry/reg-file';
import type { Registry } from '../../registry/registry-key';

export const STATE_REGISTRY_FILE = 'registry.reg';

export class RegistryStore {
  private readonly files = new PersistentFiles('spooler registry');
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly registry: Registry,
    private readonly stateDir: string | undefined,
    private readonly logger: Logger,
  ) {}

  get file(): string | undefined {
    return this.stateDir === undefined ? undefined : path.join(this.stateDir, STATE_REGISTRY_FILE);
  }

  /** Replaces the registry's contents with the stored ones; false when nothing is stored yet. */
  async load(): Promise<boolean> {
    const file = this.file;
    if (file === undefined) return false;
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    for (const hive of this.registry.root.keys()) this.registry.root.deleteKey(hive.name);
    importRegFile(this.registry, data, file);
    this.logger.info('registry loaded from the state folder', { file });
    return true;
  }

  /** Something changed: the file is rewritten (after the write in flight, if any). */
  changed(): void {
    if (this.file === undefined || this.files.closed) return;
    this.dirty = true;
    if (this.writing === undefined) this.writing = this.drain();
  }

  /** Resolves once every change so far is on disk. */
  async flush(): Promise<void> {
    // Bounded: each pass writes what was dirty when it began.
    for (let i = 0; i < 100 && this.writing !== undefined; i++) await this.writing;
  }

  async close(): Promise<void> {
    // What was changed in process (not over the wire) is written too.
    this.changed();
    await this.flush();
    await this.files.close();
  }

  private async drain(): Promise<void> {
    const file = this.file;
    try {
      while (this.dirty && file !== undefined) {
        this.dirty = false;
        await this.files.write(file, exportRegFile(this.registry)).catch((err: unknown) =>
          this.logger.error('the registry could not be saved', {
            file,
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      }
    } finally {
      this.writing = undefined;
    }
  }
}
