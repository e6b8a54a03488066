/**
 * The command table: one handler per SMB2 command ([MS-SMB2] 2.2.1.2 Command).
 */
import { Smb2Command } from '../../constants';
import { handleCancel } from './cancel';
import { handleClose } from './close';
import { handleCreate } from './create';
import { handleEcho } from './echo';
import { handleFlush } from './flush';
import type { Smb2Handler } from './handler';
import { handleIoctl } from './ioctl';
import { handleLogoff } from './logoff';
import { handleNegotiate } from './negotiate';
import { handleNotSupported } from './not-supported';
import { handleQueryDirectory } from './query-directory';
import { handleQueryInfo } from './query-info';
import { handleRead } from './read';
import { handleSessionSetup } from './session-setup';
import { handleSetInfo } from './set-info';
import { handleTreeConnect } from './tree-connect';
import { handleTreeDisconnect } from './tree-disconnect';
import { handleWrite } from './write';

export const HANDLERS: Readonly<Record<Smb2Command, Smb2Handler>> = {
  [Smb2Command.NEGOTIATE]: handleNegotiate,
  [Smb2Command.SESSION_SETUP]: handleSessionSetup,
  [Smb2Command.LOGOFF]: handleLogoff,
  [Smb2Command.TREE_CONNECT]: handleTreeConnect,
  [Smb2Command.TREE_DISCONNECT]: handleTreeDisconnect,
  [Smb2Command.CREATE]: handleCreate,
  [Smb2Command.CLOSE]: handleClose,
  [Smb2Command.FLUSH]: handleFlush,
  [Smb2Command.READ]: handleRead,
  [Smb2Command.WRITE]: handleWrite,
  [Smb2Command.LOCK]: handleNotSupported,
  [Smb2Command.IOCTL]: handleIoctl,
  [Smb2Command.CANCEL]: handleCancel,
  [Smb2Command.ECHO]: handleEcho,
  [Smb2Command.QUERY_DIRECTORY]: handleQueryDirectory,
  [Smb2Command.CHANGE_NOTIFY]: handleNotSupported,
  [Smb2Command.QUERY_INFO]: handleQueryInfo,
  [Smb2Command.SET_INFO]: handleSetInfo,
  [Smb2Command.OPLOCK_BREAK]: handleNotSupported,
};
