/**
 * `\\SERVER\SHARE\path` reads over an SMB2 session (what the redirector does for the client's
 * PRINT$ downloads), and writes (an administrator's driver uploads to PRINT$\<arch>\): one
 * TREE_CONNECT per share, kept for the connection, and the SMB2 client's pipelined read stream. NTSTATUS failures come back as the Win32 errors a Windows client sees
 * (ERROR_FILE_NOT_FOUND, ERROR_BAD_NET_NAME, ERROR_ACCESS_DENIED ...).
 */
import { NtStatusError, Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { parseUnc } from '../../common/unc';
import { sameWindowsName } from '../../point-and-print/windows-names';
import type { Smb2Session, Smb2Tree } from '../../smb2/client/smb2-client';
import type { PrintServerConnection } from '../print-server-connection';

/** NTSTATUS -> the Win32 error a file API reports ([MS-ERREF] 2.3 mapping, the cases a read meets). */
const NT_TO_WIN32: Readonly<Record<number, number>> = {
  [NtStatus.STATUS_OBJECT_NAME_NOT_FOUND]: Win32ErrorCode.ERROR_FILE_NOT_FOUND,
  [NtStatus.STATUS_OBJECT_PATH_NOT_FOUND]: Win32ErrorCode.ERROR_PATH_NOT_FOUND,
  [NtStatus.STATUS_OBJECT_NAME_INVALID]: Win32ErrorCode.ERROR_INVALID_NAME,
  [NtStatus.STATUS_ACCESS_DENIED]: Win32ErrorCode.ERROR_ACCESS_DENIED,
  [NtStatus.STATUS_NETWORK_ACCESS_DENIED]: Win32ErrorCode.ERROR_ACCESS_DENIED,
  [NtStatus.STATUS_FILE_IS_A_DIRECTORY]: Win32ErrorCode.ERROR_ACCESS_DENIED,
  [NtStatus.STATUS_BAD_NETWORK_NAME]: Win32ErrorCode.ERROR_BAD_NET_NAME,
  [NtStatus.STATUS_NOT_FOUND]: Win32ErrorCode.ERROR_FILE_NOT_FOUND,
};

export function win32FromNtStatus(err: unknown, what: string): unknown {
  if (!(err instanceof NtStatusError)) return err;
  const code = NT_TO_WIN32[err.status];
  return code === undefined ? err : new Win32Error(code, `${what}: ${err.message}`, { cause: err });
}

export interface ShareFileReader {
  readonly files: PrintServerConnection['files'];
  /** Disconnects the trees it connected. */
  close(): Promise<void>;
}

export function createShareFileReader(session: Smb2Session, serverName: string, logger: Logger): ShareFileReader {
  const trees = new Map<string, Promise<Smb2Tree>>();
  let closed = false;
  const tree = (share: string): Promise<Smb2Tree> => {
    const key = share.toUpperCase();
    let t = trees.get(key);
    if (t === undefined) {
      t = session.treeConnect(share);
      // A failed connect is not cached: the next file may try again.
      t.catch(() => trees.delete(key));
      trees.set(key, t);
    }
    return t;
  };
  /** The share and the path in it of `uncPath`, on this server, not on IPC$. */
  const fileOf = (uncPath: string): { share: string; path: string } => {
    if (closed) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'connection closed');
    const unc = parseUnc(uncPath);
    if (!sameWindowsName(unc.server, serverName))
      throw new Win32Error(Win32ErrorCode.ERROR_BAD_NETPATH, `${uncPath} is on another server than ${serverName}`);
    if (unc.name === undefined || unc.path === undefined)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_NAME, `${uncPath} names no file`);
    // IPC$ holds pipes, not files.
    if (sameWindowsName(unc.name, 'IPC$'))
      throw new Win32Error(Win32ErrorCode.ERROR_BAD_NET_NAME, `${uncPath}: IPC$ has no files`);
    return { share: unc.name, path: unc.path };
  };
  return {
    files: {
      async openRead(uncPath) {
        const { share, path } = fileOf(uncPath);
        try {
          const t = await tree(share);
          const opened = await t.createReadStream(path);
          logger.debug('share file opened', { path: uncPath, size: opened.size });
          return opened;
        } catch (err) {
          throw win32FromNtStatus(err, uncPath);
        }
      },
      async writeFile(uncPath, data) {
        const { share, path } = fileOf(uncPath);
        try {
          return await (await tree(share)).writeFile(path, data);
        } catch (err) {
          throw win32FromNtStatus(err, uncPath);
        }
      },
    },
    async close() {
      closed = true;
      for (const t of trees.values()) {
        await t
          .then((x) => x.disconnect())
          .catch((err: unknown) => logger.debug('TREE_DISCONNECT failed', { error: String(err) }));
      }
      trees.clear();
    },
  };
}
