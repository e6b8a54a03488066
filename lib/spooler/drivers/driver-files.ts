/**
 * The file half of AddPrinterDriverEx — [MS-RPRN] 3.1.4.4.8 (dwFileCopyFlags), 3.1.4.4.1 —
 * as a Windows server does it for a remote admin tool: the tool first copies the driver's files
 * into `\\server\print$\<arch>\` (the upload area, what GetPrinterDriverDirectory names), then
 * names them, by full path or bare name; the server moves them into the version directory
 * `<arch>\<version>\`, where GetPrinterDriver lists them and Point and Print downloads them.
 *
 * Where a named file is looked for, first found wins:
 *   1. the path itself, when it lies on a PRINT$ share (`\\<any server>\print$\x64\drv.dll`, what
 *      a source server's GetPrinterDriver gives a migration tool) or in the spooler's local
 *      drivers folder (`C:\Windows\System32\spool\drivers\x64\drv.dll`);
 *   2. the upload area `<arch>\<name>`;
 *   3. the version directory `<arch>\<version>\<name>` (installed already, or placed there).
 * A file found nowhere is ERROR_FILE_NOT_FOUND, and nothing has moved.
 *
 * A file of the upload area is moved; one from elsewhere in the store is copied (it may belong to
 * another driver). It replaces the version directory's file when APD_COPY_ALL_FILES is set, or
 * when it is newer (APD_COPY_NEW_FILES, RpcAddPrinterDriver's behaviour, and no flag).
 * DEVIATION: Windows compares the files' version resources; we compare modification times.
 * DEVIATION: a path on another server is not fetched from it (Windows' spooler would read it as
 * the caller): its name is looked for in this server's upload area, as Samba does.
 * DEVIATION: APD_STRICT_UPGRADE / APD_STRICT_DOWNGRADE are taken as APD_COPY_NEW_FILES.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { DriverStore, DriverStoreEntry } from '../../drivers/driver-store';
import { DriverStoreCollisionError, DriverStoreWriter } from '../../drivers/driver-store-writer';
import { FileCopyFlags } from '../../spoolss/constants';
import { windowsLeafName } from '../../drivers/windows-path';

export interface DriverFilesRequest {
  /** `x64`, `W32X86`, ... */
  readonly arch: string;
  readonly version: number;
  /** The files as the caller named them (driver, data, config, help, dependent files). */
  readonly files: readonly string[];
  readonly fileCopyFlags: number;
}

/** What happened to each file, for the log. */
export interface DriverFileOutcome {
  readonly name: string;
  readonly from: string;
  readonly action: 'in-place' | 'moved' | 'copied' | 'kept-newer';
}

/** The store-relative path of a file named on a PRINT$ share or in the local drivers folder. */
export function storePathOf(named: string): string | undefined {
  const p = named.replace(/\//g, '\\');
  const unc = /^\\\\[^\\]+\\print\$\\(.+)$/i.exec(p);
  if (unc) return unc[1];
  return /^[a-z]:\\windows\\system32\\spool\\drivers\\(.+)$/i.exec(p)?.[1];
}

async function find(store: DriverStore, candidates: readonly string[]): Promise<DriverStoreEntry | undefined> {
  for (const c of candidates) {
    // A name that is no safe Windows path is simply not there.
    const entry = await store.resolve(c).catch(() => undefined);
    if (entry && !entry.isDirectory) return entry;
  }
  return undefined;
}

async function ensureDirectory(writer: DriverStoreWriter, windowsPath: string): Promise<void> {
  try {
    await writer.createDirectory(windowsPath);
  } catch (err) {
    if (!(err instanceof DriverStoreCollisionError)) throw err;
  }
}

/** Finds every file, then moves or copies the ones outside the version directory into it. */
export async function installDriverFiles(store: DriverStore, req: DriverFilesRequest): Promise<DriverFileOutcome[]> {
  const versionDir = `${req.arch}\\${req.version}`;
  const seen = new Set<string>();
  const found: { name: string; source: DriverStoreEntry }[] = [];
  for (const named of req.files) {
    const name = windowsLeafName(named);
    if (name === '' || seen.has(name.toUpperCase())) continue;
    seen.add(name.toUpperCase());
    // A read-only store (no state folder) cannot take uploads: the files must be in place.
    const direct = store.writable ? storePathOf(named) : undefined;
    const candidates = [
      ...(direct !== undefined ? [direct] : []),
      ...(store.writable ? [`${req.arch}\\${name}`] : []),
      `${versionDir}\\${name}`,
    ];
    const source = await find(store, candidates);
    if (source === undefined) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_FILE_NOT_FOUND,
        `driver file ${name} is neither uploaded nor installed`,
      );
    }
    found.push({ name, source });
  }
  const outcomes: DriverFileOutcome[] = [];
  const writer = store.writable ? new DriverStoreWriter(store) : undefined;
  for (const { name, source } of found) {
    const target = `${versionDir}\\${name}`;
    const parent = source.path.slice(0, Math.max(0, source.path.lastIndexOf('\\')));
    if (writer === undefined || parent.toUpperCase() === versionDir.toUpperCase()) {
      outcomes.push({ name, from: source.path, action: 'in-place' });
      continue;
    }
    const existing = await store.resolve(target);
    const replace =
      existing === undefined ||
      (req.fileCopyFlags & FileCopyFlags.APD_COPY_ALL_FILES) !== 0 ||
      source.mtime.getTime() > existing.mtime.getTime();
    if (!replace) {
      outcomes.push({ name, from: source.path, action: 'kept-newer' });
      continue;
    }
    await ensureDirectory(writer, req.arch);
    await ensureDirectory(writer, versionDir);
    const uploaded = parent.toUpperCase() === req.arch.toUpperCase();
    if (uploaded) await writer.rename(source, target, true);
    else await writer.copy(source, target);
    outcomes.push({ name, from: source.path, action: uploaded ? 'moved' : 'copied' });
  }
  return outcomes;
}
