/**
 * The files one owner keeps in a folder (the spooler's state folder, a client root), with a close
 * that waits for the writes in flight and refuses later ones: once close() has resolved nothing
 * of this owner writes into the folder, so a caller may remove it (no ENOTEMPTY from a write that
 * raced the removal). Rewrites and appends go through ./atomic-file.ts; any other operation
 * (spool data, removals) through run(), with the same gate and the same error mapping.
 */
import { appendToFile, writeFileAtomic, type AtomicWriteOptions, type WriterFileSystem } from './atomic-file';
import { Win32Error } from './errors';
import { fileWriteError } from './file-system-errors';
import { Win32ErrorCode } from './status/win32-error';

export class PersistentFiles {
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;

  constructor(
    /** What owns the files, for messages (`spooler`). */
    private readonly owner: string,
    private readonly fileSystem?: WriterFileSystem,
  ) {}

  get closed(): boolean {
    return this.closing;
  }

  /** writeFileAtomic through the gate. */
  write(file: string, data: string | Buffer, options: Omit<AtomicWriteOptions, 'fileSystem'> = {}): Promise<void> {
    return this.run(file, () =>
      writeFileAtomic(file, data, { ...options, ...(this.fileSystem && { fileSystem: this.fileSystem }) }),
    );
  }

  /** appendToFile through the gate. */
  append(file: string, data: string | Buffer, options: Omit<AtomicWriteOptions, 'fileSystem'> = {}): Promise<void> {
    return this.run(file, () =>
      appendToFile(file, data, { ...options, ...(this.fileSystem && { fileSystem: this.fileSystem }) }),
    );
  }

  /** Another operation on `file`: refused once closing, tracked until it settles, errors mapped. */
  run<T>(file: string, operation: () => Promise<T>): Promise<T> {
    if (this.closing) {
      return Promise.reject(
        new Win32Error(
          Win32ErrorCode.ERROR_SHUTDOWN_IN_PROGRESS,
          `${file}: not written, the ${this.owner} is stopping`,
        ),
      );
    }
    const running = operation().catch((err: unknown) => Promise.reject(fileWriteError(err, file)));
    const tracked = running.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(tracked);
    void tracked.then(() => this.inFlight.delete(tracked));
    return running;
  }

  /** Resolves once the operations started so far have settled (succeeded or not). */
  async whenWritten(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /** Refuses new operations and resolves once those in flight have settled. */
  async close(): Promise<void> {
    this.closing = true;
    // Bounded: nothing new starts once closing.
    for (let i = 0; i < 100 && this.inFlight.size > 0; i++) await Promise.all(this.inFlight);
  }
}
