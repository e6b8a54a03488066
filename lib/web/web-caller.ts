/**
 * The signed-in user as the spooler sees a caller: the server's account (HTTP Basic, checked
 * against the same accounts as SMB2 and the control channel), its groups, administrator when a
 * member of Administrators, and remote, since the browser reached the server over the network.
 */
import type { IncomingMessage } from 'node:http';
import { isAdministratorAccount, type UserAccount } from '../common/identity';
import type { CallerContext } from '../spoolss/types';

/** BUILTIN\Event Log Readers: with Administrators, who may read a Windows event log remotely. */
export const EVENT_LOG_READERS = 'Event Log Readers';

export function callerOf(account: UserAccount, req: IncomingMessage): CallerContext {
  const address = req.socket.remoteAddress;
  return {
    userName: account.name,
    groups: account.groups,
    isAdministrator: isAdministratorAccount(account),
    remote: true,
    ...(address !== undefined && { machineName: address.replace(/^::ffff:/, '') }),
  };
}

/**
 * Whether the caller may read the event log. Reading a Windows server's event log from another
 * machine takes Administrators or Event Log Readers (a log's default access gives other users
 * read access only at the console); the live view, a remote reader, follows that.
 */
export function mayReadEventLog(caller: CallerContext): boolean {
  return caller.isAdministrator || caller.groups.some((g) => g.toLowerCase() === EVENT_LOG_READERS.toLowerCase());
}
